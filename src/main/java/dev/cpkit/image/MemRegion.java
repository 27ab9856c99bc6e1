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
    List<MemRegion> out = new ArrayList<>();
    long b = base;
    while (b != end) {
      int sizeBits = Bits.msb(end - b);
      int bits = b == 0 ? sizeBits : Math.min(sizeBits, Bits.lsb(b));
      if (bits > MAX_UNTYPED_BITS) bits = MAX_UNTYPED_BITS;
      out.add(new MemRegion(b, b + (1L << bits)));
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
