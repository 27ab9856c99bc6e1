// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

/** An untyped capability the kernel hands the initial task at boot. */
public record UntypedObject(long cap, MemRegion region, boolean device) {
  public long base() {
    return region.base();
  }

  public int sizeBits() {
    return Bits.lsb(region.size());
  }
}
