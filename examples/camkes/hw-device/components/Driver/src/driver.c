/* SPDX-License-Identifier: BSD-2-Clause */
/* On each interrupt: read the device's status register, tell the client, acknowledge. */
#include <camkes.h>

void irq_handle(void) {
    uint32_t status = ((volatile uint32_t *)regs)[0];
    ((volatile uint32_t *)regs)[1] = status; /* clear what we saw */
    ready_emit();
    irq_acknowledge();
}
