// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Emulates the seL4 kernel's boot far enough to know every untyped it will create, in the
 * order it creates them (sel4cp 1.2.6 for aarch64, MCS): device memory is everything below
 * 2^40 that is neither RAM nor a kernel device page; normal memory is RAM minus the kernel
 * image, the initial task, the reserved region and the rootserver objects.
 */
public final class KernelBoot {
  static final long PADDR_USER_DEVICE_TOP = 1L << 40;
  static final long KERNEL_FRAME_SIZE = 0x1000;
  static final int FIXED_CAP_COUNT = 15;
  /** The rootserver objects are aligned to the larger of the root CNode and the VSpace. */
  static final int ROOTSERVER_ALIGN_BITS = 12 + 5;

  private final KernelFacts kernel;

  public KernelBoot(KernelFacts kernel) {
    this.kernel = kernel;
  }

  /** Device and normal memory after the kernel image is removed (the "partial boot"). */
  record Memory(DisjointRegions device, DisjointRegions normal, MemRegion bootRegion) {}

  Memory partialBoot() {
    DisjointRegions device = new DisjointRegions();
    DisjointRegions normal = new DisjointRegions();
    device.insert(0, PADDR_USER_DEVICE_TOP);
    for (long paddr : kernel.kernelDeviceFrames()) {
      removeOrFail(device, paddr, paddr + KERNEL_FRAME_SIZE);
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

  /** The full emulation, given where the monitor and the reserved region were placed. */
  public BootInfo boot(MemRegion initialTaskPhys, MemRegion initialTaskVirt,
      MemRegion reserved) {
    Memory m = partialBoot();
    removeOrFail(m.normal(), initialTaskPhys.base(), initialTaskPhys.end());
    removeOrFail(m.normal(), reserved.base(), reserved.end());
    long size = rootserverSize(initialTaskVirt);
    boolean placed = false;
    List<MemRegion> rs = m.normal().regions();
    // the kernel scans from the highest region down; round_down may go negative (Python
    // floor semantics), which simply fails the base check
    for (int i = rs.size() - 1; i >= 0 && !placed; i--) {
      MemRegion r = rs.get(i);
      long start = Bits.roundDown(r.end() - size, 1L << ROOTSERVER_ALIGN_BITS);
      if (start >= r.base()) {
        m.normal().remove(start, start + size);
        placed = true;
      }
    }
    if (!placed) {
      throw BuildException.crash("IMG030", "no free RAM region can hold the initial task's"
          + " kernel objects (0x" + Long.toHexString(size) + " bytes, 128 KiB aligned)",
          "Exception: Couldn't find appropriate region for initial task kernel objects");
    }
    long paging = pagingStructures(initialTaskVirt);
    long pages = initialTaskVirt.size() / 0x1000;
    long firstUntyped = FIXED_CAP_COUNT + paging + 1 + pages;
    List<MemRegion> deviceBlocks = new ArrayList<>(reserved.alignedPowerOfTwoBlocks());
    deviceBlocks.addAll(m.device().alignedPowerOfTwoBlocks());
    List<MemRegion> normalBlocks = new ArrayList<>(m.bootRegion().alignedPowerOfTwoBlocks());
    normalBlocks.addAll(m.normal().alignedPowerOfTwoBlocks());
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
    return (1L << 17) + (1L << 11) + 2 * (1L << 12) + (1L << 12) + (1L << 12)
        + pagingStructures(virt) * (1L << 12) + (1L << 8);
  }

  /** Upper directories, directories and page tables needed to map {@code r}. */
  static long pagingStructures(MemRegion r) {
    long n = 0;
    for (int bits : new int[] {39, 30, 21}) {
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
