// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.image.BootInfo;
import dev.cpkit.image.BuildException;
import dev.cpkit.image.MemRegion;
import dev.cpkit.image.UntypedObject;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
import dev.cpkit.system.Board;
import java.util.ArrayList;
import java.util.List;

/**
 * Emulates the seL4 boot on AArch64 and RISC-V far enough to know the untypeds the initial
 * task receives, as Microkit 2.x does ({@code sel4.rs#emulate_kernel_boot*}). Against
 * sel4cp 1.2.6 ({@code KernelBoot}): the memory map comes from {@code platform_gen.json}
 * (device regions listed, not "everything else below 2^40"); there is no reserved region; the
 * kernel image is found from its first PT_LOAD segment and {@code ki_end}/{@code ki_boot_end};
 * regions merge; object sizes come from {@code object_sizes.json}; 16 fixed caps (not 15);
 * untypeds are split on kernel virtual addresses with at most 2^47 (AArch64) or 2^38
 * (RISC-V) bytes each; the order is device memory, then the boot region, then normal memory.
 */
public final class MicrokitBoot {
  static final long SMALL_PAGE = 0x1000;
  static final int FIXED_CAP_COUNT = 0x10;

  private final MicrokitKernelConfig config;
  private final PlatformConfig platform;
  private final MemRegion kernelImage;
  private final MemRegion bootRegion;

  /** Memory after the kernel removed its own image: what the initial task can be placed in. */
  public record Partial(MicrokitRegions device, MicrokitRegions normal, MemRegion bootRegion) {}

  public MicrokitBoot(MicrokitKernelConfig config, PlatformConfig platform, ElfFile kernel) {
    if (config.arch() == Board.Arch.X86_64) {
      throw new IllegalArgumentException("the kernel boot is not emulated on x86-64");
    }
    this.config = config;
    this.platform = platform;
    ElfSegment first = null;
    for (ElfSegment s : kernel.segments()) {
      if (s.loadable()) {
        first = s;
        break;
      }
    }
    if (first == null) {
      throw BuildException.crash("IMG122", "the kernel ELF '" + kernel.name() + "' has no"
          + " loadable segment", null);
    }
    long base = first.paddr();
    this.kernelImage = new MemRegion(base, symbol(kernel, "ki_end") - first.vaddr() + base);
    this.bootRegion = new MemRegion(base, symbol(kernel, "ki_boot_end") - first.vaddr() + base);
  }

  private static long symbol(ElfFile kernel, String name) {
    if (!kernel.hasSymbol(name)) {
      throw BuildException.crash("IMG122", "the kernel ELF '" + kernel.name() + "' has no '"
          + name + "' symbol", "Could not find '" + name + "' symbol");
    }
    return kernel.symbol(name)[0];
  }

  /** The kernel image in physical memory: {@code [first segment paddr, ki_end)}. */
  public MemRegion kernelImage() {
    return kernelImage;
  }

  /** {@code emulate_kernel_boot_partial}. */
  public Partial partial() {
    MicrokitRegions device = new MicrokitRegions();
    MicrokitRegions normal = new MicrokitRegions();
    for (MemRegion r : platform.devices()) device.insert(r.base(), r.end());
    for (MemRegion r : platform.memory()) normal.insert(r.base(), r.end());
    normal.remove(kernelImage.base(), kernelImage.end());
    return new Partial(device, normal, bootRegion);
  }

  /**
   * Where Microkit puts the initial task: the first free normal region at or above the end of
   * the kernel's boot region that can hold {@code size} bytes; -1 if none (IMG120 for the
   * caller).
   */
  public long placeInitialTask(long size) {
    return partial().normal().allocateFrom(size, bootRegion.end());
  }

