// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.EnumMap;
import java.util.Map;

/**
 * Everything about the target kernel that changes the builder's bytes: object type numbers
 * (as printed in the report and as sent to the kernel), object sizes, invocation labels, the
 * boot emulation's constants and the fork's layout rules. Two families: {@link #sel4cp126()}
 * (the kernel sel4cp 1.2.6 ships, aarch64, constants in the tool) and {@link #fork} (the
 * community fork, Ivan-Velickovic/sel4cp@3902541, configured by the SDK's {@code config.json}).
 *
 * <p>Object types are identified by the number the report prints ({@code type}); for 1.2.6 it
 * is the kernel's own number, for the fork it is the fork tool's architecture-neutral
 * {@code Sel4Object} value, mapped to the kernel's number only on the wire ({@link #wireType}).
 */
public final class KernelAbi {
  /** The objects the builder creates, whatever their numbers. */
  public enum Obj {
    UNTYPED, TCB, ENDPOINT, NOTIFICATION, CNODE, SCHED_CONTEXT, REPLY, SMALL_PAGE, LARGE_PAGE,
    HUGE_PAGE, PAGE_TABLE, PAGE_DIRECTORY, PAGE_UPPER_DIRECTORY, VSPACE, VCPU
  }

  private final boolean fork;
  private final KernelConfig config;
  private final Map<Obj, Integer> numbers = new EnumMap<>(Obj.class);
  private final String[] names;
  private final long[] sizes;
  private final int[] wire;
  private final Map<InvocationKind, Long> labels = new EnumMap<>(InvocationKind.class);

  private KernelAbi(boolean fork, KernelConfig config, String[] names, long[] sizes, int[] wire) {
    this.fork = fork;
    this.config = config;
    this.names = names;
    this.sizes = sizes;
    this.wire = wire;
  }

  private static final KernelAbi SEL4CP_126 = upstream();

  /** The upstream tool's kernel: aarch64, MCS, no hypervisor. */
  public static KernelAbi sel4cp126() {
    return SEL4CP_126;
  }

  private static KernelAbi upstream() {
    String[] names = {"SEL4_UNTYPED_OBJECT", "SEL4_TCB_OBJECT", "SEL4_ENDPOINT_OBJECT",
        "SEL4_NOTIFICATION_OBJECT", "SEL4_CNODE_OBJECT", "SEL4_SCHEDCONTEXT_OBJECT",
        "SEL4_REPLY_OBJECT", "SEL4_HUGE_PAGE_OBJECT", "SEL4_PAGE_UPPER_DIRECTORY_OBJECT",
        "SEL4_PAGE_GLOBAL_DIRECTORY_OBJECT", "SEL4_SMALL_PAGE_OBJECT", "SEL4_LARGE_PAGE_OBJECT",
        "SEL4_PAGE_TABLE_OBJECT", "SEL4_PAGE_DIRECTORY_OBJECT"};
    // 0 = variable size (untyped, CNode, SC) or, for huge pages, not known to the tool
    long[] sizes = {0, 1 << 11, 1 << 4, 1 << 6, 0, 0, 1 << 5, 0, 1 << 12, 1 << 12, 1 << 12,
        1 << 21, 1 << 12, 1 << 12};
    int[] wire = new int[14];
    for (int i = 0; i < wire.length; i++) wire[i] = i;
    KernelAbi a = new KernelAbi(false, null, names, sizes, wire);
    Obj[] order = {Obj.UNTYPED, Obj.TCB, Obj.ENDPOINT, Obj.NOTIFICATION, Obj.CNODE,
        Obj.SCHED_CONTEXT, Obj.REPLY, Obj.HUGE_PAGE, Obj.PAGE_UPPER_DIRECTORY, Obj.VSPACE,
        Obj.SMALL_PAGE, Obj.LARGE_PAGE, Obj.PAGE_TABLE, Obj.PAGE_DIRECTORY};
    for (int i = 0; i < order.length; i++) a.numbers.put(order[i], i);
    for (InvocationKind k : InvocationKind.values()) a.labels.put(k, k.label);
    return a;
  }

