// SPDX-License-Identifier: BSD-2-Clause
/* A sel4cp-dev VMM: every kind of API use cpkit upgrade handles. */
#include <sel4cp.h>
#include "vmm_config.h"

#define GUEST_VM 0
#define SERIAL_IRQ 1

uintptr_t guest_ram_vaddr;
static bool started = false;
static char name_copy[SEL4CP_MAX_CHANNELS];

static void log_name(void)
{
    sel4cp_dbg_puts(sel4cp_name);
    sel4cp_dbg_puts("sel4cp_notify in a string stays as it is\n"); /* sel4cp_notify here too */
}

void init(void)
{
    log_name();
    sel4cp_vm_restart(GUEST_VM, guest_ram_vaddr);
    started = true;
    (void)name_copy;
}

void notified(sel4cp_channel ch)
{
    switch (ch) {
    case SERIAL_IRQ:
        sel4cp_arm_vcpu_inject_irq(GUEST_VM, 33, 0, 1, 0);
        sel4cp_irq_ack_delayed(ch);
        break;
    default:
        sel4cp_dbg_puts("unexpected\n");
    }
}

void fault(sel4cp_channel ch, sel4cp_msginfo msginfo)
{
    (void)ch;
    sel4cp_vm_stop(GUEST_VM);
    sel4cp_fault_reply(msginfo);
    sel4cp_frobnicate();
}
