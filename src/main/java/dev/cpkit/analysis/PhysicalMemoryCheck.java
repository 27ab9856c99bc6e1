// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.graph.Units;
import dev.cpkit.image.BuildException;
import dev.cpkit.system.MemoryRegion;
import java.util.ArrayList;
import java.util.List;

/**
 * Physical memory: fixed-address regions that overlap, fixed regions straddling the edge of
 * RAM, and (where the board's RAM is known) more memory needed than RAM has free.
 */
final class PhysicalMemoryCheck implements Check {

  @Override
  public void run(Context c, Findings out) {
    List<MemoryRegion> fixed = new ArrayList<>();
    for (MemoryRegion mr : c.system().memoryRegions()) if (mr.physAddr() != null) fixed.add(mr);
    for (int i = 0; i < fixed.size(); i++) {
      MemoryRegion a = fixed.get(i);
      for (int j = 0; j < i; j++) {
        MemoryRegion b = fixed.get(j);
        if (!AddressSpaceCheck.overlap(a.physAddr(), a.size(), b.physAddr(), b.size())) continue;
        out.add(AnaCode.ANA401, "region '" + a.name() + "' "
                + AddressSpaceCheck.range(a.physAddr(), a.size()) + " overlaps region '"
                + b.name() + "' " + AddressSpaceCheck.range(b.physAddr(), b.size())
                + " in physical memory", a.span())
            .note("the other region", b.span())
            .hint("the tool cannot hand out the same physical pages twice; share one region"
                + " instead of declaring two")
            .report();
      }
    }
    build(c, out);
    BoardMemory.Ram ram = c.ram();
    if (ram == null) return;
    for (MemoryRegion mr : fixed) {
      if (ram.touches(mr.physAddr(), mr.size()) && ram.containing(mr.physAddr(), mr.size()) == null) {
        out.add(AnaCode.ANA403, "region '" + mr.name() + "' "
                + AddressSpaceCheck.range(mr.physAddr(), mr.size()) + " is partly inside RAM"
                + " of board " + ram.board(), mr.span())
            .hint("a fixed region is either device memory or a piece of RAM; check phys_addr"
                + " and size against the board's memory map")
            .report();
      }
    }
    reserved(c, ram, fixed, out);
    if (c.sdk() != null && c.sdk().built() != null) return; // the build shows that it fits
    MemoryReport m = MemoryReport.of(c);
    if (m.needed() > m.free()) {
      out.add(AnaCode.ANA402, "the system needs about " + Units.size(m.needed()) + " of RAM ("
              + Units.size(m.allocated()) + " of regions without phys_addr, "
              + Units.size(m.overhead()) + " of stacks, IPC buffers, images and page tables)"
              + " but board " + ram.board() + " has " + Units.size(m.free()) + " free",
              c.system().span())
          .hint("the kernel and the loader take some RAM too; shrink regions or choose a"
              + " board with more memory")
          .report();
    }
  }

  /** The image build's error, as the build reports it (ANA405). */
  private static void build(Context c, Findings out) {
    if (c.sdk() == null || c.sdk().failure() == null) return;
    BuildException e = c.sdk().failure();
    Findings.Builder f = out.add(AnaCode.ANA405, "the image build with " + c.sdk().where()
        + " fails: " + e.code() + ": " + e.getMessage(),
        e.span() != null ? e.span() : c.system().span());
    if (e.hint() != null) f.hint(e.hint());
    f.hint("cpkit build reports the same error (" + e.code() + " in docs/image-build.md)")
        .report();
  }

  /**
   * Fixed regions on memory the kernel or firmware keeps. Only with the SDK's kernel or the
   * board's own RAM table: RAM given with --ram may describe a different build.
   */
  private static void reserved(Context c, BoardMemory.Ram ram, List<MemoryRegion> fixed,
      Findings out) {
    if (c.sdk() == null && BoardMemory.of(c.system().board().name()) != ram) return;
    for (BoardMemory.Reserved r : c.reserved()) {
      if (r.bootOnly() || r.size() == 0) continue;
      for (MemoryRegion mr : fixed) {
        if (!AddressSpaceCheck.overlap(mr.physAddr(), mr.size(), r.base(), r.size())) continue;
        out.add(AnaCode.ANA404, "region '" + mr.name() + "' "
                + AddressSpaceCheck.range(mr.physAddr(), mr.size()) + " lies on "
                + AddressSpaceCheck.range(r.base(), r.size()) + ", where the " + r.what()
                + " is on board " + ram.board() + (r.estimate() ? " (an estimate)" : ""),
                mr.span())
            .hint(r.source())
            .report();
      }
    }
  }
}
