// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.ArrayList;
import java.util.List;

/**
 * A sorted list of disjoint regions, with the reference tool's exact behaviour: adjacent
 * regions are never merged (which changes how memory splits into power-of-two untypeds), and
 * allocation is first fit from the lowest address.
 */
public final class DisjointRegions {
  private final ArrayList<MemRegion> regions = new ArrayList<>();

  public List<MemRegion> regions() {
    return regions;
  }

  /**
   * Inserts before the first region that starts after {@code end}; no merging. As in the
   * reference, a region that then breaks the order (it overlaps, or is adjacent to and below
   * a region already present) is an error.
   */
  public void insert(long base, long end) {
    int i = 0;
    while (i < regions.size() && !(end < regions.get(i).base())) i++;
    boolean sorted = (i == 0 || regions.get(i - 1).end() <= base)
        && (i == regions.size() || end <= regions.get(i).base());
    if (!sorted) {
      throw BuildException.crash("IMG035", "the memory region 0x" + Long.toHexString(base)
          + "-0x" + Long.toHexString(end) + " overlaps or is out of order with the others (the"
          + " kernel's avail_p_regs must be sorted and disjoint)", "AssertionError");
    }
    regions.add(i, new MemRegion(base, end));
  }

  /**
   * Removes {@code [base, end)} from the one region that covers it; returns false when no
   * region covers it all (the reference raises then).
   */
  public boolean remove(long base, long end) {
    for (int i = 0; i < regions.size(); i++) {
      MemRegion r = regions.get(i);
      if (base >= r.base() && end <= r.end()) {
        cutOut(regions, i, base, end);
        return true;
      }
    }
    return false;
  }
  /**
   * Replaces region {@code i} of {@code regions}, which covers {@code [base, end)}, by what is
   * left of it: nothing, one piece or two (also Microkit's region list, which merges on insert
   * but cuts the same way).
   */
  public static void cutOut(List<MemRegion> regions, int i, long base, long end) {
    MemRegion r = regions.get(i);
    if (r.base() == base && r.end() == end) {
      regions.remove(i);
    } else if (r.base() == base) {
      regions.set(i, new MemRegion(end, r.end()));
    } else if (r.end() == end) {
      regions.set(i, new MemRegion(r.base(), base));
    } else {
      regions.set(i, new MemRegion(r.base(), base));
      regions.add(i + 1, new MemRegion(end, r.end()));
    }
  }


  /** First fit: the base of the first region at least {@code size} long, or -1. */
  public long allocate(long size) {
    for (MemRegion r : regions) {
      if (size <= r.size()) {
        long b = r.base();
        remove(b, b + size);
        return b;
      }
    }
    return -1;
  }

  /**
   * The fork's allocate_from: the first region at least {@code size} long whose base is at or
   * above {@code lowerBound} (the region's base, not the allocation's), or -1.
   */
  public long allocateFrom(long size, long lowerBound) {
    for (MemRegion r : regions) {
      if (size <= r.size() && Long.compareUnsigned(r.base(), lowerBound) >= 0) {
        long b = r.base();
        remove(b, b + size);
        return b;
      }
    }
    return -1;
  }

  public List<MemRegion> alignedPowerOfTwoBlocks() {
    return alignedPowerOfTwoBlocks(0, MemRegion.MAX_UNTYPED_BITS);
  }

  public List<MemRegion> alignedPowerOfTwoBlocks(long virtualBase, int maxBits) {
    List<MemRegion> out = new ArrayList<>();
    for (MemRegion r : regions) out.addAll(r.alignedPowerOfTwoBlocks(virtualBase, maxBits));
    return out;
  }
}
