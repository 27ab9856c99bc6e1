// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static dev.cpkit.sdf.MicrokitNumbers.below;
import static dev.cpkit.sdf.MicrokitNumbers.dec;
import static dev.cpkit.sdf.MicrokitNumbers.hex;

import dev.cpkit.diag.ReferenceText;
import dev.cpkit.diag.Spelling;
import dev.cpkit.sdf.MicrokitDraft.Cap;
import dev.cpkit.sdf.MicrokitDraft.Channel;
import dev.cpkit.sdf.MicrokitDraft.IoPort;
import dev.cpkit.sdf.MicrokitDraft.IoSpace;
import dev.cpkit.sdf.MicrokitDraft.Irq;
import dev.cpkit.sdf.MicrokitDraft.Map;
import dev.cpkit.sdf.MicrokitDraft.Mr;
import dev.cpkit.sdf.MicrokitDraft.Pd;
import dev.cpkit.sdf.MicrokitDraft.Setvar;
import dev.cpkit.sdf.MicrokitDraft.SetvarKind;
import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.system.Board;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * The checks sdf.rs {@code parse} runs once every element is read, in its order: PD count,
 * names, VMs, IRQs, channel ids and PPC priorities, I/O ports, maps, IOMMU maps, cap slots,
 * physical overlaps, the unused-region warning, page-size promotion, then the setvar checks.
 */
final class MicrokitSystemChecks {
  /** Inputs: the flattened PDs and everything else read, plus what had errors. */
  record Input(XmlElement root, List<Pd> pds, List<Pd> everyPd, int pdElements,
      boolean unnamedPd, List<Mr> mrs, boolean unnamedMr, List<Channel> channels,
      List<IoSpace> spaces) {}

  static final int MAX_PDS = 63;

  private final MicrokitAttrs a;
  private final Reporter r;
  private final Board board;
  private final Input in;

  MicrokitSystemChecks(MicrokitAttrs attrs, Board board, Input in) {
    this.a = attrs;
    this.r = attrs.r;
    this.board = board;
    this.in = in;
  }

  void run() {
    pdCount();
    pdNames();
    mrNames();
    virtualMachines();
    irqNumbers();
    channelIds();
    ioPortIds();
    ioPortOverlaps();
    for (Pd pd : in.pds()) {
      Long max = pd.broken ? null : MicrokitPdReader.pdMapMaxVaddr(board, pd.stackSize);
      checkMaps(pd.maps, "map", "protection domain '" + pd.name + "'", max);
      if (pd.vm != null && !pd.vm.broken) {
        checkMaps(pd.vm.maps, "map", "virtual machine '" + pd.vm.name + "'", board.userTop() + 1);
      }
    }
    ioMaps();
    capSlots();
    physicalOverlaps();
    unusedRegions();
    promotePageSizes();
    prefillSetvars();
    paddrSetvars();
  }

  private void pdCount() {
    if (in.pdElements() == 0) {
      a.unlocated(Code.SDF021, "at least one protection domain must be defined",
          r.at(in.root()));
    }
    int count = in.pds().size();
    if (count > MAX_PDS) {
      // Child PDs count too.
      a.unlocated(Code.SDF021, "too many protection domains (" + count + ") defined. Maximum is "
          + MAX_PDS + ".", r.at(in.pds().get(MAX_PDS).el));
    }
  }

  private void pdNames() {
    Set<String> reported = new HashSet<>();
    java.util.Map<String, Pd> first = new HashMap<>();
    for (Pd pd : in.pds()) first.putIfAbsent(pd.name, pd);
    boolean monitorReported = false;
    for (Pd pd : in.pds()) {
      Pd earlier = first.get(pd.name);
      Pd second = secondNamed(pd.name);
      if (second != null && reported.add(pd.name)) {
        r.error(Code.SDF012, "duplicate protection domain name '" + pd.name + "'.")
            .span(r.focus(second.el, "name"))
            .reference("Error: {msg}", null)
            .note("first declared here", r.at(earlier.el))
            .report();
      }
      if (pd.name.equals("monitor") && !monitorReported) {
        monitorReported = true;
        r.error(Code.SDF012, "the PD name 'monitor' is reserved for the Microkit Monitor.")
            .span(r.focus(pd.el, "name"))
            .reference("Error: {msg}", null)
            .report();
      }
    }
  }

