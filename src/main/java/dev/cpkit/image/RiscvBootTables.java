// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.image.elf.ElfFile;

/**
 * The fork's RISC-V (Sv39) boot page tables for its loader: one level-1 table with two
 * entries pointing at level-2 tables, one mapping the loader itself from {@code _text} up and
 * one mapping the kernel window, both with 2 MiB leaves (read, write, execute, global,
 * accessed, dirty, valid).
 */
final class RiscvBootTables {
  static final int PAGE_SHIFT = 12;
  static final int PPN_SHIFT = 10;
  /** A leaf: R | W | X | G | A | D (0xce), plus V. */
  static final long LEAF = 0xce | 1;
  /** A pointer to the next level: V only. */
  static final long NEXT = 1;

  private RiscvBootTables() {}

  /** Index of {@code addr} in a table of level {@code n} (1 = top) of a {@code levels} walk. */
  static int index(int levels, long addr, int n) {
    return (int) ((addr >>> (9 * (levels - n) + PAGE_SHIFT)) & 511);
  }

  /** The PPN field for a physical address (its 4 KiB frame number at bit 10). */
  static long ppn(long paddr) {
    return (paddr >>> PAGE_SHIFT) << PPN_SHIFT;
  }

  static byte[] patch(byte[] image, ElfFile loader, long segVaddr, long kernelVaddr,
      long kernelPaddr, int levels) {
    long text = loader.symbol("_text")[0];
    long lvl2 = loader.symbol("boot_lvl2_pt")[0];
    long lvl2Elf = loader.symbol("boot_lvl2_pt_elf")[0];
    long[] l1 = new long[512];
    long[] l2 = new long[512];
    long[] l2Elf = new long[512];
    // the loader runs at its physical address: map it 1:1 from _text on
    l1[index(levels, text, 1)] = ppn(lvl2Elf) | NEXT;
    long page = 0;
    for (int i = index(levels, text, 2); i < 512; i++) {
      l2Elf[i] = ppn(text + (page++ << 21)) | LEAF;
    }
    // the kernel window: its first virtual address onto its first physical one
    l1[index(levels, kernelVaddr, 1)] = ppn(lvl2) | NEXT;
    page = 0;
    for (int i = index(levels, kernelVaddr, 2); i < 512; i++) {
      l2[i] = ppn(kernelPaddr + (page++ << 21)) | LEAF;
    }
    image = LoaderImage.BootPageTables.put(image, loader, "boot_lvl1_pt", l1, segVaddr);
    image = LoaderImage.BootPageTables.put(image, loader, "boot_lvl2_pt", l2, segVaddr);
    return LoaderImage.BootPageTables.put(image, loader, "boot_lvl2_pt_elf", l2Elf, segVaddr);
  }
}
