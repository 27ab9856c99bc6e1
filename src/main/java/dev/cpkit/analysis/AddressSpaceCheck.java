// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.graph.Units;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Address spaces: maps that overlap each other or the program image, writable+executable
 * maps, device memory mapped cached, and one region mapped with different caching in two
 * places (mismatched memory attributes for one physical page are undefined on Arm).
 */
final class AddressSpaceCheck implements Check {

  @Override
  public void run(Context c, Findings out) {
    Map<String, Mapping> firstCached = new LinkedHashMap<>();
    Map<String, Mapping> firstUncached = new LinkedHashMap<>();
    Map<Mapping, AddressSpaces.Space> spaceOf = new java.util.IdentityHashMap<>();
    for (AddressSpaces.Space space : AddressSpaces.of(c.system())) {
      overlaps(c, space, out);
      image(c, space, out);
      for (Mapping m : space.maps()) {
        spaceOf.put(m, space);
        MemoryRegion mr = c.region(m.mr());
        if (mr == null) continue;
        // A guest's RAM is mapped rwx by design: the guest kernel manages its own W^X.
        if (!space.vm() && m.writable() && m.executable()) {
          out.add(AnaCode.ANA203, "region '" + m.mr() + "' is mapped writable and executable"
                  + " into " + space.describe(), m.span())
              .hint("code that can be overwritten can be injected; map data 'rw' and code"
                  + " 'rx' (perms=\"" + m.perms().replace("w", "") + "\" if it is code)")
              .report();
        }
        if (m.cached() && c.isDevice(mr)) {
          out.add(AnaCode.ANA204, "device region '" + m.mr() + "' (phys_addr "
                  + Units.hex(mr.physAddr()) + ") is mapped cached into " + space.describe(),
                  m.span())
              .note("the region is declared here", mr.span())
              .hint(c.ram() == null
                  ? "device registers must be mapped cached=\"false\"; cpkit does not know"
                      + " this board's RAM and takes every phys_addr region for a device"
                      + " (give --ram if this one is RAM)"
                  : "the address is outside the board's RAM, so it is a device; device"
                      + " registers must be mapped cached=\"false\"")
              .report();
        }
        (m.cached() ? firstCached : firstUncached).putIfAbsent(m.mr(), m);
      }
    }
    for (Map.Entry<String, Mapping> e : firstUncached.entrySet()) {
      Mapping cached = firstCached.get(e.getKey());
      if (cached == null) continue;
      AddressSpaces.Space a = spaceOf.get(cached);
      AddressSpaces.Space b = spaceOf.get(e.getValue());
      if (a == b) continue; // within one PD this is SDF101 of cpkit check
      Mapping later = cached.span().start() > e.getValue().span().start() ? cached : e.getValue();
      Mapping earlier = later == cached ? e.getValue() : cached;
      out.add(AnaCode.ANA205, "region '" + e.getKey() + "' is mapped "
              + (later.cached() ? "cached" : "uncached") + " into " + spaceOf.get(later)
              .describe() + " but " + (earlier.cached() ? "cached" : "uncached") + " into "
              + spaceOf.get(earlier).describe(), later.span())
          .note("the other map", earlier.span())
          .hint("one physical page with two memory types is undefined on Arm and loses"
              + " coherency: map a shared buffer the same way everywhere")
          .report();
    }
  }

  private static void overlaps(Context c, AddressSpaces.Space space, Findings out) {
    List<Mapping> maps = space.maps();
    for (int i = 0; i < maps.size(); i++) {
      Mapping a = maps.get(i);
      MemoryRegion ra = c.region(a.mr());
      if (ra == null) continue;
      for (int j = 0; j < i; j++) {
        Mapping b = maps.get(j);
        MemoryRegion rb = c.region(b.mr());
        if (rb == null || !overlap(a.vaddr(), ra.size(), b.vaddr(), rb.size())) continue;
        out.add(AnaCode.ANA201, "map of '" + a.mr() + "' " + range(a.vaddr(), ra.size())
                + " overlaps map of '" + b.mr() + "' " + range(b.vaddr(), rb.size()) + " in "
                + space.describe(), a.span())
            .note("the other map", b.span())
            .hint("one virtual address can map only one page; the image cannot be built")
            .report();
      }
    }
  }

  private static void image(Context c, AddressSpaces.Space space, Findings out) {
    if (space.vm()) return;
    ElfImage img = c.images().get(space.owner());
    if (img == null) return;
    for (Mapping m : space.maps()) {
      MemoryRegion mr = c.region(m.mr());
      if (mr == null) continue;
      for (ElfImage.Segment s : img.segments()) {
        long start = s.vaddr() & ~0xfffL;
        long end = (s.end() + 0xfff) & ~0xfffL;
        if (!overlap(m.vaddr(), mr.size(), start, end - start)) continue;
        out.add(AnaCode.ANA202, "map of '" + m.mr() + "' " + range(m.vaddr(), mr.size())
                + " overlaps the program image's " + s.flags() + " segment "
                + range(start, end - start), m.span())
            .hint("the program image " + img.path() + " is loaded there; move the map's"
                + " vaddr clear of the image")
            .report();
        break;
      }
    }
  }

  static boolean overlap(long a, long aSize, long b, long bSize) {
    return aSize > 0 && bSize > 0 && Long.compareUnsigned(a, b + bSize) < 0
        && Long.compareUnsigned(b, a + aSize) < 0;
  }

  static String range(long start, long size) {
    return "[" + Units.hex(start) + ".." + Units.hex(start + size) + ")";
  }
}