  /**
   * {@code emulate_kernel_boot}: the boot info for an initial task whose image occupies
   * {@code phys} in physical and {@code virt} in virtual memory (same size).
   */
  public BootInfo boot(MemRegion phys, MemRegion virt) {
    if (phys.size() != virt.size()) {
      throw new IllegalArgumentException("the initial task's physical and virtual sizes differ");
    }
    Partial p = partial();
    MicrokitRegions normal = p.normal();
    normal.remove(phys.base(), phys.end());
    // the kernel maps the IPC buffer and the boot info frame after the image
    MemRegion taskVirt = new MemRegion(virt.base(), virt.end() + 2 * SMALL_PAGE);
    long size = rootserverSize(taskVirt);
    int align = rootserverAlignBits();
    long start = -1;
    List<MemRegion> rs = normal.regions();
    for (int i = rs.size() - 1; i >= 0; i--) {
      MemRegion r = rs.get(i);
      if (Long.compareUnsigned(r.end(), size) < 0) continue; // would wrap below zero
      long s = MicrokitRegions.roundDown(r.end() - size, 1L << align);
      if (Long.compareUnsigned(s, r.base()) >= 0) {
        start = s;
        break;
      }
    }
    if (start == -1) {
      throw BuildException.crash("IMG119", "no free RAM region can hold the initial task's"
          + " kernel objects (0x" + Long.toHexString(size) + " bytes, aligned to 2^" + align
          + ")", "Couldn't find appropriate region for initial task kernel objects");
    }
    normal.remove(start, start + size);

    long paging = pagingStructures(taskVirt);
    long pages = taskVirt.size() / config.minimumPageSize();
    long firstUntyped = FIXED_CAP_COUNT + paging + 1 + pages;
    int maxBits = config.arch() == Board.Arch.AARCH64 ? 47 : 38;
    long vbase = config.virtualBase();
    List<MemRegion> device = p.device().alignedPowerOfTwoBlocks(vbase, maxBits);
    List<MemRegion> normalBlocks = new ArrayList<>(MicrokitRegions.blocks(p.bootRegion(),
        vbase, maxBits));
    normalBlocks.addAll(normal.alignedPowerOfTwoBlocks(vbase, maxBits));
    List<UntypedObject> uts = new ArrayList<>(device.size() + normalBlocks.size());
    long cap = firstUntyped;
    for (MemRegion r : device) uts.add(new UntypedObject(cap++, r, true));
    for (MemRegion r : normalBlocks) uts.add(new UntypedObject(cap++, r, false));
    return new BootInfo(FIXED_CAP_COUNT, FIXED_CAP_COUNT + paging, paging, pages,
        List.copyOf(uts), cap);
  }

  /**
   * seL4's {@code calculate_rootserver_size}: root CNode (2^bits slots of 32 bytes), TCB, IPC
   * buffer and boot info pages, ASID pool (4 KiB), VSpace, the paging structures for the
   * initial task, and a minimum scheduling context (128 bytes).
   */
  long rootserverSize(MemRegion taskVirt) {
    ObjectSizes o = config.objectSizes();
    return (1L << (config.rootCnodeBits() + 5)) + (1L << o.tcb()) + 2 * (1L << o.smallPage())
        + (1L << 12) + (1L << o.vspace()) + pagingStructures(taskVirt) * (1L << o.pageTable())
        + (1L << 7);
  }

  int rootserverAlignBits() {
    return Math.max(config.rootCnodeBits() + 5, config.objectSizes().vspace());
  }

  /**
   * Page tables the kernel allocates to map the initial task: AArch64 needs levels at 2^39,
   * 2^30 and 2^21 (2^30 and 2^21 when the stage-2 VSpace starts at level 1), RISC-V Sv39 at
   * 2^30 and 2^21.
   */
  long pagingStructures(MemRegion r) {
    int[] levels = config.arch() == Board.Arch.RISCV64 || config.aarch64VspaceStartsAtLevel1()
        ? new int[] {30, 21} : new int[] {39, 30, 21};
    long n = 0;
    for (int bits : levels) {
      long a = 1L << bits;
      n += (MicrokitRegions.roundUp(r.end(), a) - MicrokitRegions.roundDown(r.base(), a)) / a;
    }
    return n;
  }
}
