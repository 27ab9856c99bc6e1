/* SPDX-License-Identifier: BSD-2-Clause */
/* A UART driver: writes its registers, acks its irq through notified()'s parameter. */
#include <stdint.h>
#include <sel4cp.h>

#define UART_IRQ 1
#define READER 0

uintptr_t uart_base;

void init(void)
{
    ((volatile uint32_t *)uart_base)[2] = 1; /* enable */
}

void notified(sel4cp_channel ch)
{
    switch (ch) {
    case UART_IRQ:
        ((volatile uint32_t *)uart_base)[1] = 0;
        sel4cp_irq_ack(ch);
        sel4cp_notify(READER);
        break;
    case READER:
        ((volatile uint32_t *)uart_base)[0] = 'x';
        break;
    }
}
