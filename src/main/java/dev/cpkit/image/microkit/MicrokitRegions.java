// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.image.BuildException;
import dev.cpkit.image.DisjointRegions;
import dev.cpkit.image.MemRegion;
import java.util.ArrayList;
import java.util.List;

/**
 * Microkit 2.x's {@code DisjointMemoryRegion} ({@code lib.rs}): sorted, disjoint regions. It
 * differs from sel4cp's (cpkit's {@code DisjointRegions}) in ways that change untyped lists:
 * an inserted region is <em>merged</em> with a neighbour it touches, allocation can be aligned
 * or bounded below, and splitting into untypeds works on kernel virtual addresses. All
 * comparisons are unsigned (u64 in Microkit).
 */
public final class MicrokitRegions {
  private final ArrayList<MemRegion> regions = new ArrayList<>();

  public List<MemRegion> regions() {
    return java.util.Collections.unmodifiableList(regions);
  }

  public MicrokitRegions copy() {
    MicrokitRegions c = new MicrokitRegions();
    c.regions.addAll(regions);
    return c;
  }

  private static boolean lt(long a, long b) {
    return Long.compareUnsigned(a, b) < 0;
  }

  private static boolean le(long a, long b) {
    return Long.compareUnsigned(a, b) <= 0;
  }

  /**
   * Inserts {@code [base, end)} before the first region it ends at or below, merging it into
   * a region it touches (only the neighbour Microkit looks at). Overlapping or empty regions
   * are errors (IMG121; Microkit asserts).
   */
  public void insert(long base, long end) {
    if (!lt(base, end)) throw badRegion(base, end, "is empty");
    int at = regions.size();
    for (int i = 0; i < regions.size(); i++) {
      if (le(end, regions.get(i).base())) {
        at = i;
        break;
      }
    }
    int n = regions.size();
    if (n == 0) {
      regions.add(new MemRegion(base, end));
    } else if (at == 0 && regions.get(0).base() == end) {
      regions.set(0, new MemRegion(base, regions.get(0).end()));
    } else if (at == n && regions.get(n - 1).end() == base) {
      regions.set(n - 1, new MemRegion(regions.get(n - 1).base(), end));
    } else if (at < n && end == regions.get(at).base()) {
      regions.set(at, new MemRegion(base, regions.get(at).end()));
    } else if (at < n && base == regions.get(at).end()) {
      regions.set(at, new MemRegion(regions.get(at).base(), end));
    } else {
      regions.add(at, new MemRegion(base, end));
    }
    long lastEnd = 0;
    for (MemRegion r : regions) {
      if (lt(r.base(), lastEnd)) throw badRegion(base, end, "overlaps another region");
      lastEnd = r.end();
    }
  }

  private static BuildException badRegion(long base, long end, String why) {
    return BuildException.crash("IMG121", "the memory region [0x" + Long.toHexString(base)
        + "..0x" + Long.toHexString(end) + ") " + why + " (platform_gen.json must list"
        + " disjoint regions)", null);
  }

  /** Removes {@code [base, end)} from the region that holds all of it (IMG118 if none does). */
  public void remove(long base, long end) {
    for (int i = 0; i < regions.size(); i++) {
      MemRegion r = regions.get(i);
      if (le(r.base(), base) && le(end, r.end())) {
        DisjointRegions.cutOut(regions, i, base, end);
        return;
      }
    }
    String range = "[0x" + Long.toHexString(base) + "-0x" + Long.toHexString(end) + ")";
    throw BuildException.crash("IMG118", "the memory " + range + " is not inside the memory it"
        + " is taken from (the kernel image outside RAM, or overlapping regions)",
        "Internal error: attempting to remove region " + range + " that is not currently covered");
  }

  /**
   * First fit from the bottom, the base rounded up to {@code align}: the base, or -1 when no
   * region fits. (Microkit checks the size against the unaligned region first, as here.)
   */
  public long allocate(long size, long align) {
    for (MemRegion r : regions) {
      long b = roundUp(r.base(), align);
      if (le(size, r.size()) && le(b + size, r.end()) && !lt(b, r.base())) {
        remove(b, b + size);
        return b;
      }
    }
    return -1;
  }

  /** The first region starting at or above {@code lowerBound} that holds {@code size}; or -1. */
  public long allocateFrom(long size, long lowerBound) {
    for (MemRegion r : regions) {
      if (le(size, r.size()) && le(lowerBound, r.base())) {
        remove(r.base(), r.base() + size);
        return r.base();
      }
    }
    return -1;
  }

  /** Every region split into untyped-sized blocks; see {@link #blocks(MemRegion, long, int)}. */
  public List<MemRegion> alignedPowerOfTwoBlocks(long virtualBase, int maxBits) {
    List<MemRegion> out = new ArrayList<>();
    for (MemRegion r : regions) out.addAll(blocks(r, virtualBase, maxBits));
    return out;
  }

  /**
   * Splits a region into naturally aligned power-of-two blocks of at most 2^maxBits, as the
   * kernel does at boot: on kernel virtual addresses (physical + {@code virtualBase}, wrapping
   * in 64 bits), which changes the split where the virtual range wraps around zero.
   */
  public static List<MemRegion> blocks(MemRegion r, long virtualBase, int maxBits) {
    List<MemRegion> out = new ArrayList<>();
    long base = r.base() + virtualBase;
    long end = r.end() + virtualBase;
    while (base != end) {
      int sizeBits = 63 - Long.numberOfLeadingZeros(end - base);
      int bits = base == 0 ? sizeBits : Math.min(sizeBits, Long.numberOfTrailingZeros(base));
      if (bits > maxBits) bits = maxBits;
      long sz = 1L << bits;
      out.add(new MemRegion(base - virtualBase, base + sz - virtualBase));
      base += sz;
    }
    return out;
  }

  static long roundUp(long n, long x) {
    long m = Long.remainderUnsigned(n, x);
    return m == 0 ? n : n + x - m;
  }

  static long roundDown(long n, long x) {
    return n - Long.remainderUnsigned(n, x);
  }
}
