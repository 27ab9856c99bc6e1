/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Declarations of the libsel4cp API (seL4 Core Platform 1.2.6), written for cpkit's tests from
 * the seL4CP manual: names and signatures only. The SDK's real header defines the helpers as
 * static functions over seL4 system calls; these tests only compile against it (and the
 * RPC round-trip test links a fake implementation).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t seL4_Word;
typedef seL4_Word seL4_CPtr;
typedef struct seL4_MessageInfo { seL4_Word words[1]; } seL4_MessageInfo_t;

seL4_Word seL4_MessageInfo_get_length(seL4_MessageInfo_t info);
seL4_Word seL4_MessageInfo_get_label(seL4_MessageInfo_t info);

typedef unsigned int sel4cp_channel;
typedef seL4_MessageInfo_t sel4cp_msginfo;

#define SEL4CP_MAX_CHANNELS 63

/* entry points the PD provides */
void init(void);
void notified(sel4cp_channel ch);
sel4cp_msginfo protected(sel4cp_channel ch, sel4cp_msginfo msginfo);

extern char sel4cp_name[16];
extern bool have_signal;
extern seL4_CPtr signal;
extern seL4_MessageInfo_t signal_msg;

void sel4cp_dbg_putc(int c);
void sel4cp_dbg_puts(const char *s);
void sel4cp_notify(sel4cp_channel ch);
void sel4cp_irq_ack(sel4cp_channel ch);
sel4cp_msginfo sel4cp_ppcall(sel4cp_channel ch, sel4cp_msginfo msginfo);
sel4cp_msginfo sel4cp_msginfo_new(uint64_t label, uint16_t count);
uint64_t sel4cp_msginfo_get_label(sel4cp_msginfo msginfo);
void sel4cp_mr_set(uint8_t mr, uint64_t value);
uint64_t sel4cp_mr_get(uint8_t mr);