  private Pd secondNamed(String name) {
    int n = 0;
    for (Pd pd : in.pds()) if (pd.name.equals(name) && ++n == 2) return pd;
    return null;
  }

  private void mrNames() {
    Set<String> seen = new HashSet<>();
    Set<String> reported = new HashSet<>();
    java.util.Map<String, Mr> first = new HashMap<>();
    for (Mr mr : in.mrs()) {
      if (mr.name == null) continue;
      Mr earlier = first.putIfAbsent(mr.name, mr);
      if (!seen.add(mr.name) && reported.add(mr.name)) {
        r.error(Code.SDF012, "duplicate memory region name '" + mr.name + "'.")
            .span(r.focus(mr.el, "name"))
            .reference("Error: {msg}", null)
            .note("first declared here", r.at(earlier.el))
            .report();
      }
    }
  }

  private void virtualMachines() {
    java.util.Map<String, Pd> seen = new HashMap<>();
    for (Pd pd : in.pds()) {
      if (pd.vm != null && pd.vm.name != null) {
        Pd earlier = seen.putIfAbsent(pd.vm.name, pd);
        if (earlier != null) {
          r.error(Code.SDF012, "duplicate virtual machine name '" + pd.vm.name + "'.")
              .span(r.focus(pd.vm.el, "name"))
              .reference("Error: {msg}", null)
              .note("first declared here", r.at(earlier.vm.el))
              .report();
        }
      }
      if (board.arch().isX86() && pd.vm != null && !pd.children.isEmpty()) {
        // On x86 seL4_VMEnter only looks at the bound notification, not the endpoint that
        // child PDs' faults arrive on.
        r.error(Code.SDF030, "It is not possible for PD '" + pd.name + "' with a bound vCPU to"
                + " have children on x86_64")
            .span(r.at(pd.el))
            .reference("Error: {msg}: {loc}", r.at(pd.el))
            .report();
      }
    }
  }

  private void irqNumbers() {
    java.util.Map<Long, Irq> seen = new HashMap<>();
    for (Pd pd : in.pds()) {
      for (Irq irq : pd.irqs) {
        Irq earlier = seen.putIfAbsent(irq.number(), irq);
        if (earlier != null) {
          r.error(Code.SDF014, "duplicate irq: " + dec(irq.number()) + " in protection domain: '"
                  + pd.name + "'")
              .span(r.at(irq.el))
              .reference("Error: {msg} @ {loc}", r.at(pd.el))
              .note("first used here", r.at(earlier.el))
              .report();
        }
      }
    }
  }

  /** IRQ ids, then channel ends, share the PD's id space (sdf.rs "duplicate channel id"). */
  private void channelIds() {
    IdentityHashMap<Pd, List<Long>> ids = new IdentityHashMap<>();
    for (Pd pd : in.pds()) {
      List<Long> used = ids.computeIfAbsent(pd, k -> new ArrayList<>());
      for (Irq irq : pd.irqs) {
        if (used.contains((long) irq.id)) duplicateId(pd, irq.id, irq.el);
        else used.add((long) irq.id);
      }
    }
    for (Channel ch : in.channels()) {
      List<Long> idsA = ids.computeIfAbsent(ch.a.pd, k -> new ArrayList<>());
      List<Long> idsB = ids.computeIfAbsent(ch.b.pd, k -> new ArrayList<>());
      boolean dupA = idsA.contains((long) ch.a.id);
      if (dupA) duplicateId(ch.a.pd, ch.a.id, ch.a.el);
      // sdf.rs records both ends only after checking them, so a PD's channel to itself with
      // the same id at both ends goes through.
      if (idsB.contains((long) ch.b.id)) duplicateId(ch.b.pd, ch.b.id, ch.b.el);
      ppcPriority(ch);
      x86Ppc(ch);
      idsA.add((long) ch.a.id);
      idsB.add((long) ch.b.id);
    }
  }

