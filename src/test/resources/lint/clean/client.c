// SPDX-License-Identifier: BSD-2-Clause
/* Clean client: every id comes from the generated header's names or a #define. */
#include <stdint.h>
#include <sel4cp.h>

#define LOG_CH 2 /* the logger's channel */

uintptr_t client_buf;

void init(void)
{
    /* sel4cp_notify(9) in a comment is not code */
    sel4cp_dbg_puts("sel4cp_notify(9) in a string is not code either\n");
    sel4cp_msginfo reply = sel4cp_ppcall(CH_SERVER, sel4cp_msginfo_new(1, 0));
    (void)reply;
    sel4cp_notify(CH_DRIVER);
    ((volatile char *)client_buf)[0] = 'x';
}

void notified(sel4cp_channel ch)
{
    switch (ch) {
    case CH_SERVER:
        break;
    case CH_DRIVER:
        sel4cp_dbg_puts("driver says hello\n");
        break;
    case LOG_CH:
        break;
    default:
        sel4cp_dbg_puts("unexpected channel\n");
    }
}
