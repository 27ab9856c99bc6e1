// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.system.Board;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Estimates the page-table pages one address space needs: one table per distinct range each
 * level covers, plus the root. AArch64 and x86-64 (4 KiB granule, 48-bit) have tables covering
 * 2 MiB, 1 GiB and 512 GiB below the root; RISC-V Sv39 has 2 MiB and 1 GiB. A 2 MiB page needs
 * no last-level table. Every table is one 4 KiB page.
 */
final class PageTables {
  static final long TABLE_BYTES = 0x1000;
  private final List<Integer> shifts;
  private final List<List<long[]>> spans = new ArrayList<>();

  PageTables(Board.Arch arch) {
    shifts = arch == Board.Arch.RISCV64 ? List.of(21, 30) : List.of(21, 30, 39);
    for (int i = 0; i < shifts.size(); i++) spans.add(new ArrayList<>());
  }

  /** Adds {@code [vaddr, vaddr + size)} mapped with pages of {@code pageSize}. */
  void add(long vaddr, long size, long pageSize) {
    if (size <= 0) return;
    long last = vaddr + size - 1;
    for (int i = 0; i < shifts.size(); i++) {
      int shift = shifts.get(i);
      // A page as large as the range a table covers is an entry one level up.
      if (pageSize >= (1L << shift)) continue;
      spans.get(i).add(new long[] {vaddr >>> shift, last >>> shift});
    }
  }

  /** The number of tables, root included. */
  long tables() {
    long n = 1;
    for (List<long[]> level : spans) n += union(level);
    return n;
  }

  long bytes() {
    return tables() * TABLE_BYTES;
  }

  private static long union(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(a -> a[0]));
    long count = 0;
    long end = Long.MIN_VALUE;
    for (long[] iv : sorted) {
      long start = end == Long.MIN_VALUE ? iv[0] : Math.max(iv[0], end + 1);
      if (iv[1] >= start) count += iv[1] - start + 1;
      end = end == Long.MIN_VALUE ? iv[1] : Math.max(end, iv[1]);
    }
    return count;
  }
}
