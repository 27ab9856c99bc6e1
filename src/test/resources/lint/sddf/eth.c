// SPDX-License-Identifier: BSD-2-Clause
#include <stdint.h>
#include <sel4cp.h>
#include "eth_config.h"

#define NEXT(x) ((x) + 1)
#define SELF SELF

uintptr_t eth_regs;

static void handle_irq(void)
{
    sel4cp_notify(RX_CH);
    sel4cp_notify(ETH_VIRT_CH(TX_INDEX));
    sel4cp_irq_ack(ETH_IRQ_CH);
}

void init(void)
{
    sel4cp_notify(NEXT(NEXT(TX_CH)));
    sel4cp_notify(ETH_VIRT_CH(7));
    sel4cp_irq_ack(ETH_VIRT_CH(ETH_IRQ_CH));
    sel4cp_notify(CH_OF(TX) + 1);
    sel4cp_notify(SELF);
    sel4cp_notify(ETH_VIRT_CH(1, 2));
}

void notified(sel4cp_channel ch)
{
    switch (ch) {
    case ETH_IRQ_CH:
        handle_irq();
        break;
    case ETH_VIRT_CH(RX_INDEX):
    case ETH_VIRT_CH(TX_INDEX):
        break;
    case NEXT(TX_CH):
        break;
    }
}
