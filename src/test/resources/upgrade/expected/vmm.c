// SPDX-License-Identifier: BSD-2-Clause
/* A sel4cp-dev VMM: every kind of API use cpkit upgrade handles. */
#include <microkit.h>
#include <stdint.h>
#include <stdbool.h>
#include "vmm_config.h"

#define GUEST_VM 0
#define SERIAL_IRQ 1

uintptr_t guest_ram_vaddr;
static bool started = false;
static char name_copy[MICROKIT_MAX_CHANNELS];

static void log_name(void)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts("sel4cp_notify in a string stays as it is\n"); /* sel4cp_notify here too */
}

void init(void)
{
    log_name();
    microkit_vcpu_restart(GUEST_VM, guest_ram_vaddr);
    started = true;
    (void)name_copy;
}

void notified(microkit_channel ch)
{
    switch (ch) {
    case SERIAL_IRQ:
        microkit_vcpu_arm_inject_irq(GUEST_VM, 33, 0, 1, 0);
        microkit_deferred_irq_ack(ch);
        break;
    default:
        microkit_dbg_puts("unexpected\n");
    }
}

void fault(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch;
    microkit_vcpu_stop(GUEST_VM);
    sel4cp_fault_reply(msginfo);
    sel4cp_frobnicate();
}
