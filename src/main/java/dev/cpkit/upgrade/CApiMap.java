// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.upgrade;

import java.util.Map;

/**
 * What became of each name of libsel4cp's {@code sel4cp.h} (seL4/microkit@e6f235e, and the
 * sel4cp-dev branch's additions: child PDs, VMs, delayed signals) in libmicrokit's
 * {@code microkit.h} as of Microkit 2.0.0 and later (every target of cpkit upgrade). Facts
 * from Microkit's headers and CHANGES.md.
 */
final class CApiMap {
  private CApiMap() {}

  /** A rename; {@code caveat} is non-null when the meaning changed too (needs review). */
  record Rename(String to, String caveat) {}

  static final Map<String, Rename> RENAMES = Map.ofEntries(
      same("sel4cp_notify"), same("sel4cp_irq_ack"), same("sel4cp_ppcall"),
      same("sel4cp_msginfo_new"), same("sel4cp_msginfo_get_label"), same("sel4cp_mr_set"),
      same("sel4cp_mr_get"), same("sel4cp_dbg_putc"), same("sel4cp_dbg_puts"),
      same("sel4cp_channel"), same("sel4cp_msginfo"), same("sel4cp_internal_crash"),
      same("sel4cp_pd_restart"), same("sel4cp_pd_stop"),
      Map.entry("sel4cp_name", new Rename("microkit_name",
          "microkit_name holds 64 characters (sel4cp_name held 16)")),
      Map.entry("sel4cp_id", new Rename("microkit_child", null)),
      Map.entry("sel4cp_notify_delayed", new Rename("microkit_deferred_notify", null)),
      Map.entry("sel4cp_irq_ack_delayed", new Rename("microkit_deferred_irq_ack", null)),
      Map.entry("sel4cp_vm_restart", new Rename("microkit_vcpu_restart",
          "it takes a vCPU id: cpkit upgrade turns each VM id into the id of its one vCPU")),
      Map.entry("sel4cp_vm_stop", new Rename("microkit_vcpu_stop",
          "it takes a vCPU id: cpkit upgrade turns each VM id into the id of its one vCPU")),
      Map.entry("sel4cp_arm_vcpu_inject_irq", new Rename("microkit_vcpu_arm_inject_irq", null)),
      Map.entry("sel4cp_arm_vcpu_ack_vppi", new Rename("microkit_vcpu_arm_ack_vppi", null)),
      Map.entry("sel4cp_arm_vcpu_read_reg", new Rename("microkit_vcpu_arm_read_reg", null)),
      Map.entry("sel4cp_arm_vcpu_write_reg", new Rename("microkit_vcpu_arm_write_reg", null)),
      Map.entry("have_signal", new Rename("microkit_have_signal", null)),
      Map.entry("signal_msg", new Rename("microkit_signal_msg", null)),
      Map.entry("MONITOR_ENDPOINT_CAP", new Rename("MONITOR_EP", null)),
      Map.entry("SEL4CP_MAX_CHANNELS", new Rename("MICROKIT_MAX_CHANNELS",
          "the limit is 62 channels (ids 0..61); SEL4CP_MAX_CHANNELS was 63")));

  /** Names with no counterpart, and what to do instead. */
  static final Map<String, String> NO_COUNTERPART = Map.of(
      "sel4cp_fault_reply", "Microkit has no fault reply call: fault() returns seL4_True and"
          + " sets *reply_msginfo to have the faulting child resumed",
      "sel4cp_riscv_vcpu_read_reg", "Microkit has no RISC-V vCPU register API; call"
          + " seL4_RISCV_VCPU_ReadRegs(BASE_VCPU_CAP + vcpu, reg) directly",
      "sel4cp_riscv_vcpu_write_reg", "Microkit has no RISC-V vCPU register API; call"
          + " seL4_RISCV_VCPU_WriteRegs(BASE_VCPU_CAP + vcpu, reg, value) directly",
      "REPLY_CAP", "libmicrokit keeps its reply capability to itself; reply to a fault through"
          + " fault()'s return value and *reply_msginfo",
      "memzero", "sel4cp-dev's sel4cp.h defined memzero(); microkit.h does not: define it, or"
          + " use '= {0}' initialisation",
      "__sel4_ipc_buffer_obj", "since Microkit 2.3.0 the tool places the IPC buffer above the"
          + " stack and no linker script declares __sel4_ipc_buffer_obj; use seL4_GetIPCBuffer()");

  private static Map.Entry<String, Rename> same(String name) {
    return Map.entry(name, new Rename("microkit" + name.substring("sel4cp".length()), null));
  }
}
