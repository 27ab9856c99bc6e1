// SPDX-License-Identifier: BSD-2-Clause
#include <sel4cp.h>
#include "driver.h"

uintptr_t regs;
static uint64_t interrupts_seen;

void init(void)
{
    sel4cp_irq_ack(UART_IRQ);
}

void notified(sel4cp_channel ch)
{
    switch (ch) {
    case UART_IRQ:
        interrupts_seen++;
        sel4cp_irq_ack(ch);
        sel4cp_notify(TO_CLIENT);
        break;
    case TO_CLIENT:
        sel4cp_notify(SPARE_CH);
        break;
    case CH_SERVER:
        sel4cp_ppcall(CH_SERVER, sel4cp_msginfo_new(0, 0));
        break;
    }
}
