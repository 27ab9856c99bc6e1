// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.List;
import java.util.Set;

/**
 * The seL4 methods the monitor performs, with their labels in the aarch64, MCS, non-hypervisor
 * numbering of the kernel sel4cp 1.2.6 ships (other kernels: {@link KernelAbi#label}), the
 * report's object/method names and their arguments in declaration order. Declaration order is
 * the report's order; on the wire the cap arguments come first, then the values (see
 * {@link InvocationEncoder}).
 */
public enum InvocationKind {
  UNTYPED_RETYPE(1, "Untyped", "Retype", "untyped",
      List.of("object_type", "size_bits", "root", "node_index", "node_depth", "node_offset",
          "num_objects"), Set.of("root")),
  TCB_WRITE_REGISTERS(3, "TCB", "WriteRegisters", "tcb",
      List.of("resume", "arch_flags", "regs"), Set.of()),
  TCB_SET_SCHED_PARAMS(8, "TCB", "SetSchedParams", "tcb",
      List.of("authority", "mcp", "priority", "sched_context", "fault_ep"),
      Set.of("authority", "sched_context", "fault_ep")),
  TCB_SET_IPC_BUFFER(10, "TCB", "SetIPCBuffer", "tcb", List.of("buffer", "buffer_frame"),
      Set.of("buffer_frame")),
  TCB_SET_SPACE(11, "TCB", "SetSpace", "tcb",
      List.of("fault_ep", "cspace_root", "cspace_root_data", "vspace_root", "vspace_root_data"),
      Set.of("fault_ep", "cspace_root", "vspace_root")),
  TCB_RESUME(13, "TCB", "Resume", "tcb", List.of(), Set.of()),
  TCB_BIND_NOTIFICATION(14, "TCB", "BindNotification", "tcb", List.of("notification"),
      Set.of("notification")),
  CNODE_MINT(21, "CNode", "Mint", "cnode",
      List.of("dest_index", "dest_depth", "src_root", "src_obj", "src_depth", "rights", "badge"),
      Set.of("src_root")),
  IRQ_CONTROL_GET(25, "IRQ Control", "Get", "irq_control",
      List.of("irq", "dest_root", "dest_index", "dest_depth"), Set.of("dest_root")),
  /** The fork's IRQ Control Get with a trigger (label by ABI). */
  IRQ_CONTROL_GET_TRIGGER(0, "IRQ Control", "Get", "irq_control",
      List.of("irq", "trigger", "dest_root", "dest_index", "dest_depth"), Set.of("dest_root")),
  /** The fork only: copies each TCB cap into its own CNode. */
  CNODE_COPY(20, "CNode", "Copy", "cnode",
      List.of("dest_index", "dest_depth", "src_root", "src_obj", "src_depth", "rights"),
      Set.of("src_root")),
  /** The fork only: binds a VM's vCPU to its TCB. */
  VCPU_SET_TCB(0, "VCPU", "Set TCB", "vcpu", List.of("tcb"), Set.of("tcb")),
  IRQ_HANDLER_SET_NOTIFICATION(27, "IRQ Handler", "SetNotification", "irq_handler",
      List.of("notification"), Set.of("notification")),
  SCHED_CONTROL_CONFIGURE_FLAGS(30, "SchedControl", "ConfigureFlags", "schedcontrol",
      List.of("schedcontext", "budget", "period", "extra_refills", "badge", "flags"),
      Set.of("schedcontext")),
  PAGE_UPPER_DIRECTORY_MAP(40, "Page Upper Directory", "Map", "page_upper_directory",
      List.of("vspace", "vaddr", "attr"), Set.of("vspace")),
  PAGE_DIRECTORY_MAP(42, "Page Directory", "Map", "page_directory",
      List.of("vspace", "vaddr", "attr"), Set.of("vspace")),
  PAGE_TABLE_MAP(44, "Page Table", "Map", "page_table", List.of("vspace", "vaddr", "attr"),
      Set.of("vspace")),
  PAGE_MAP(46, "Page", "Map", "page", List.of("vspace", "vaddr", "rights", "attr"),
      Set.of("vspace")),
  ASID_POOL_ASSIGN(54, "ASID Pool", "Assign", "asid_pool", List.of("vspace"), Set.of("vspace"));

  final long label;
  final String objectName;
  final String methodName;
  final String serviceName;
  final List<String> fields;
  final Set<String> caps;
  /** Per field: is it a cap argument (sent as an extra cap rather than a message word)? */
  final boolean[] isCap;

  InvocationKind(long label, String objectName, String methodName, String serviceName,
      List<String> fields, Set<String> caps) {
    this.label = label;
    this.objectName = objectName;
    this.methodName = methodName;
    this.serviceName = serviceName;
    this.fields = fields;
    this.caps = caps;
    this.isCap = new boolean[fields.size()];
    for (int i = 0; i < fields.size(); i++) isCap[i] = caps.contains(fields.get(i));
  }

  /** Index of a field among the arguments after the service, or -1 for the service. */
  int fieldIndex(String name) {
    if (name.equals(serviceName)) return -1;
    int i = fields.indexOf(name);
    if (i < 0) throw new IllegalArgumentException(this + " has no field " + name);
    return i;
  }
}
