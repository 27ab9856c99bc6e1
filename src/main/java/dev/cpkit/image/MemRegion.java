// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.ArrayList;
import java.util.List;

/** A half-open physical or virtual address range {@code [base, end)}. */
public record MemRegion(long base, long end) {
  /** Blocks larger than 2^40 are split: the kernel's untyped size limit. */
  static final int MAX_UNTYPED_BITS = 40;

  public long size() {
    return end - base;
  }

  /**
   * Splits the region into naturally aligned power-of-two blocks, greedily from the bottom,
   * as the kernel does when it creates untypeds. A base of 0 is treated as aligned to
   * everything (lsb(0) is meaningless), as in the reference.
   */
  public List<MemRegion> alignedPowerOfTwoBlocks() {
    return alignedPowerOfTwoBlocks(0, MAX_UNTYPED_BITS);
  }

  /**
   * As {@link #alignedPowerOfTwoBlocks()}, with the fork's rule: the kernel splits by kernel
   * virtual address ({@code virtualBase} + physical, wrapping at 2^64), so alignment is that
   * of the virtual address and a physical 0 is not "aligned to everything"; blocks are at most
   * {@code 2^maxBits}. With a virtual base of 0 and 40 bits this is 1.2.6's rule.
   */
  public List<MemRegion> alignedPowerOfTwoBlocks(long virtualBase, int maxBits) {
    List<MemRegion> out = new ArrayList<>();
    long b = base + virtualBase;
    long e = end + virtualBase;
    while (b != e) {
      int sizeBits = Bits.msb(e - b); // unsigned: the difference may wrap
      int bits = b == 0 ? sizeBits : Math.min(sizeBits, Bits.lsb(b));
      if (bits > maxBits) bits = maxBits;
      out.add(new MemRegion(b - virtualBase, b + (1L << bits) - virtualBase));
      b += 1L << bits;
    }
    return out;
  }

  /** The reference's repr, used in the report. */
  @Override
  public String toString() {
    return "MemoryRegion(base=0x" + Long.toHexString(base) + ", end=0x" + Long.toHexString(end)
        + ")";
  }
}
