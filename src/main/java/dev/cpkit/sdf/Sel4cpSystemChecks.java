// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.diag.Spelling;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Irq;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import dev.cpkit.system.VirtualMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The system-level checks of the Python tools (SDF-SPEC.md §1.4 phase D, SDF-SPEC-DEV.md §4.2),
 * in the reference order, after every element was read. Elements whose own checks failed are
 * skipped so one mistake gives one error.
 */
final class Sel4cpSystemChecks {
  private final Reporter r;
  private final boolean dev;
  private final Set<Object> broken;
  private final boolean unnamedPd;

  Sel4cpSystemChecks(Reporter r, Dialect dialect, Set<Object> broken, boolean unnamedPd) {
    this.r = r;
    this.dev = dialect == Dialect.SEL4CP_DEV;
    this.broken = broken;
    this.unnamedPd = unnamedPd;
  }

  void check(SystemDescription s) {
    List<ProtectionDomain> pds = dev ? s.allProtectionDomains() : s.protectionDomains();
    if (dev) duplicateChildIds(s.protectionDomains());
    if (pds.isEmpty()) {
      r.error(Code.SDF021, "At least one protection domain must be defined")
          .span(s.span()).reference("{msg}", null).report();
    }
    if (pds.size() > 63) {
      r.error(Code.SDF021, "Too many protection domains (" + pds.size()
              + ") defined. Maximum is 63.")
          .span(pds.get(63).span()).reference("{msg}", null)
          .note("the 64th protection domain", pds.get(63).span())
          .report();
    }
    List<Named> pdNames = new ArrayList<>();
    for (ProtectionDomain pd : pds) pdNames.add(new Named(pd.name(), pd.span()));
    duplicates(pdNames, "Duplicate protection domain name");
    List<Named> mrNames = new ArrayList<>();
    for (MemoryRegion mr : s.memoryRegions()) mrNames.add(new Named(mr.name(), mr.span()));
    duplicates(mrNames, "Duplicate memory region name");
    if (dev) {
      List<VirtualMachine> vms = new ArrayList<>();
      for (ProtectionDomain pd : pds) if (pd.virtualMachine() != null) vms.add(pd.virtualMachine());
      List<Named> vmNames = new ArrayList<>();
      for (VirtualMachine vm : vms) vmNames.add(new Named(vm.name(), vm.span()));
      duplicates(vmNames, "Duplicate virtual machine name");
    }
    Map<String, ProtectionDomain> byName = new LinkedHashMap<>();
    for (ProtectionDomain pd : pds) byName.putIfAbsent(pd.name(), pd);
    // Loops over channels and regions call a method per item: in a short process such a
    // method is compiled early, while a loop body run a few thousand times stays interpreted.
    List<Channel> validChannels = new ArrayList<>();
    for (int i = 0; i < s.channels().size(); i++) {
      Channel c = s.channels().get(i);
      if (endsExist(c, byName)) validChannels.add(c);
    }
    duplicateIrqNumbers(pds);
    Map<String, Map<Integer, Object>> idsByPd = new HashMap<>();
    for (ProtectionDomain pd : pds) {
      Map<Integer, Object> ids = idsByPd.get(pd.name());
      if (ids == null) idsByPd.put(pd.name(), ids = new HashMap<>());
      for (Irq irq : pd.irqs()) {
        Object prev = ids.putIfAbsent(irq.id(), irq);
        if (prev != null) duplicateId(pd, irq.id(), irq.span(), ((Irq) prev).span());
      }
    }
    for (int i = 0; i < validChannels.size(); i++) {
      channelIds(validChannels.get(i), byName, idsByPd);
    }
    Map<String, MemoryRegion> mrs = new LinkedHashMap<>();
    for (MemoryRegion mr : s.memoryRegions()) mrs.putIfAbsent(mr.name(), mr);
    Set<String> used = new HashSet<>();
    for (ProtectionDomain pd : pds) {
      mapChecks(pd.maps(), mrs, used);
      if (dev && pd.virtualMachine() != null) mapChecks(pd.virtualMachine().maps(), mrs, used);
    }
    for (int i = 0; i < s.memoryRegions().size(); i++) unused(s.memoryRegions().get(i), used);
  }

  /** Whether both ends name a PD; reports the first that does not. */
  private boolean endsExist(Channel c, Map<String, ProtectionDomain> byName) {
    for (Channel.End end : List.of(c.a(), c.b())) {
      if (byName.containsKey(end.pd()) || unnamedPd) continue;
      String msg = dev
          ? "Protection domain with name '" + end.pd() + "' on element 'channel' does not exist"
          : "Invalid pd name '" + end.pd() + "'.";
      Reporter.Builder b = r.error(Code.SDF013, msg).span(end.span())
          .reference(dev ? "{msg}: {loc}" : "{msg} on element 'channel': {loc}", c.span());
      String close = Spelling.closest(end.pd(), byName.keySet());
      b.hint(close != null ? "did you mean '" + close + "'?"
          : "protection domains: " + String.join(", ", byName.keySet()));
      b.report();
      return false;
    }
    return true;
  }

