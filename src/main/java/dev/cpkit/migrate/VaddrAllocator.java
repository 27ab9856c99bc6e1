// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Places mappings in one PD's address space: upwards from 0x3000000 (where the transition
 * guide's examples start, well above a PD's program image at 0x200000), each at the next
 * address aligned to its page size, never across a fixed range (a VMM's guest RAM window).
 */
final class VaddrAllocator {
  static final long BASE = 0x3000000L;
  /** Below the smallest user address-space top of the supported boards (sel4cp: 2^39). */
  static final long TOP = 0x8000000000L;
  private long next = BASE;
  private final List<long[]> fixed = new ArrayList<>();

  /** Reserves {@code [vaddr, vaddr+size)} for a mapping at a fixed address. */
  void reserve(long vaddr, long size) {
    fixed.add(new long[] {vaddr, vaddr + size});
  }

  /** The address for a mapping of {@code size} bytes, or -1 when the space is exhausted. */
  long allocate(long size, long align) {
    long v = alignUp(next, align);
    boolean moved = true;
    while (moved) {
      moved = false;
      for (long[] r : fixed) {
        if (v < r[1] && v + size > r[0]) {
          v = alignUp(r[1], align);
          moved = true;
        }
      }
    }
    if (v + size > TOP || v + size < v) return -1;
    next = v + size;
    return v;
  }

  static long alignUp(long v, long align) {
    return (v + align - 1) & -align;
  }
}
