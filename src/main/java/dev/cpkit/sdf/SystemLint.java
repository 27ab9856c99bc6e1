// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Irq;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * cpkit's own warnings about a valid system: what the dialect's reference tool accepts but
 * is wrong or very likely a mistake. Runs on the model, after the reference rules passed.
 * None of these has a reference form, so {@code --message-format sel4cp} never shows them.
 */
final class SystemLint {
  /** The sel4cp monitor keeps the first 15 bytes of a PD name (a 16-byte C string). */
  private static final int SEL4CP_NAME_BYTES = 15;
  private static final int MICROKIT_NAME_BYTES = 64;

  private final List<Diagnostic> out = new ArrayList<>();
  private final SystemDescription s;
  private final Dialect dialect;
  private final boolean python;

  private SystemLint(SystemDescription s, Dialect dialect) {
    this.s = s;
    this.dialect = dialect;
    this.python = dialect.isPython();
  }

  static List<Diagnostic> check(SystemDescription s) {
    SystemLint lint = new SystemLint(s, s.dialect());
    lint.run();
    return lint.out;
  }

  private void warn(Code code, String message, SourceSpan span, String hint) {
    warn(code, message, span, hint, null, null);
  }

  private void warn(Code code, String message, SourceSpan span, String hint, String note,
      SourceSpan noteAt) {
    List<Diagnostic.Note> notes = new ArrayList<>();
    if (note != null) notes.add(new Diagnostic.Note(note, noteAt));
    if (hint != null) notes.add(Diagnostic.Note.hint(hint));
    out.add(new Diagnostic(Severity.WARNING, code.name(), message, span, notes, null));
  }

  private void run() {
    Map<String, MemoryRegion> mrs = new HashMap<>();
    for (MemoryRegion mr : s.memoryRegions()) mrs.put(mr.name(), mr);
    for (MemoryRegion mr : s.memoryRegions()) {
      if (mr.sizeGiven() && mr.size() <= 0) {
        warn(Code.SDF108, "memory region '" + mr.name() + "' has size " + mr.size(), mr.span(),
            dialect + " accepts a zero or negative size, but the region cannot be built");
      }
    }
    for (ProtectionDomain pd : s.allProtectionDomains()) protectionDomain(pd, mrs);
    if (python) protectedProcedures();
    passiveWithoutCallers();
  }

  private void protectionDomain(ProtectionDomain pd, Map<String, MemoryRegion> mrs) {
    names(pd);
    maps(pd, pd.maps(), mrs, "protection domain '" + pd.name() + "'");
    if (pd.virtualMachine() != null) {
      maps(pd, pd.virtualMachine().maps(), mrs, "virtual machine '"
          + pd.virtualMachine().name() + "'");
    }
    if (python) setvars(pd, mrs);
    if (dialect == Dialect.SEL4CP_DEV) devIds(pd);
  }