  private void duplicateId(Pd pd, int id, XmlElement where) {
    r.error(Code.SDF014, "duplicate channel id: " + id + " in protection domain: '" + pd.name
            + "'")
        .span(r.focus(where, "id"))
        .reference("Error: {msg} @ {loc}", r.at(pd.el))
        .hint("irq and channel ids of one PD must all differ")
        .report();
  }

  private void ppcPriority(Channel ch) {
    Pd pa = ch.a.pd;
    Pd pb = ch.b.pd;
    if (pa.broken || pb.broken) return;
    if (ch.a.pp && pa.priority >= pb.priority) {
      ppcError(ch, pa, pb);
    } else if (ch.b.pp && pb.priority >= pa.priority) {
      ppcError(ch, pb, pa);
    }
  }

  private void ppcError(Channel ch, Pd from, Pd to) {
    r.error(Code.SDF020, "PPCs must be to protection domains of strictly higher priorities;"
            + " channel with PPC exists from pd " + from.name + " (priority: " + from.priority
            + ") to pd " + to.name + " (priority: " + to.priority + ")")
        .span(r.at(ch.el))
        .reference("Error: {msg}", null)
        .hint("raise the priority of '" + to.name + "' above " + from.priority)
        .report();
  }

  private void x86Ppc(Channel ch) {
    Pd pa = ch.a.pd;
    Pd pb = ch.b.pd;
    if (!board.arch().isX86()) return;
    if ((ch.a.pp && pb.vm != null) || (ch.b.pp && pa.vm != null)) {
      Pd callee = ch.a.pp ? pb : pa;
      Pd caller = ch.a.pp ? pa : pb;
      // Located at end a's PD whichever way the call goes, as sdf.rs does.
      r.error(Code.SDF030, "It is not possible to PPC to PD '" + callee.name + "' with a bound"
              + " vCPU from PD '" + caller.name + "' on x86_64")
          .span(r.at(ch.el))
          .reference("Error: {msg} @ {loc}", r.at(pa.el))
          .report();
    }
  }

  private void ioPortIds() {
    for (Pd pd : in.pds()) {
      Set<Integer> seen = new HashSet<>();
      for (IoPort p : pd.ioPorts) {
        if (!seen.add(p.id)) {
          r.error(Code.SDF025, "duplicate I/O port id: " + p.id + " in protection domain: '"
                  + pd.name + "'")
              .span(r.focus(p.el, "id"))
              .reference("Error: {msg} @ {loc}", r.at(pd.el))
              .report();
        }
      }
    }
  }

  private record SeenPort(Pd pd, IoPort port) {}

  private void ioPortOverlaps() {
    List<SeenPort> seen = new ArrayList<>();
    for (Pd pd : in.pds()) {
      for (IoPort p : pd.ioPorts) {
        long start = p.addr;
        long end = p.addr + p.size;
        for (SeenPort s : seen) {
          long start2 = s.port().addr;
          long end2 = s.port().addr + s.port().size;
          if (!(!below(start, end2) || !below(start2, end))) {
            ioPortOverlap(pd, p, start, end, s, start2, end2);
            break;
          }
        }
        seen.add(new SeenPort(pd, p));
      }
    }
  }

  private void ioPortOverlap(Pd pd, IoPort p, long start, long end, SeenPort s, long start2,
      long end2) {
    // Both locations are the PDs' (sdf.rs records the PD's position on each port); the second
    // is written into the text since the reference form has a single {loc}.
    String other = ReferenceText.LocationStyle.RUST.format(r.at(s.pd().el));
    String head = "I/O port id: " + p.id + ", half-open range: [" + hex(start) + ", " + hex(end)
        + ") in protection domain: '" + pd.name + "'";
    String tail = " overlaps with I/O port id: " + s.port().id + ", half-open range: ["
        + hex(start2) + ", " + hex(end2) + ") in protection domain: '" + s.pd().name + "'";
    r.error(Code.SDF025, head + tail)
        .span(r.at(p.el))
        .reference("Error: " + head + " @ {loc}" + tail + " @ " + other, r.at(pd.el))
        .note("the other I/O port", r.at(s.port().el))
        .report();
  }

