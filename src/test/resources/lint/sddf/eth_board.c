// SPDX-License-Identifier: BSD-2-Clause
/* One driver for two boards, chosen with -D as the Makefile does. */
#include <stdint.h>
#include <sel4cp.h>
#include "board.h"
#include "board.h"

#if defined(BOARD_imx8mm_evk)
#define IRQ_CH 0
#define RX_CH 1
#elif defined BOARD_maaxboard
#define IRQ_CH 0
#define RX_CH 3
#else
#define IRQ_CH 5
#define RX_CH 6
#endif

/* CONFIG_ names come from the kernel configuration sel4cp.h includes: not found here */
#ifdef CONFIG_DEBUG_BUILD
#define DEBUG_CH 1
#else
#define DEBUG_CH 9
#endif

#if ETH_RING_SIZE > 256 && !defined(SMALL_RINGS)
#define TX_CH 2
#else
#define TX_CH 8
#endif

uintptr_t eth_regs;

void init(void)
{
    sel4cp_irq_ack(IRQ_CH);
    sel4cp_notify(RX_CH);
    sel4cp_notify(TX_CH);
    sel4cp_notify(DEBUG_CH);
#ifndef BOARD_imx8mm_evk
    sel4cp_notify(42);
#endif
#if 0
    sel4cp_notify(43);
#endif
}

void notified(sel4cp_channel ch)
{
    switch (ch) {
    case IRQ_CH:
        sel4cp_irq_ack(ch);
        break;
#if BOARD_REV >= 2
    case 13:
        break;
#endif
    case RX_CH:
    case TX_CH:
        break;
    }
}
