// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Memory use: per address space (regions, stack, IPC buffer, program image when read,
 * page-table estimate), the total the image needs from RAM, and the board's physical memory
 * map (RAM, what the kernel, firmware and loader take where cpkit knows it, fixed-address
 * regions, free room) where cpkit knows the board's RAM. Kernel objects (TCBs, CNodes,
 * scheduling contexts) are not counted: they depend on the kernel build.
 *
 * @param ram the board's RAM, or null when unknown
 * @param allocated bytes of regions without phys_addr, which the tool allocates from RAM
 * @param overhead stacks, IPC buffers, known images and page tables of every address space
 * @param free RAM not taken by fixed-address regions (0 when RAM is unknown); after the
 *     image build when there is one
 * @param sdk what the SDK told, or null without --sdk
 * @param build what the image builder placed, or null when nothing was built
 */
public record MemoryReport(List<Space> spaces, List<MapEntry> map, BoardMemory.Ram ram,
    long allocated, long overhead, long free, List<long[]> freeRanges, SdkBuild sdk,
    BuildMap build) {

  /**
   * One address space's use.
   *
   * @param image bytes of the program image's loadable segments, or -1 when not read
   */
  public record Space(String name, String what, long regions, long stack, long ipcBuffer,
      long image, long pageTables) {
    public long total() {
      return regions + stack + ipcBuffer + Math.max(0, image) + pageTables;
    }
  }

  /**
   * A row of the physical memory map.
   *
   * @param size 0 for the loader image, whose size analyse does not know
   * @param kind {@code RAM}, {@code device} (fixed region outside RAM or RAM unknown),
   *     {@code RAM, fixed} (fixed region inside RAM), {@code reserved} (kernel or firmware,
   *     for as long as the system runs), {@code boot} (the loader image, while booting)
   * @param name the region name, what is reserved, or empty for RAM
   * @param users the address spaces mapping the region
   * @param note for reservations: where the fact comes from, starting "estimate:" when it is
   *     one; else empty
   */
  public record MapEntry(long base, long size, String kind, String name, List<String> users,
      String note) {
    public MapEntry {
      users = List.copyOf(users);
    }

    MapEntry(long base, long size, String kind, String name, List<String> users) {
      this(base, size, kind, name, users, "");
    }
  }

  public long needed() {
    return allocated + overhead;
  }

  static MemoryReport of(Context c) {
    List<Space> spaces = new ArrayList<>();
    long overhead = 0;
    for (AddressSpaces.Space s : AddressSpaces.of(c.system())) {
      Set<String> regions = new LinkedHashSet<>();
      PageTables pt = new PageTables(c.system().board().arch());
      for (Mapping m : s.maps()) {
        MemoryRegion mr = c.region(m.mr());
        if (mr == null) continue;
        regions.add(mr.name());
        pt.add(m.vaddr(), mr.size(), mr.pageSize());
      }
      long regionBytes = 0;
      for (String r : regions) regionBytes += c.region(r).size();
      long image = -1;
      long stack = 0;
      long ipc = 0;
      if (!s.vm()) {
        ProtectionDomain pd = s.pd();
        stack = pd.stackSize();
        ipc = 0x1000;
        ElfImage img = c.images().get(pd.name());
        if (img != null) {
          image = img.pagedBytes();
          for (ElfImage.Segment seg : img.segments()) pt.add(seg.vaddr(), seg.memsz(), 0x1000);
        }
      }
      Space space = new Space(s.owner(), s.what(), regionBytes, stack, ipc, image, pt.bytes());
      spaces.add(space);
      overhead += space.total() - space.regions();
    }
    long allocated = 0;
    for (MemoryRegion mr : c.system().memoryRegions()) {
      if (mr.physAddr() == null) allocated += mr.size();
    }
    List<MapEntry> map = new ArrayList<>();
    BoardMemory.Ram ram = c.ram();
    if (ram != null) {
      for (BoardMemory.Range r : ram.ranges()) {
        map.add(new MapEntry(r.base(), r.size(), "RAM", "", List.of()));
      }
    }
    List<long[]> taken = new ArrayList<>();
    if (ram != null) {
      // what the kernel and firmware keep is not free; the loader image only while booting
      for (BoardMemory.Reserved r : c.reserved()) {
        if (!ram.touches(r.base(), Math.max(1, r.size()))) continue;
        map.add(new MapEntry(r.base(), r.size(), r.bootOnly() ? "boot" : "reserved", r.what(),
            List.of(), (r.estimate() ? "estimate: " : "") + r.source()));
        if (!r.bootOnly() && r.size() > 0) taken.add(new long[] {r.base(), r.base() + r.size()});
      }
    }
    List<long[]> kernelKept = new ArrayList<>(taken);
    for (MemoryRegion mr : c.system().memoryRegions()) {
      if (mr.physAddr() == null) continue;
      boolean inRam = ram != null && ram.touches(mr.physAddr(), mr.size());
      if (inRam) taken.add(new long[] {mr.physAddr(), mr.physAddr() + mr.size()});
      map.add(new MapEntry(mr.physAddr(), mr.size(), inRam ? "RAM, fixed" : "device",
          mr.name(), users(c, mr.name())));
    }
    BuildMap build = null;
    if (c.sdk() != null && c.sdk().built() != null && ram != null) {
      build = BuildMap.of(c.sdk().built(), ram.ranges(), kernelKept);
      map.addAll(build.entries());
    }
    map.sort(Comparator.<MapEntry, Long>comparing(MapEntry::base, Long::compareUnsigned)
        .thenComparing(e -> e.kind().equals("RAM") ? 0 : e.note().isEmpty() ? 2 : 1)
        .thenComparing(e -> -e.size()));
    List<long[]> freeRanges = new ArrayList<>();
    if (build != null) freeRanges.addAll(build.free());
    else if (ram != null) freeRanges.addAll(subtract(ram.ranges(), taken));
    long free = 0;
    for (long[] f : freeRanges) free += f[1] - f[0];
    return new MemoryReport(spaces, map, ram, allocated, overhead, free, freeRanges, c.sdk(),
        build);
  }

  /** The parts of {@code ranges} that no range {start, end} of {@code taken} covers. */
  static List<long[]> subtract(List<BoardMemory.Range> ranges, List<long[]> taken) {
    List<long[]> sorted = new ArrayList<>(taken);
    sorted.sort(Comparator.comparingLong(t -> t[0]));
    List<long[]> out = new ArrayList<>();
    for (BoardMemory.Range r : ranges) {
      long at = r.base();
      for (long[] t : sorted) {
        if (t[1] <= at || t[0] >= r.end()) continue;
        if (t[0] > at) out.add(new long[] {at, t[0]});
        at = Math.max(at, t[1]);
      }
      if (at < r.end()) out.add(new long[] {at, r.end()});
    }
    return out;
  }

  private static List<String> users(Context c, String region) {
    List<String> out = new ArrayList<>();
    for (AddressSpaces.Space s : AddressSpaces.of(c.system())) {
      for (Mapping m : s.maps()) {
        if (m.mr().equals(region)) {
          out.add(s.owner() + " " + m.perms() + (m.cached() ? "" : " uncached"));
          break;
        }
      }
    }
    return out;
  }
}
