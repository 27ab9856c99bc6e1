/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Declarations of the libmicrokit API (Microkit 1.4 and later), written for cpkit's tests
 * from the Microkit manual: names and signatures only.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t seL4_Word;
typedef seL4_Word seL4_CPtr;
typedef struct seL4_MessageInfo { seL4_Word words[1]; } seL4_MessageInfo_t;

typedef unsigned int microkit_channel;
typedef unsigned int microkit_child;
typedef seL4_MessageInfo_t microkit_msginfo;

#define MICROKIT_MAX_CHANNELS 62

void init(void);
void notified(microkit_channel ch);
microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo);

extern char microkit_name[64];
extern bool microkit_have_signal;
extern seL4_CPtr microkit_signal_cap;
extern seL4_MessageInfo_t microkit_signal_msg;

void microkit_dbg_putc(int c);
void microkit_dbg_puts(const char *s);
void microkit_notify(microkit_channel ch);
void microkit_irq_ack(microkit_channel ch);
microkit_msginfo microkit_ppcall(microkit_channel ch, microkit_msginfo msginfo);
microkit_msginfo microkit_msginfo_new(seL4_Word label, uint16_t count);
seL4_Word microkit_msginfo_get_label(microkit_msginfo msginfo);
seL4_Word microkit_msginfo_get_count(microkit_msginfo msginfo);
void microkit_mr_set(uint8_t mr, seL4_Word value);
seL4_Word microkit_mr_get(uint8_t mr);