  private record Placed(String mr, long start, long end, XmlElement el) {}

  /**
   * sdf.rs check_maps: each map's region exists, its address is aligned to the region's page
   * size, the range neither overflows nor passes {@code maxEnd} (null: unknown, skipped) and
   * overlaps no earlier map of the same address space.
   */
  private void checkMaps(List<Map> maps, String element, String space, Long maxEnd) {
    boolean io = element.equals("iomap");
    String addrName = io ? "iovaddr" : "vaddr";
    String rangeName = io ? "io address range" : "virtual address range";
    List<Placed> placed = new ArrayList<>();
    for (Map m : maps) {
      if (m.broken) continue;
      Mr mr = region(m.mr);
      if (mr == null) {
        unknownRegion(m, element);
        continue;
      }
      if (mr.broken) continue;
      if (!MicrokitNumbers.isMultiple(m.vaddr, mr.pageSize)) {
        mapError(m, addrName, "invalid " + addrName + " alignment on '" + element + "'",
            "the region's page size is " + hex(mr.pageSize));
        continue;
      }
      long start = m.vaddr;
      long end = start + mr.size;
      if (below(end, start)) {
        mapError(m, addrName, element + " for '" + m.mr + "' has address range that overflows",
            null);
        continue;
      }
      if (maxEnd != null && below(maxEnd, end)) {
        mapError(m, addrName, element + " for '" + m.mr + "' has " + rangeName + " ["
            + hex(start) + ".." + hex(end) + ") which exceeds valid address space [0x0.."
            + hex(maxEnd) + ")", null);
        continue;
      }
      for (Placed p : placed) {
        if (!(!below(start, p.end()) || !below(p.start(), end))) {
          // "map for" even for iomaps: sdf.rs words the overlap message the same for both.
          r.error(Code.SDF017, "map for '" + m.mr + "' has " + rangeName + " [" + hex(start)
                  + ".." + hex(end) + ") which overlaps with map for '" + p.mr() + "' ["
                  + hex(p.start()) + ".." + hex(p.end()) + ") in " + space)
              .span(r.focus(m.el, addrName))
              .reference("Error: {msg} @ {loc}", r.at(m.el))
              .note("the other map", r.at(p.el()))
              .report();
          break;
        }
      }
      placed.add(new Placed(m.mr, start, end, m.el));
    }
  }

  private void mapError(Map m, String attr, String message, String hint) {
    r.error(Code.SDF017, message)
        .span(r.focus(m.el, attr))
        .reference("Error: {msg} @ {loc}", r.at(m.el))
        .hint(hint)
        .report();
  }

  private Mr region(String name) {
    for (Mr mr : in.mrs()) if (name.equals(mr.name)) return mr;
    return null;
  }

  private void unknownRegion(Map m, String element) {
    if (in.unnamedMr()) return;
    List<String> names = new ArrayList<>();
    for (Mr mr : in.mrs()) if (mr.name != null) names.add(mr.name);
    String guess = Spelling.closest(m.mr, names);
    r.error(Code.SDF013, "invalid memory region name '" + m.mr + "' on '" + element + "'")
        .span(r.focus(m.el, "mr"))
        .reference("Error: {msg} @ {loc}", r.at(m.el))
        .hint(guess == null ? null : "did you mean '" + guess + "'?")
        .report();
  }

