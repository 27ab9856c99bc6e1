/* SPDX-License-Identifier: BSD-2-Clause */
/* A stand-in libsel4cp for the Makefile test: links, never runs on seL4. */
#include <sel4cp.h>
bool have_signal;
char sel4cp_name[16];
static uint64_t mrs[64];
seL4_Word seL4_MessageInfo_get_length(seL4_MessageInfo_t i) { return i.words[0] & 0x7f; }
seL4_Word seL4_MessageInfo_get_label(seL4_MessageInfo_t i) { return i.words[0] >> 12; }
void sel4cp_dbg_putc(int c) { (void)c; }
void sel4cp_dbg_puts(const char *s) { (void)s; }
void sel4cp_notify(sel4cp_channel ch) { (void)ch; }
void sel4cp_irq_ack(sel4cp_channel ch) { (void)ch; }
sel4cp_msginfo sel4cp_ppcall(sel4cp_channel ch, sel4cp_msginfo m) { (void)ch; return m; }
sel4cp_msginfo sel4cp_msginfo_new(uint64_t l, uint16_t c) { sel4cp_msginfo m = {{(l << 12) | c}}; return m; }
uint64_t sel4cp_msginfo_get_label(sel4cp_msginfo m) { return m.words[0] >> 12; }
void sel4cp_mr_set(uint8_t mr, uint64_t v) { mrs[mr] = v; }
uint64_t sel4cp_mr_get(uint8_t mr) { return mrs[mr]; }
void _start(void) { init(); for (;;) notified(0); }