  /** The fork's kernel as its {@code config.json} describes it. */
  public static KernelAbi fork(KernelConfig c) {
    boolean arm = c.aarch64();
    boolean hyp = c.hypervisor();
    boolean pa40 = arm && hyp && c.armPaBits() == 40;
    // the fork's Sel4Object numbering, which is what its report prints
    String[] names = {"SEL4_UNTYPED_OBJECT", "SEL4_TCB_OBJECT", "SEL4_ENDPOINT_OBJECT",
        "SEL4_NOTIFICATION_OBJECT", "SEL4_CNODE_OBJECT", "SEL4_SCHEDCONTEXT_OBJECT",
        "SEL4_REPLY_OBJECT", "SEL4_SMALL_PAGE_OBJECT", "SEL4_LARGE_PAGE_OBJECT",
        // Quirk reproduced: the fork names huge pages "SEL4_HUGE_PAGE_SIZE"
        "SEL4_HUGE_PAGE_SIZE", "SEL4_PAGE_TABLE_OBJECT", "SEL4_VSPACE_OBJECT",
        "SEL4_VCPU_OBJECT"};
    // sizes the fork allocates with (a TCB is 2 KiB even where the kernel's is 1 KiB)
    long vspace = pa40 ? 1 << 13 : c.riscv64() && hyp ? 1 << 14 : 1 << 12;
    long vcpu = c.riscv64() && hyp ? 1 << 10 : 1 << 12;
    long[] sizes = {0, 1 << 11, 1 << 4, 1 << 6, 0, 0, 1 << 5, 1 << 12, 1 << 21, 1 << 30,
        1 << 12, vspace, vcpu};
    int[] wire;
    if (arm) {
      wire = new int[] {0, 1, 2, 3, 4, 5, 6, 9, 10, 7, 11, 8, 12};
    } else {
      wire = new int[] {0, 1, 2, 3, 4, 5, 6, 8, 9, 7, 10, 10, hyp ? 11 : 12};
    }
    KernelAbi a = new KernelAbi(true, c, names, sizes, wire);
    Obj[] order = {Obj.UNTYPED, Obj.TCB, Obj.ENDPOINT, Obj.NOTIFICATION, Obj.CNODE,
        Obj.SCHED_CONTEXT, Obj.REPLY, Obj.SMALL_PAGE, Obj.LARGE_PAGE, Obj.HUGE_PAGE,
        Obj.PAGE_TABLE, Obj.VSPACE, Obj.VCPU};
    for (int i = 0; i < order.length; i++) a.numbers.put(order[i], i);
    // every paging level below the VSpace is a PageTable object in the newer kernel
    a.numbers.put(Obj.PAGE_DIRECTORY, 10);
    a.numbers.put(Obj.PAGE_UPPER_DIRECTORY, 10);
    long[] common = {1, 3, 8, 10, 11, 13, 14, 20, 21, 27, 30};
    InvocationKind[] commonKinds = {InvocationKind.UNTYPED_RETYPE,
        InvocationKind.TCB_WRITE_REGISTERS, InvocationKind.TCB_SET_SCHED_PARAMS,
        InvocationKind.TCB_SET_IPC_BUFFER, InvocationKind.TCB_SET_SPACE,
        InvocationKind.TCB_RESUME, InvocationKind.TCB_BIND_NOTIFICATION,
        InvocationKind.CNODE_COPY, InvocationKind.CNODE_MINT,
        InvocationKind.IRQ_HANDLER_SET_NOTIFICATION,
        InvocationKind.SCHED_CONTROL_CONFIGURE_FLAGS};
    for (int i = 0; i < common.length; i++) a.labels.put(commonKinds[i], common[i]);
    if (arm) {
      a.labels.put(InvocationKind.PAGE_TABLE_MAP, 40L);
      a.labels.put(InvocationKind.PAGE_MAP, 42L);
      a.labels.put(InvocationKind.ASID_POOL_ASSIGN, 50L);
      // the VCPU and trigger labels move up by five when the kernel is a hypervisor
      a.labels.put(InvocationKind.IRQ_CONTROL_GET_TRIGGER, hyp ? 56L : 51L);
      a.labels.put(InvocationKind.VCPU_SET_TCB, hyp ? 51L : 55L);
    } else {
      a.labels.put(InvocationKind.PAGE_TABLE_MAP, 36L);
      a.labels.put(InvocationKind.PAGE_MAP, 38L);
      a.labels.put(InvocationKind.ASID_POOL_ASSIGN, 42L);
      // Quirk reproduced: the fork sends the *ARM* trigger label's enum value (60) on RISC-V
      a.labels.put(InvocationKind.IRQ_CONTROL_GET_TRIGGER, 60L);
      a.labels.put(InvocationKind.VCPU_SET_TCB, 44L);
    }
    return a;
  }

