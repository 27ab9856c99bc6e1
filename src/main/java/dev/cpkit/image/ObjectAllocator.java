// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Predicts where the kernel places objects retyped from normal (non-device) untypeds: first
 * fit over the untypeds in boot order, each a bump allocator with alignment, as the kernel's
 * untyped watermark works.
 */
public final class ObjectAllocator {
  /** Where an allocation went: the untyped's cap and the physical address of the first object. */
  public record Allocation(long untypedCap, long physAddr) {}

  private final List<UntypedObject> untypeds = new ArrayList<>();
  private long[] points;
  private boolean forkMessage;

  /** With the fork's text for the out-of-memory crash (for the located error's reference). */
  ObjectAllocator forkMessage() {
    forkMessage = true;
    return this;
  }

  public ObjectAllocator(BootInfo boot) {
    for (UntypedObject ut : boot.untypeds()) if (!ut.device()) untypeds.add(ut);
    points = new long[untypeds.size()];
  }

  /**
   * Allocates {@code count} objects of {@code size} bytes (a power of two). Quirk reproduced
   * from the reference: a call with {@code count == 0} still succeeds and still moves the
   * chosen untyped's watermark up to the alignment, which shifts every later address.
   */
  public Allocation alloc(long size, long count) {
    if (!Bits.isPowerOfTwo(size)) throw new IllegalArgumentException("size " + size);
    for (int i = 0; i < untypeds.size(); i++) {
      UntypedObject ut = untypeds.get(i);
      long start = Bits.roundUp(ut.base() + points[i], size);
      if (start + count * size <= ut.region().end()) {
        points[i] = start - ut.base() + count * size;
        return new Allocation(ut.cap(), start);
      }
    }
    throw BuildException.crash("IMG040", "out of memory: no untyped has room for " + count
        + " object" + (count == 1 ? "" : "s") + " of 0x" + Long.toHexString(size)
        + " bytes; the system needs more RAM than the kernel leaves free",
        forkMessage ? "Exception: Not enough space to allocate 0x" + Long.toHexString(size * count)
            + " bytes" : "Exception: Can't alloc - nos pace");
  }
}
