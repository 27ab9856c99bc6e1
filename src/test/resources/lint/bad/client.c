// SPDX-License-Identifier: BSD-2-Clause
#include <sel4cp.h>

#define BAD 9

uintptr_t client_buff;

void init(void)
{
    sel4cp_notify(BAD);
    sel4cp_ppcall(CH_DRIVER, sel4cp_msginfo_new(0, 0));
    sel4cp_ppcall(CH_LOGGER, sel4cp_msginfo_new(0, 0));
    sel4cp_irq_ack(1);
}

void notified(sel4cp_channel ch)
{
    switch (ch) {
    case CH_SERVER:
        break;
    case 5:
        break;
    }
}

sel4cp_msginfo protected(sel4cp_channel ch, sel4cp_msginfo msginfo)
{
    (void)ch;
    return msginfo;
}
