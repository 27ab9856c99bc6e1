// SPDX-License-Identifier: BSD-2-Clause
#include <sel4cp.h>

uintptr_t regs;

void notified(sel4cp_channel ch)
{
    if (ch == IRQ_142) {
        sel4cp_notify(IRQ_142);
    }
    if (ch == CH_CLIENT || ch == CH_SERVER) {
        sel4cp_irq_ack(CH_CLIENT);
    }
}
