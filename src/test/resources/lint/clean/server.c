// SPDX-License-Identifier: BSD-2-Clause
/* Clean server: comparisons instead of a switch, and protected() since it has pp. */
#include <sel4cp.h>

enum channels { FROM_CLIENT, FROM_DRIVER };

void init(void)
{
}

void notified(sel4cp_channel ch)
{
    if (ch == FROM_CLIENT || FROM_DRIVER == ch) {
        sel4cp_dbg_puts("notified\n");
    }
}

sel4cp_msginfo protected(sel4cp_channel ch, sel4cp_msginfo msginfo)
{
    switch (ch) {
    case FROM_CLIENT:
    case FROM_DRIVER:
        return sel4cp_msginfo_new(sel4cp_msginfo_get_label(msginfo), 0);
    }
    return sel4cp_msginfo_new(0, 0);
}
