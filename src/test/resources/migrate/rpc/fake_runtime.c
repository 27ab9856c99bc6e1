/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fake libsel4cp for the host: message registers are an array, and sel4cp_ppcall calls the
 * server's protected() directly. Both PDs' RPC buffers point at the same memory, as the
 * shared region would after the image builder patched their setvars.
 */
#include <sel4cp.h>
#include <stdio.h>
#include <stdlib.h>

sel4cp_msginfo server_protected(sel4cp_channel ch, sel4cp_msginfo msginfo);
void server_init(void);
void client_init(void);
extern int fails, passes;

static uint64_t mrs[120];
bool have_signal;
static char shared[0x1000];
extern uintptr_t c_rpc_buf;
extern uintptr_t s_rpc_buf_0;

seL4_Word seL4_MessageInfo_get_length(seL4_MessageInfo_t info) { return info.words[0] & 0x7f; }
seL4_Word seL4_MessageInfo_get_label(seL4_MessageInfo_t info) { return info.words[0] >> 12; }
sel4cp_msginfo sel4cp_msginfo_new(uint64_t label, uint16_t count) {
    sel4cp_msginfo m = { { (label << 12) | (count & 0x7f) } };
    return m;
}
uint64_t sel4cp_msginfo_get_label(sel4cp_msginfo m) { return seL4_MessageInfo_get_label(m); }
void sel4cp_mr_set(uint8_t mr, uint64_t value) { mrs[mr] = value; }
uint64_t sel4cp_mr_get(uint8_t mr) { return mrs[mr]; }
void sel4cp_dbg_putc(int c) { putchar(c); }
void sel4cp_dbg_puts(const char *s) { fputs(s, stdout); }
void sel4cp_notify(sel4cp_channel ch) { (void)ch; }
void sel4cp_irq_ack(sel4cp_channel ch) { (void)ch; }

sel4cp_msginfo sel4cp_ppcall(sel4cp_channel ch, sel4cp_msginfo msginfo) {
    if (ch != CLIENT_CH) { printf("FAIL wrong channel %u\n", ch); exit(2); }
    /* the kernel transfers only `count` registers: clear the rest to catch over-reads */
    for (uint64_t i = seL4_MessageInfo_get_length(msginfo); i < 120; i++) mrs[i] = 0xdeadbeef;
    sel4cp_msginfo reply = server_protected(SERVER_CH, msginfo);
    if (sel4cp_msginfo_get_label(reply) != 0) { printf("FAIL reply label\n"); exit(2); }
    for (uint64_t i = seL4_MessageInfo_get_length(reply); i < 120; i++) mrs[i] = 0xdeadbeef;
    return reply;
}

int main(void) {
    c_rpc_buf = (uintptr_t)shared;
    s_rpc_buf_0 = (uintptr_t)shared;
    server_init();
    client_init();
    return fails == 0 && passes > 0 ? 0 : 1;
}