  private void names(ProtectionDomain pd) {
    int limit = python ? SEL4CP_NAME_BYTES : MICROKIT_NAME_BYTES;
    int bytes = pd.name().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limit) {
      warn(Code.SDF103, "protection domain name '" + pd.name() + "' is " + bytes
          + " bytes; the monitor keeps only the first " + limit, pd.span(),
          "fault reports and debug output will show the shortened name");
    }
  }

  /**
   * Overlaps (sel4cp does not check them) and one region mapped twice differently. Maps are
   * swept in address order and grouped by region, so a PD with thousands of maps stays fast.
   */
  private void maps(ProtectionDomain pd, List<Mapping> maps, Map<String, MemoryRegion> mrs,
      String where) {
    // a region is usually mapped once per PD: the map holds a Mapping, or a list when not
    Map<String, Object> byRegion = new HashMap<>();
    List<Placed> known = new ArrayList<>(maps.size());
    for (int i = 0; i < maps.size(); i++) firstPass(maps.get(i), i, mrs, byRegion, known, where);
    if (!python) return;
    // sweep: sorted by start address, each map is compared with the open ones before it
    List<Placed> sorted = known;
    if (!inAddressOrder(sorted)) {
      sorted = new ArrayList<>(known);
      sorted.sort(BY_VADDR); // maps are usually written in address order
    }
    List<Placed> open = new ArrayList<>();
    List<Overlap> found = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) sweep(sorted.get(i), open, found);
    // report in document order of the later map, as a person reads the file
    if (found.size() > 1) {
      found.sort((x, y) -> Integer.compare(x.later().index(), y.later().index()));
    }
    for (Overlap o : found) {
      Mapping a = o.later().map();
      Mapping b = o.earlier().map();
      long aSize = o.later().size();
      long bSize = o.earlier().size();
      warn(Code.SDF105, "map of '" + a.mr() + "' [0x" + Long.toHexString(a.vaddr()) + "..0x"
          + Long.toHexString(a.vaddr() + aSize) + ") overlaps map of '" + b.mr()
          + "' [0x" + Long.toHexString(b.vaddr()) + "..0x"
          + Long.toHexString(b.vaddr() + bSize) + ") in " + where, a.span(),
          dialect + " accepts this but the image build fails; Microkit rejects it");
    }
  }

  // The per-map steps are methods of their own: `check` is one short process, and a method
  // called for each of 10,000 maps is compiled early, where a loop run 159 times in each of
  // 63 calls would stay in the interpreter.

  /** Notes a map's region and perms, and whether it maps a region a second time differently. */
  private void firstPass(Mapping m, int i, Map<String, MemoryRegion> mrs,
      Map<String, Object> byRegion, List<Placed> known, String where) {
    MemoryRegion region = mrs.get(m.mr());
    if (region == null) return;
    known.add(new Placed(m, region.size(), i));
    if (python && !onlyRwx(m.perms())) {
      warn(Code.SDF108, "perms '" + m.perms() + "' contains letters other than r, w and x",
          m.span(), dialect + " ignores them; Microkit rejects them");
    }
    Object before = byRegion.putIfAbsent(m.mr(), m);
    if (before == null) return;
    @SuppressWarnings("unchecked")
    List<Mapping> same = before instanceof Mapping one ? new ArrayList<>(List.of(one))
        : (List<Mapping>) before;
    for (Mapping b : same) {
      if (m.cached() != b.cached() || !m.perms().equals(b.perms())) {
        warn(Code.SDF101, "region '" + m.mr() + "' is mapped twice into " + where
            + " with different " + (m.cached() != b.cached() ? "caching" : "permissions")
            + " (also at 0x" + Long.toHexString(b.vaddr()) + ")", m.span(),
            "the two views of the same memory disagree; mismatched cacheability of one"
                + " physical page is undefined behaviour on Arm",
            "the other mapping", b.span());
        break;
      }
    }
    same.add(m);
    byRegion.put(m.mr(), same);
  }

  /** One step of the address sweep: drop maps that end before {@code a}, compare the rest. */
  private static void sweep(Placed a, List<Placed> open, List<Overlap> found) {
    for (int k = open.size() - 1; k >= 0; k--) {
      Placed b = open.get(k);
      if (Long.compareUnsigned(b.map().vaddr() + b.size(), a.map().vaddr()) <= 0) {
        open.remove(k);
      }
    }
    for (Placed b : open) {
      if (overlaps(a.map().vaddr(), a.size(), b.map().vaddr(), b.size())) {
        found.add(a.index() > b.index() ? new Overlap(a, b) : new Overlap(b, a));
      }
    }
    if (a.size() > 0) open.add(a);
  }

  /** A map with its region's size and its position among the PD's maps. */
  private record Placed(Mapping map, long size, int index) {}

  private record Overlap(Placed later, Placed earlier) {}

  private static final java.util.Comparator<Placed> BY_VADDR =
      (x, y) -> Long.compareUnsigned(x.map().vaddr(), y.map().vaddr());

  private static boolean inAddressOrder(List<Placed> maps) {
    for (int i = 1; i < maps.size(); i++) {
      if (Long.compareUnsigned(maps.get(i - 1).map().vaddr(), maps.get(i).map().vaddr()) > 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean onlyRwx(String perms) {
    for (int i = 0; i < perms.length(); i++) {
      char c = perms.charAt(i);
      if (c != 'r' && c != 'w' && c != 'x') return false;
    }
    return true;
  }

  private static boolean overlaps(long a, long aSize, long b, long bSize) {
    return aSize > 0 && bSize > 0 && Long.compareUnsigned(a, b + bSize) < 0
        && Long.compareUnsigned(b, a + aSize) < 0;
  }

  private void setvars(ProtectionDomain pd, Map<String, MemoryRegion> mrs) {
    Map<String, SourceSpan> symbols = new HashMap<>();
    for (Mapping m : pd.maps()) {
      if (m.setvarVaddr() != null) duplicateSymbol(pd, symbols, m.setvarVaddr(), m.span());
    }
    for (ProtectionDomain.Setvar sv : pd.setvars()) {
      duplicateSymbol(pd, symbols, sv.symbol(), sv.span());
      if (!mrs.containsKey(sv.regionPaddr())) {
        warn(Code.SDF106, "setvar '" + sv.symbol() + "' names region '" + sv.regionPaddr()
            + "', which does not exist", sv.span(),
            "the " + dialect + " tool accepts the file but crashes when building the image");
      }
    }
  }

  private void duplicateSymbol(ProtectionDomain pd, Map<String, SourceSpan> seen, String sym,
      SourceSpan at) {
    if (seen.putIfAbsent(sym, at) != null) {
      warn(Code.SDF106, "symbol '" + sym + "' is set twice in '" + pd.name() + "'", at,
          "the later value wins; Microkit rejects this");
    }
  }

  /** sel4cp-dev ids index 64-entry capability tables and notification badges. */
  private void devIds(ProtectionDomain pd) {
    for (Irq irq : pd.irqs()) {
      if (irq.id() < 0 || irq.id() > 63) {
        warn(Code.SDF108, "irq id " + irq.id() + " is outside 0..63", irq.span(),
            "sel4cp-dev does not check it, but the id is a notification badge bit");
      }
    }
    for (ProtectionDomain c : pd.children()) {
      if (c.id() != null && c.id() >= 64) {
        warn(Code.SDF108, "child id " + c.id() + " is 64 or more", c.span(),
            "sel4cp-dev accepts it but indexes 64-entry capability tables with it");
      }
    }
    if (pd.virtualMachine() != null && pd.virtualMachine().id() != null
        && pd.virtualMachine().id() >= 64) {
      warn(Code.SDF108, "virtual machine id " + pd.virtualMachine().id() + " is 64 or more",
          pd.virtualMachine().span(),
          "sel4cp-dev accepts it but indexes 64-entry capability tables with it");
    }
  }

  /**
   * A protected procedure call is served at the callee's priority; the kernel requires it to
   * be strictly higher than the caller's (the manual says so; sel4cp does not check).
   */
  private void protectedProcedures() {
    Map<String, ProtectionDomain> byName = new HashMap<>();
    for (ProtectionDomain pd : s.allProtectionDomains()) byName.putIfAbsent(pd.name(), pd);
    for (Channel c : s.channels()) {
      ProtectionDomain a = byName.get(c.a().pd());
      ProtectionDomain b = byName.get(c.b().pd());
      if (a == null || b == null) continue;
      if (b.pp()) ppc(a, b, c.span());
      if (a.pp()) ppc(b, a, c.span());
    }
  }

  private void ppc(ProtectionDomain caller, ProtectionDomain callee, SourceSpan at) {
    if (callee.priority() <= caller.priority()) {
      warn(Code.SDF104, "'" + caller.name() + "' (priority " + caller.priority() + ") may call '"
          + callee.name() + "' (priority " + callee.priority() + "), which provides a protected"
          + " procedure at a priority that is not strictly higher", at,
          "raise '" + callee.name() + "' above " + caller.priority()
              + "; Microkit rejects such channels");
    }
  }

  /** A passive PD runs only when notified or called; with no channel it never runs again. */
  private void passiveWithoutCallers() {
    for (ProtectionDomain pd : s.allProtectionDomains()) {
      if (!pd.passive() || !pd.irqs().isEmpty()) continue;
      boolean reachable = false;
      for (Channel c : s.channels()) {
        if (c.a().pd().equals(pd.name()) || c.b().pd().equals(pd.name())) reachable = true;
      }
      if (!reachable && pd.children().isEmpty()) {
        warn(Code.SDF108, "passive protection domain '" + pd.name() + "' has no channel or irq",
            pd.span(), "after init() it gives up its scheduling context and can never run again");
      }
    }
  }
}
