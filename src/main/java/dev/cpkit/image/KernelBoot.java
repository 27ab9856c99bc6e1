// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Emulates the seL4 kernel's boot far enough to know every untyped it will create, in the
 * order it creates them (sel4cp 1.2.6 for aarch64, MCS; the fork's kernels through
 * {@link KernelAbi}): device memory is everything below 2^40 (the fork: the configured
 * {@code PADDR_USER_DEVICE_TOP}) that is neither RAM nor a kernel device page; normal memory
 * is RAM minus the kernel image, the initial task, the reserved region and the rootserver
 * objects.
 */
public final class KernelBoot {
  static final int FIXED_CAP_COUNT = 15;

  private final KernelFacts kernel;
  private final KernelAbi abi;

  public KernelBoot(KernelFacts kernel) {
    this(kernel, KernelAbi.sel4cp126());
  }

  public KernelBoot(KernelFacts kernel, KernelAbi abi) {
    this.kernel = kernel;
    this.abi = abi;
  }

  /** Device and normal memory after the kernel image is removed (the "partial boot"). */
  record Memory(DisjointRegions device, DisjointRegions normal, MemRegion bootRegion) {}

  Memory partialBoot() {
    DisjointRegions device = new DisjointRegions();
    DisjointRegions normal = new DisjointRegions();
    device.insert(0, abi.paddrUserDeviceTop());
    for (long paddr : kernel.kernelDeviceFrames()) {
      removeOrFail(device, paddr, paddr + abi.kernelDeviceSize());
    }
    for (long[] r : kernel.ram()) {
      removeOrFail(device, r[0], r[1]);
      normal.insert(r[0], r[1]);
    }
    removeOrFail(normal, kernel.imageStart(), kernel.imageEnd());
    return new Memory(device, normal, new MemRegion(kernel.imageStart(), kernel.bootEnd()));
  }

  /** Normal memory the tool may place the reserved region and the monitor in. */
  public DisjointRegions availableMemory() {
    return partialBoot().normal();
  }

  /** Where the kernel's boot code ends (the fork places everything above it). */
  public MemRegion bootRegion() {
    return partialBoot().bootRegion();
  }

  /** The full emulation, given where the monitor and the reserved region were placed. */
  public BootInfo boot(MemRegion initialTaskPhys, MemRegion initialTaskVirt,
      MemRegion reserved) {
    Memory m = partialBoot();
    removeOrFail(m.normal(), initialTaskPhys.base(), initialTaskPhys.end());
    removeOrFail(m.normal(), reserved.base(), reserved.end());
    long size = rootserverSize(initialTaskVirt, abi);
    int alignBits = Math.max(abi.rootCnodeBits() + 5, abi.vspaceBits());
    boolean placed = false;
    List<MemRegion> rs = m.normal().regions();
    // the kernel scans from the highest region down; round_down may go negative (Python
    // floor semantics), which simply fails the base check
    for (int i = rs.size() - 1; i >= 0 && !placed; i--) {
      MemRegion r = rs.get(i);
      long start = Bits.roundDown(r.end() - size, 1L << alignBits);
      if (start >= r.base()) {
        m.normal().remove(start, start + size);
        placed = true;
      }
    }
    if (!placed) {
      throw BuildException.crash("IMG030", "no free RAM region can hold the initial task's"
          + " kernel objects (0x" + Long.toHexString(size) + " bytes, " + (1 << alignBits - 10)
          + " KiB aligned)",
          "Exception: Couldn't find appropriate region for initial task kernel objects");
    }
    long paging = pagingStructures(initialTaskVirt, abi.pagingLevelBits());
    long pages = initialTaskVirt.size() / 0x1000;
    long firstUntyped = FIXED_CAP_COUNT + paging + abi.schedControlCount() + pages;
    long kvb = abi.kernelVirtualBase();
    int maxBits = abi.maxUntypedBits();
    List<MemRegion> deviceBlocks = new ArrayList<>(reserved.alignedPowerOfTwoBlocks(kvb, maxBits));
    deviceBlocks.addAll(m.device().alignedPowerOfTwoBlocks(kvb, maxBits));
    List<MemRegion> normalBlocks = new ArrayList<>(
        m.bootRegion().alignedPowerOfTwoBlocks(kvb, maxBits));
    normalBlocks.addAll(m.normal().alignedPowerOfTwoBlocks(kvb, maxBits));
    List<UntypedObject> uts = new ArrayList<>(deviceBlocks.size() + normalBlocks.size());
    long cap = firstUntyped;
    for (MemRegion r : deviceBlocks) uts.add(new UntypedObject(cap++, r, true));
    for (MemRegion r : normalBlocks) uts.add(new UntypedObject(cap++, r, false));
    return new BootInfo(FIXED_CAP_COUNT, FIXED_CAP_COUNT + paging, paging, pages, List.copyOf(uts),
        cap);
  }

  /**
   * Bytes of the rootserver objects: root CNode (2^12 slots of 32 B), TCB, IPC buffer and
   * boot info pages, ASID pool, VSpace, the paging structures for the initial task, and a
   * minimum-size scheduling context.
   */
  static long rootserverSize(MemRegion virt) {
    return rootserverSize(virt, KernelAbi.sel4cp126());
  }

  /**
   * As {@link #rootserverSize(MemRegion)} with {@code abi}'s sizes (the fork: root CNode bits
   * from the configuration, TCB, VSpace and paging levels by architecture and hypervisor mode,
   * a 128-byte minimum scheduling context).
   */
  static long rootserverSize(MemRegion virt, KernelAbi abi) {
    return (1L << (abi.rootCnodeBits() + 5)) + (1L << abi.tcbBits()) + 2 * (1L << 12)
        + (1L << 12) + (1L << abi.vspaceBits())
        + pagingStructures(virt, abi.pagingLevelBits()) * (1L << 12)
        + (1L << abi.minSchedContextBits());
  }

  /** Upper directories, directories and page tables needed to map {@code r}. */
  static long pagingStructures(MemRegion r) {
    return pagingStructures(r, new int[] {39, 30, 21});
  }

  /** Paging structures needed to map {@code r}, one per block of each level's size. */
  static long pagingStructures(MemRegion r, int[] levels) {
    long n = 0;
    for (int bits : levels) {
      long a = 1L << bits;
      n += (Bits.roundUp(r.end(), a) - Bits.roundDown(r.base(), a)) / a;
    }
    return n;
  }

  private static void removeOrFail(DisjointRegions d, long base, long end) {
    if (!d.remove(base, end)) {
      String range = "0x" + Long.toHexString(base) + "-0x" + Long.toHexString(end);
      throw BuildException.crash("IMG031", "the kernel's memory map is inconsistent: the range "
          + range + " is not inside the memory it is taken from (overlapping RAM regions or"
          + " device frames in the kernel ELF, or a system too large for RAM)",
          "ValueError: Attempting to remove region (" + range + ") that is not currently covered");
    }
  }
}