  private void ioMaps() {
    for (IoSpace s : in.spaces()) {
      for (Map m : s.maps) {
        if (m.broken) continue;
        boolean large = false;
        for (Mr mr : in.mrs()) {
          if (!mr.broken && m.mr.equals(mr.name) && mr.pageSize == 0x200000L) large = true;
        }
        if (large) {
          r.error(Code.SDF029, "currently seL4 does not have large page support for the IOMMU")
              .span(r.focus(m.el, "mr"))
              .reference("Error: {msg}", null)
              .hint("give the region page_size=\"0x1000\"")
              .report();
          break;
        }
      }
    }
    // sdf.rs groups by address-space name in a HashMap; cpkit goes in document order.
    LinkedHashMap<String, List<Map>> byName = new LinkedHashMap<>();
    java.util.Map<String, IoSpace> last = new HashMap<>();
    for (IoSpace s : in.spaces()) {
      if (s.name == null || s.device == null) continue;
      byName.computeIfAbsent(s.name, k -> new ArrayList<>()).addAll(s.maps);
      last.put(s.name, s);
    }
    byName.forEach((name, maps) -> checkMaps(maps, "iomap",
        "PCI device " + last.get(name).device, MicrokitRegionReader.MAX_IOVA + 1));
  }

  private void capSlots() {
    for (Pd pd : in.pds()) {
      LinkedHashMap<Long, List<Cap>> bySlot = new LinkedHashMap<>();
      for (Cap c : pd.caps) bySlot.computeIfAbsent(c.slot, k -> new ArrayList<>()).add(c);
      bySlot.forEach((slot, caps) -> {
        if (caps.size() < 2) return;
        StringBuilder lines = new StringBuilder();
        for (Cap c : caps) {
          lines.append("\n  type ").append(capTypeName(c.type)).append(" from '").append(c.pd)
              .append("' at '").append(ReferenceText.LocationStyle.RUST.format(r.at(c.el)))
              .append("'");
        }
        String message = "overlapping user caps in slot " + slot + " of protection domain '"
            + pd.name + "':";
        r.error(Code.SDF024, message)
            .span(r.at(caps.get(1).el))
            .reference("Error: " + message + lines, null)
            .note("the other capability", r.at(caps.get(0).el))
            .report();
      });
    }
  }

  /** Rust's Debug names of CapMapType. */
  private static String capTypeName(String type) {
    return switch (type) {
      case "tcb" -> "Tcb";
      case "sc" -> "Sc";
      default -> "VSpace";
    };
  }

  private void physicalOverlaps() {
    List<Mr> checked = new ArrayList<>();
    for (Mr mr : in.mrs()) {
      if (mr.broken || mr.physAddr == null || mr.name == null) continue;
      long start = mr.physAddr;
      long end = start + mr.size;
      for (Mr other : checked) {
        long start2 = other.physAddr;
        long end2 = start2 + other.size;
        if (!(!below(start, end2) || !below(start2, end))) {
          r.error(Code.SDF028, "memory region '" + mr.name + "' physical address range ["
                  + hex(start) + ".." + hex(end) + ") overlaps with another memory region '"
                  + other.name + "' [" + hex(start2) + ".." + hex(end2) + ")")
              .span(r.focus(mr.el, "phys_addr"))
              .reference("Error: {msg} @ {loc}", r.at(mr.el))
              .note("the other region", r.at(other.el))
              .report();
          break;
        }
      }
      checked.add(mr);
    }
  }

  /** Names mapped by any PD or VM map, including maps that had errors (no cascade). */
  private Set<String> mappedNames() {
    Set<String> used = new HashSet<>();
    for (Pd pd : in.everyPd()) {
      for (Map m : pd.maps) if (m.mr != null) used.add(m.mr);
      if (pd.vm != null) for (Map m : pd.vm.maps) if (m.mr != null) used.add(m.mr);
    }
    return used;
  }

  /** The tool's only warning; iomaps do not count as uses (sdf.rs looks at PD/VM maps). */
  private void unusedRegions() {
    Set<String> used = mappedNames();
    for (Mr mr : in.mrs()) {
      if (mr.name == null || used.contains(mr.name)) continue;
      r.warning(Code.SDF018, "unused memory region '" + mr.name + "'")
          .span(r.focus(mr.el, "name"))
          .reference("WARNING: {msg}", null)
          .toStdout()
          .report();
    }
  }

