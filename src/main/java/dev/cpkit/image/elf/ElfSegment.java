// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.elf;

/**
 * One program header of an ELF file with its memory image. As in the reference tool, every
 * program header is a segment whatever its type, and {@code data} is {@code memsz} long: the
 * file bytes followed by zeros, so that patched {@code .bss} variables end up in the image.
 *
 * @param data mutable: patching writes into it and the loader image copies it
 */
public record ElfSegment(int type, long paddr, long vaddr, byte[] data, int flags) {
  public static final int PT_LOAD = 1;
  public static final int PF_X = 1;
  public static final int PF_W = 2;
  public static final int PF_R = 4;

  public boolean loadable() {
    return type == PT_LOAD;
  }

  public long memSize() {
    return data.length;
  }

  public boolean readable() {
    return (flags & PF_R) != 0;
  }

  public boolean writable() {
    return (flags & PF_W) != 0;
  }

  public boolean executable() {
    return (flags & PF_X) != 0;
  }

  /** A copy with its own data, for a build that patches it. */
  public ElfSegment copy() {
    return new ElfSegment(type, paddr, vaddr, data.clone(), flags);
  }

  /**
   * The offset of {@code [vaddr, vaddr+size)} inside this segment, or -1 if the segment does
   * not contain all of it. Unsigned, because kernel addresses have the top bit set.
   */
  public long offsetOf(long addr, long size) {
    if (Long.compareUnsigned(addr, vaddr) < 0) return -1;
    long off = addr - vaddr;
    if (Long.compareUnsigned(off, data.length) > 0) return -1;
    if (Long.compareUnsigned(size, data.length - off) > 0) return -1;
    return off;
  }
}