  public boolean fork() {
    return fork;
  }

  /** The fork's configuration; null for 1.2.6. */
  public KernelConfig config() {
    return config;
  }

  public boolean riscv() {
    return fork && config.riscv64();
  }

  public boolean hypervisor() {
    return fork && config.hypervisor();
  }

  /** A 40-bit-PA aarch64 hypervisor: 3-level stage-2 tables, no upper directory. */
  public boolean armPa40Hyp() {
    return fork && config.aarch64() && config.hypervisor() && config.armPaBits() == 40;
  }

  /** The report number of an object kind. */
  public int type(Obj o) {
    Integer n = numbers.get(o);
    if (n == null) throw new IllegalArgumentException(o + " does not exist for this kernel");
    return n;
  }

  public String typeName(int type) {
    return names[type];
  }

  /** Allocation size of a type; 0 if variable (untyped, CNode, SC) or unknown. */
  public long typeSize(int type) {
    return sizes[type];
  }

  /** The number the kernel understands for a report number. */
  public int wireType(int type) {
    return wire[type];
  }

  public long label(InvocationKind k) {
    Long l = labels.get(k);
    if (l == null) throw new IllegalArgumentException(k + " is not used with this kernel");
    return l;
  }

  // -- boot emulation

  public long paddrUserDeviceTop() {
    return fork ? config.paddrUserDeviceTop() : 1L << 40;
  }

  /** Size of each kernel-only device mapping ({@code map_kernel_devices}). */
  public long kernelDeviceSize() {
    return riscv() ? 1L << 21 : 1L << 12;
  }

  /** seL4_MaxUntypedBits. */
  public int maxUntypedBits() {
    return !fork ? 40 : riscv() ? 38 : 47;
  }

  /**
   * The kernel's virtual base: the fork splits memory into untypeds by kernel virtual address
   * (with 64-bit wrap-around), 1.2.6 by physical address (0 here).
   */
  public long kernelVirtualBase() {
    if (!fork) return 0;
    if (config.aarch64()) return config.hypervisor() ? 1L << 39 : -(1L << 39);
    return config.ptLevels() == 4 ? -(1L << 39) : -(1L << 38);
  }

  public int rootCnodeBits() {
    return fork ? config.rootCnodeBits() : 12;
  }

  int tcbBits() {
    return riscv() && !config.haveFpu() ? 10 : 11;
  }

  int vspaceBits() {
    return armPa40Hyp() ? 13 : riscv() && hypervisor() ? 14 : 12;
  }

  int minSchedContextBits() {
    return fork ? 7 : 8;
  }

  /** Address bits each paging level of the initial task covers (one structure per block). */
  int[] pagingLevelBits() {
    return riscv() || armPa40Hyp() ? new int[] {30, 21} : new int[] {39, 30, 21};
  }

  public int schedControlCount() {
    return fork ? config.numCpus() : 1;
  }

  public int fanOutLimit() {
    return fork ? config.fanOutLimit() : 256;
  }

  // -- cap layout and attributes

  public long pdCapSize() {
    return fork ? 512 : 256;
  }

  /** Default VM attributes of page-table maps. */
  public long defaultVmAttributes() {
    return riscv() ? 0 : 3;
  }

  /** Attributes for a page mapping. */
  public long mapAttributes(boolean cached, boolean executable) {
    if (riscv()) return executable ? 0 : 1;
    long a = 2; // parity
    if (cached) a |= 1;
    if (!executable) a |= 4;
    return a;
  }

  /** Registers in seL4_UserContext. */
  public int registerCount() {
    return riscv() ? 32 : 36;
  }

  @Override
  public String toString() {
    return fork ? "fork " + config : "sel4cp 1.2.6";
  }
}