  /**
   * sdf.rs raises a region's page size when its size and every address it is mapped at (and
   * its phys_addr) allow, unless the page size was given or an iomap uses the region.
   */
  private void promotePageSizes() {
    Set<String> ioMapped = new HashSet<>();
    for (IoSpace s : in.spaces()) for (Map m : s.maps) if (m.mr != null) ioMapped.add(m.mr);
    List<Long> sizes = board.pageSizes();
    for (Mr mr : in.mrs()) {
      if (mr.broken || mr.name == null || mr.pageSizeGiven || ioMapped.contains(mr.name)) {
        continue;
      }
      long optimal = sizes.get(0);
      for (int i = sizes.size() - 1; i >= 0; i--) {
        if (MicrokitNumbers.isMultiple(mr.size, sizes.get(i))) {
          optimal = sizes.get(i);
          break;
        }
      }
      if (mr.pageSize == optimal) continue;
      List<Long> addrs = new ArrayList<>();
      for (Pd pd : in.pds()) {
        for (Map m : pd.maps) if (mr.name.equals(m.mr)) addrs.add(m.vaddr);
        if (pd.vm != null) for (Map m : pd.vm.maps) if (mr.name.equals(m.mr)) addrs.add(m.vaddr);
      }
      if (mr.physAddr != null) addrs.add(mr.physAddr);
      for (int i = sizes.size() - 1; i >= 0; i--) {
        long larger = sizes.get(i);
        if (!below(mr.pageSize, larger)) continue;
        if (addrs.stream().allMatch(x -> MicrokitNumbers.isMultiple(x, larger))) {
          mr.pageSize = larger;
        }
      }
    }
  }

  private void prefillSetvars() {
    for (Pd pd : in.pds()) {
      for (Setvar s : pd.setvars) {
        if (s.kind() != SetvarKind.PREFILL_SIZE || s.mr() == null) continue;
        for (Mr mr : in.mrs()) {
          if (mr.broken || !s.mr().equals(mr.name) || mr.prefilledFromFile) continue;
          r.error(Code.SDF027, "'setvar_prefill_size' used for MR without a `prefill_path`")
              .span(r.focus(s.el(), "setvar_prefill_size"))
              .reference("Error: {msg} @ '" + mr.name + "' {loc}", r.at(mr.el))
              .note("region '" + mr.name + "' is declared here", r.at(mr.el))
              .report();
        }
      }
    }
  }

  private void paddrSetvars() {
    Set<String> named = new HashSet<>();
    List<Setvar> paddr = new ArrayList<>();
    for (Pd pd : in.pds()) {
      for (Setvar s : pd.setvars) {
        if (s.kind() == SetvarKind.PADDR) {
          named.add(s.mr());
          paddr.add(s);
        }
      }
    }
    for (Mr mr : in.mrs()) {
      if (mr.name == null || !named.contains(mr.name) || mr.el.has("phys_addr")) continue;
      if (board.arch().isX86()) {
        r.error(Code.SDF022, "setvar with 'region_paddr' for MR without a specified paddr is"
                + " unsupported on x86-64")
            .span(r.at(mr.el))
            .reference("Error: {msg} @ '" + mr.name + "' {loc}", r.at(mr.el))
            .hint("give the region a phys_addr")
            .report();
      }
    }
    unknownPaddrRegions(paddr);
  }

  /** cpkit's own: sdf.rs does not check that region_paddr names a region. */
  private void unknownPaddrRegions(List<Setvar> paddr) {
    if (in.unnamedMr()) return;
    List<String> names = new ArrayList<>();
    for (Mr mr : in.mrs()) if (mr.name != null) names.add(mr.name);
    for (Setvar s : paddr) {
      if (names.contains(s.mr())) continue;
      String guess = Spelling.closest(s.mr(), names);
      r.warning(Code.SDF106, "setvar '" + s.symbol() + "' names memory region '" + s.mr()
              + "', which does not exist")
          .span(r.focus(s.el(), "region_paddr"))
          .hint(guess == null ? "the Microkit tool accepts this and fails later"
              : "did you mean '" + guess + "'?")
          .report();
    }
  }
}