  /** A channel's ids against those its PDs already use, then recorded (in that order). */
  private void channelIds(Channel c, Map<String, ProtectionDomain> byName,
      Map<String, Map<Integer, Object>> idsByPd) {
    ProtectionDomain pa = byName.get(c.a().pd());
    ProtectionDomain pb = byName.get(c.b().pd());
    if (pa == null || pb == null) return;
    Map<Integer, Object> idsA = idsByPd.get(pa.name());
    Map<Integer, Object> idsB = idsByPd.get(pb.name());
    if (idsA.containsKey(c.a().id())) {
      duplicateId(pa, c.a().id(), c.a().span(), spanOf(idsA.get(c.a().id())));
    }
    if (idsB.containsKey(c.b().id())) {
      duplicateId(pb, c.b().id(), c.b().span(), spanOf(idsB.get(c.b().id())));
    }
    // The reference records both ids only after checking both, so a channel from a PD to
    // itself with the same id on both ends passes; cpkit warns instead.
    if (pa == pb && c.a().id() == c.b().id()) {
      r.warning(Code.SDF014, "both ends of this channel use id " + c.a().id() + " in '"
              + pa.name() + "'; " + (dev ? "sel4cp-dev" : "sel4cp")
              + " accepts it, but the two ends cannot be told apart")
          .span(c.b().span()).report();
    }
    idsA.put(c.a().id(), c.a());
    idsB.put(c.b().id(), c.b());
  }

  private void unused(MemoryRegion mr, Set<String> used) {
    if (!used.contains(mr.name()) && !broken.contains(mr)) {
      r.warning(Code.SDF018, "Unused memory region: " + mr.name())
          .span(mr.span())
          .reference("WARNING: {msg}", null)
          .report();
    }
  }

  private static dev.cpkit.diag.SourceSpan spanOf(Object o) {
    return o instanceof Irq i ? i.span() : ((Channel.End) o).span();
  }

  private void duplicateId(ProtectionDomain pd, int id, dev.cpkit.diag.SourceSpan at,
      dev.cpkit.diag.SourceSpan first) {
    r.error(Code.SDF014, "duplicate channel id: " + id + " in protection domain: '" + pd.name()
            + "'")
        .span(at).reference("{msg} @ {loc}", pd.span())
        .note("id " + id + " is first used here", first)
        .report();
  }

  /** Each irq number may be claimed by one PD only (numbers compared by value: 0x20 == 32). */
  private void duplicateIrqNumbers(List<ProtectionDomain> pds) {
    Map<Long, Irq> seen = new HashMap<>();
    for (ProtectionDomain pd : pds) {
      for (Irq irq : pd.irqs()) {
        Irq prev = seen.putIfAbsent(irq.irq(), irq);
        if (prev != null) {
          r.error(Code.SDF014, "duplicate irq: " + irq.irq() + " in protection domain: '"
                  + pd.name() + "'")
              .span(irq.span()).reference("{msg} @ {loc}", pd.span())
              .note("irq " + irq.irq() + " is first claimed here", prev.span())
              .report();
        }
      }
    }
  }

  /** sel4cp-dev: the ids of one parent's children must differ (pre-order, before all else). */
  private void duplicateChildIds(List<ProtectionDomain> pds) {
    for (ProtectionDomain pd : pds) {
      Map<Integer, ProtectionDomain> ids = new HashMap<>();
      for (ProtectionDomain child : pd.children()) {
        if (child.id() == null) continue;
        ProtectionDomain prev = ids.putIfAbsent(child.id(), child);
        if (prev != null) {
          r.error(Code.SDF014, "duplicate id: " + child.id() + " in protection domain: '"
                  + pd.name() + "'")
              .span(child.span()).reference("{msg} @ {loc}", child.span())
              .note("id " + child.id() + " is first used by '" + prev.name() + "'", prev.span())
              .report();
        }
      }
      duplicateChildIds(pd.children());
    }
  }

  private void mapChecks(List<Mapping> maps, Map<String, MemoryRegion> mrs, Set<String> used) {
    // one method call per map: compiled early in a short process (see SystemLint.firstPass)
    for (int i = 0; i < maps.size(); i++) checkMap(maps.get(i), mrs, used);
  }

  private void checkMap(Mapping m, Map<String, MemoryRegion> mrs, Set<String> used) {
    MemoryRegion mr = mrs.get(m.mr());
    if (mr == null) {
      String close = Spelling.closest(m.mr(), mrs.keySet());
      r.error(Code.SDF013, "Invalid memory region name '" + m.mr() + "' on 'map'")
          .span(m.span()).reference("{msg} @ {loc}", m.span())
          .hint(close != null ? "did you mean '" + close + "'?"
              : mrs.isEmpty() ? "no memory_region is declared"
              : "memory regions: " + String.join(", ", mrs.keySet()))
          .report();
      return;
    }
    used.add(mr.name());
    if (!broken.isEmpty() && broken.contains(mr)) return;
    if (Long.remainderUnsigned(m.vaddr(), mr.pageSize()) != 0 || m.vaddr() < 0) {
      if (m.vaddr() < 0 && Math.floorMod(m.vaddr(), mr.pageSize()) == 0) return;
      r.error(Code.SDF011, "Invalid vaddr alignment on 'map'")
          .span(m.span()).reference("{msg} @ {loc}", m.span())
          .hint("vaddr 0x" + Long.toHexString(m.vaddr()) + " is not a multiple of region '"
              + mr.name() + "' page size 0x" + Long.toHexString(mr.pageSize()))
          .report();
    }
  }

  /** A name and where it is defined. */
  private record Named(String name, dev.cpkit.diag.SourceSpan span) {}

  private void duplicates(List<Named> items, String what) {
    Map<String, Named> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) duplicate(seen, items.get(i), what);
  }

  private void duplicate(Map<String, Named> seen, Named item, String what) {
    Named prev = seen.putIfAbsent(item.name(), item);
    if (prev != null) {
      r.error(Code.SDF012, what + " '" + item.name() + "'.")
          .span(item.span()).reference("{msg}", null)
          .note("'" + item.name() + "' is first defined here", prev.span())
          .report();
    }
  }
}
