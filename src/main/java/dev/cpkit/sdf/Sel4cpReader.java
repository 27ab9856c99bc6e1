// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.diag.SourceSpan;
import dev.cpkit.diag.Spelling;
import dev.cpkit.sdf.xml.XmlAttribute;
import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.sdf.xml.XmlParser;
import dev.cpkit.sdf.xml.XmlText;
import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Irq;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import dev.cpkit.system.VirtualMachine;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and validates the two Python-tool dialects: upstream sel4cp 1.2.6
 * (seL4/microkit@e6f235e, {@code sysxml.py}) and the community dev line sel4cp-dev
 * (Ivan-Velickovic/sel4cp@3902541), which adds child PDs, virtual machines, {@code cpu} and irq
 * {@code trigger}. Rules run in the reference's order (SDF-SPEC.md §1.4, SDF-SPEC-DEV.md §4):
 * stray text, then elements in document order, then system checks; the reference stops at
 * its first error, cpkit reports the same one first and keeps going.
 */
final class Sel4cpReader {
  private static final BigInteger PRIORITY_MAX = BigInteger.valueOf(254);
  private static final int MAX_PDS = 63;

  private static final Set<String> MR_ATTRS = Set.of("name", "size", "page_size", "phys_addr");
  private static final Set<String> PD_ATTRS =
      Set.of("name", "priority", "pp", "budget", "period", "passive");
  private static final Set<String> PD_ATTRS_DEV =
      Set.of("name", "priority", "pp", "budget", "period", "cpu", "passive");
  private static final Set<String> CHILD_PD_ATTRS_DEV =
      Set.of("name", "priority", "pp", "budget", "period", "cpu", "passive", "id");
  private static final Set<String> PROGRAM_IMAGE_ATTRS = Set.of("path");
  private static final Set<String> MAP_ATTRS =
      Set.of("mr", "vaddr", "perms", "cached", "setvar_vaddr");
  private static final Set<String> VM_MAP_ATTRS = Set.of("mr", "vaddr", "perms", "cached");
  private static final Set<String> IRQ_ATTRS = Set.of("irq", "id");
  private static final Set<String> IRQ_ATTRS_DEV = Set.of("irq", "id", "trigger");
  private static final Set<String> SETVAR_ATTRS = Set.of("symbol", "region_paddr");
  private static final Set<String> VM_ATTRS =
      Set.of("name", "id", "budget", "period", "priority", "cpu");
  private static final Set<String> END_ATTRS = Set.of("pd", "id");

  private final Reporter r;
  private final Dialect dialect;
  private final Board board;
  private final boolean dev;

  /** Elements whose own checks failed: system checks skip them to avoid cascades. */
  private final Set<Object> broken =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private boolean unnamedPd;

  Sel4cpReader(Reporter r, Dialect dialect, Board board) {
    this.r = r;
    this.dialect = dialect;
    this.board = board;
    this.dev = dialect == Dialect.SEL4CP_DEV;
  }

  /**
   * Reads a tree parsed with ElementTree names ({@link XmlParser.Names#ELEMENT_TREE}).
   *
   * @param mayHaveText false when the parser saw only white space between tags: then no text
   *     can be stray, and the walk looking for it is skipped
   */
  SystemDescription read(XmlElement root, boolean mayHaveText) {
    if (mayHaveText) checkNoText(root);
    List<MemoryRegion> mrs = new ArrayList<>();
    List<ProtectionDomain> pds = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    for (XmlElement e : root.elements()) {
      switch (e.tag()) {
        case "memory_region" -> mrs.add(memoryRegion(e));
        case "protection_domain" -> pds.add(protectionDomain(e, false));
        case "channel" -> {
          Channel c = channel(e);
          if (c != null) channels.add(c);
        }
        default -> invalidElement(e, List.of("memory_region", "protection_domain", "channel"));
      }
    }
    SystemDescription system = new SystemDescription(dialect, board, mrs, pds, channels,
        List.of(), null, r.at(root));
    new Sel4cpSystemChecks(r, dialect, broken, unnamedPd).check(system);
    return system;
  }

  // ---- phase B: stray text ------------------------------------------------------------

  /**
   * ElementTree keeps text before an element's first child ({@code text}) and after its end
   * tag ({@code tail}); the reference rejects non-blank ones, element by element, depth first.
   * Iterative so that deep nesting cannot overflow the stack.
   */
  private void checkNoText(XmlElement root) {
    record Visit(XmlElement element, XmlText tail) {}
    Deque<Visit> stack = new ArrayDeque<>();
    stack.push(new Visit(root, null));
    while (!stack.isEmpty()) {
      Visit v = stack.pop();
      XmlElement e = v.element();
      XmlText text = e.etText();
      // Python's str.strip() also strips non-ASCII spaces such as U+00A0
      if (text != null && !PythonInt.isBlank(text.text())) strayText(e, text, "in");
      if (v.tail() != null && !PythonInt.isBlank(v.tail().text())) {
        strayText(e, v.tail(), "after");
      }
      List<XmlElement> children = e.elements();
      for (int i = children.size() - 1; i >= 0; i--) {
        XmlElement c = children.get(i);
        stack.push(new Visit(c, e.etTail(c)));
      }
    }
  }

  private void strayText(XmlElement e, XmlText text, String where) {
    int from = text.start();
    String t = text.text();
    int lead = 0;
    while (lead < t.length() && PythonInt.isSpace(t.charAt(lead))) lead++;
    SourceSpan span = r.file.point(Math.min(text.end(), from + lead));
    r.error(Code.SDF003, "unexpected text found " + where + " element '" + e.tag() + "'")
        .span(span)
        .reference("Error: {msg} @ {loc}", r.at(e))
        .hint("only elements may appear here; put notes in <!-- comments -->")
        .report();
  }

  // ---- phase C: elements --------------------------------------------------------------

  private MemoryRegion memoryRegion(XmlElement e) {
    boolean ok = checkAttributes(e, MR_ATTRS, e);
    String name = required(e, "name", e);
    if (name == null) ok = false;
    BigInteger size = number(e, "size", 0, e, true);
    if (size == null) ok = false;
    BigInteger pageSize = BigInteger.valueOf(board.smallestPageSize());
    boolean pageSizeGiven = e.has("page_size");
    if (pageSizeGiven) {
      BigInteger p = number(e, "page_size", 0, e, false);
      if (p == null) {
        ok = false;
        pageSize = null;
      } else if (!board.pageSizes().contains(p.longValue()) || p.bitLength() > 62) {
        r.error(Code.SDF010, "page size " + pythonHex(p) + " not supported")
            .span(r.focus(e, "page_size")).onElement(e)
            .hint("supported page sizes: " + pageSizeList())
            .report();
        ok = false;
        pageSize = null;
      } else {
        pageSize = p;
      }
    }
    if (size != null && pageSize != null && size.mod(pageSize).signum() != 0) {
      r.error(Code.SDF011, "size is not a multiple of the page size")
          .span(r.focus(e, "size")).onElement(e)
          .hint("with page size " + pythonHex(pageSize) + ", the nearest sizes are "
              + pythonHex(size.subtract(size.mod(pageSize))) + " and "
              + pythonHex(size.subtract(size.mod(pageSize)).add(pageSize)))
          .report();
      ok = false;
    }
    BigInteger phys = null;
    if (e.has("phys_addr")) {
      phys = number(e, "phys_addr", 0, e, false);
      if (phys == null) {
        ok = false;
      } else if (pageSize != null && phys.mod(pageSize).signum() != 0) {
        r.error(Code.SDF011, "phys_addr is not aligned to the page size")
            .span(r.focus(e, "phys_addr")).onElement(e).report();
        ok = false;
      }
    }
    if (size != null) wide(e, "size", size);
    if (phys != null) wide(e, "phys_addr", phys);
    MemoryRegion mr = new MemoryRegion(name == null ? "" : name, longOf(size), true,
        pageSize == null ? board.smallestPageSize() : pageSize.longValue(), pageSizeGiven,
        phys == null ? null : phys.longValue(), null, null, r.at(e));
    if (!ok) broken.add(mr);
    return mr;
  }

  private ProtectionDomain protectionDomain(XmlElement e, boolean child) {
    Set<String> allowed = !dev ? PD_ATTRS : child ? CHILD_PD_ATTRS_DEV : PD_ATTRS_DEV;
    boolean ok = checkAttributes(e, allowed, e);
    String name = required(e, "name", e);
    if (name == null) {
      ok = false;
      unnamedPd = true;
    }
    BigInteger priority = number(e, "priority", 0, e, false);
    if (priority == null && e.has("priority")) ok = false;
    if (priority != null && (priority.signum() < 0 || priority.compareTo(PRIORITY_MAX) > 0)) {
      r.error(Code.SDF009, "priority must be between 0 and 254")
          .span(r.focus(e, "priority")).onElement(e).report();
      ok = false;
    }
    BigInteger budget = number(e, "budget", 0, e, false);
    if (!budgetPrintable(budget, e)) ok = false;
    BigInteger period = number(e, "period", 0, e, false);
    if ((budget == null && e.has("budget")) || (period == null && e.has("period"))) ok = false;
    int cpu = 0;
    Integer id = null;
    if (dev) {
      cpu = cpu(e, e);
      if (cpu < 0) ok = false;
      if (child) {
        BigInteger i = number(e, "id", 0, e, true);
        if (i == null) {
          ok = false;
        } else if (i.signum() < 0 || i.compareTo(BigInteger.valueOf(255)) > 0) {
          r.error(Code.SDF009, "id must be between 0 and 255")
              .span(r.focus(e, "id")).onElement(e).report();
          ok = false;
        } else {
          id = i.intValue();
        }
      }
    }
    long budgetValue = budget == null ? 1000 : budget.longValue();
    long periodValue = period == null ? budgetValue : period.longValue();
    BigInteger b = budget == null ? BigInteger.valueOf(1000) : budget;
    BigInteger p = period == null ? b : period;
    if ((budget != null || !e.has("budget")) && (period != null || !e.has("period"))
        && b.compareTo(p) > 0) {
      // Python formats the numbers with str(), which refuses more than 4300 digits
      String bs = PythonInt.str(b);
      String ps = PythonInt.str(p);
      r.error(Code.SDF009, bs == null || ps == null ? PythonInt.STR_LIMIT_MESSAGE
              : "budget (" + bs + ") must be less than, or equal to, period (" + ps + ")")
          .span(r.focus(e, e.has("budget") ? "budget" : "period")).onElement(e).report();
      ok = false;
    }
    Boolean pp = bool(e, "pp", false, e);
    Boolean passive = bool(e, "passive", false, e);
    if (pp == null || passive == null) ok = false;

    ProtectionDomain.ProgramImage image = null;
    List<Mapping> maps = new ArrayList<>();
    List<Irq> irqs = new ArrayList<>();
    List<ProtectionDomain.Setvar> setvars = new ArrayList<>();
    List<ProtectionDomain> children = new ArrayList<>();
    VirtualMachine vm = null;
    boolean vmSeen = false;
    for (XmlElement c : e.elements()) {
      switch (c.tag()) {
        case "program_image" -> {
          boolean attrsOk = checkAttributes(c, PROGRAM_IMAGE_ATTRS, c);
          if (image != null) {
            r.error(Code.SDF015, "program_image must only be specified once")
                .span(r.at(c)).onElement(c)
                .note("the first program_image is here", image.span())
                .report();
            ok = false;
            continue;
          }
          String path = required(c, "path", c);
          if (path == null || !attrsOk) ok = false;
          image = new ProtectionDomain.ProgramImage(path == null ? "" : path, null, r.at(c));
        }
        case "map" -> {
          Mapping m = map(c, MAP_ATTRS, c, true);
          if (m == null) ok = false;
          else maps.add(m);
        }
        case "irq" -> {
          Irq irq = irq(c);
          if (irq == null) ok = false;
          else irqs.add(irq);
        }
        case "setvar" -> {
          boolean attrsOk = checkAttributes(c, SETVAR_ATTRS, c);
          String symbol = required(c, "symbol", c);
          String region = required(c, "region_paddr", c);
          if (symbol == null || region == null || !attrsOk) ok = false;
          else setvars.add(new ProtectionDomain.Setvar(symbol, region, r.at(c)));
        }
        case "protection_domain" -> {
          if (!dev) {
            invalidElement(c, pdChildren());
            ok = false;
          } else {
            children.add(protectionDomain(c, true));
          }
        }
        case "virtual_machine" -> {
          if (!dev) {
            invalidElement(c, pdChildren());
            ok = false;
            continue;
          }
          if (!board.hypervisor()) {
            r.error(Code.SDF019,
                    "virtual_machine only available when kernel is built as a hypervisor")
                .span(r.at(c)).reference("{msg}", null)
                .hint("board '" + board.name() + "' has no hypervisor support; boards that do: "
                    + String.join(", ", hypervisorBoards()))
                .report();
            ok = false;
            continue;
          }
          if (vmSeen) {
            r.error(Code.SDF030, "virtual_machine must only be specified once")
                .span(r.at(c)).reference("{msg}", null).report();
            ok = false;
            continue;
          }
          vmSeen = true;
          vm = virtualMachine(c);
          if (vm == null) ok = false;
        }
        default -> {
          invalidElement(c, pdChildren());
          ok = false;
        }
      }
    }
    if (image == null) {
      r.error(Code.SDF015, "program_image must be specified")
          .span(r.at(e)).onElement(e)
          .hint("add <program_image path=\"" + (name == null ? "pd" : name) + ".elf\" />")
          .report();
      ok = false;
    }
    if (priority != null) wide(e, "priority", priority);
    ProtectionDomain pd = new ProtectionDomain(name == null ? "" : name, id,
        priority == null ? 0 : priority.intValue(), budgetValue, periodValue,
        Boolean.TRUE.equals(pp), Boolean.TRUE.equals(passive), Math.max(cpu, 0), 0x1000, false,
        true, null, null, image, maps, irqs, setvars, List.of(), children, vm, List.of(),
        r.at(e));
    if (!ok) broken.add(pd);
    return pd;
  }

  /**
   * The reference computes the default period as {@code str(budget)} even when a period is
   * given, and Python 3.11 refuses to print an int of more than 4300 digits.
   */
  private boolean budgetPrintable(BigInteger budget, XmlElement e) {
    if (budget == null || PythonInt.str(budget) != null) return true;
    r.error(Code.SDF009, PythonInt.STR_LIMIT_MESSAGE)
        .span(r.focus(e, "budget")).onElement(e)
        .hint("a budget of " + budget.bitLength() + " bits cannot be a real budget")
        .report();
    return false;
  }

  private List<String> pdChildren() {
    return dev
        ? List.of("program_image", "map", "irq", "setvar", "protection_domain", "virtual_machine")
        : List.of("program_image", "map", "irq", "setvar");
  }

  private List<String> hypervisorBoards() {
    List<String> out = new ArrayList<>();
    var table = BoardTable.get();
    for (String n : table.names(dialect)) if (table.board(dialect, n).hypervisor()) out.add(n);
    return out;
  }

  /** sel4cp-dev {@code cpu}: 0 ≤ cpu < cores. Returns -1 after reporting an error. */
  private int cpu(XmlElement e, XmlElement reportOn) {
    BigInteger cpu = number(e, "cpu", 0, reportOn, false);
    if (cpu == null) return e.has("cpu") ? -1 : 0;
    if (cpu.signum() < 0 || cpu.compareTo(BigInteger.valueOf(board.cores())) >= 0) {
      r.error(Code.SDF009, "CPU affinity must be between 0 and " + (board.cores() - 1))
          .span(r.focus(e, "cpu")).onElement(reportOn)
          .hint("board '" + board.name() + "' has " + board.cores() + " core"
              + (board.cores() == 1 ? "" : "s"))
          .report();
      return -1;
    }
    return cpu.intValue();
  }

  /**
   * A map of a PD ({@code pd} true) or of a VM. In a VM map, value errors are reported on the
   * {@code virtual_machine} element ({@code reportOn}) as sel4cp-dev does; missing attributes
   * on the map itself.
   */
  private Mapping map(XmlElement c, Set<String> allowed, XmlElement reportOn, boolean pd) {
    boolean ok = checkAttributes(c, allowed, reportOn);
    String mr = required(c, "mr", c);
    if (mr == null) ok = false;
    BigInteger vaddr = number(c, "vaddr", 0, reportOn, true);
    if (vaddr == null) ok = false;
    String perms = c.has("perms") ? c.value("perms") : "rw";
    if (pd && perms.equals("w")) {
      r.error(Code.SDF026, "perms must not be 'w', write-only mappings are not allowed")
          .span(r.focus(c, "perms")).onElement(c)
          .hint("seL4 cannot map pages write-only; use perms=\"rw\"")
          .report();
      ok = false;
    }
    Boolean cached = bool(c, "cached", true, reportOn);
    if (cached == null) ok = false;
    if (!ok) return null;
    wide(c, "vaddr", vaddr);
    String setvar = c.value("setvar_vaddr");
    return new Mapping(mr, vaddr.longValue(), perms, cached, setvar == null || setvar.isEmpty()
        ? null : setvar, null, null, r.at(c));
  }

  private Irq irq(XmlElement c) {
    boolean ok = checkAttributes(c, dev ? IRQ_ATTRS_DEV : IRQ_ATTRS, c);
    BigInteger number = number(c, "irq", 0, c, true);
    BigInteger id = number(c, "id", 0, c, true);
    if (number == null || id == null) return null;
    if (!dev) {
      if (id.compareTo(BigInteger.valueOf(63)) >= 0) {
        r.error(Code.SDF009, "id must be < 63").span(r.focus(c, "id")).onElement(c).report();
        return null;
      }
      if (id.signum() < 0) {
        r.error(Code.SDF009, "id must be >= 0").span(r.focus(c, "id")).onElement(c).report();
        return null;
      }
    }
    String trigger = "level";
    if (dev && c.has("trigger")) {
      trigger = c.value("trigger");
      if (!trigger.equals("level") && !trigger.equals("edge")) {
        r.error(Code.SDF026, "Invalid IRQ trigger '" + trigger + "'")
            .span(r.focus(c, "trigger"))
            .reference("{msg}: {loc}", r.at(c))
            .hint("trigger is 'level' (the default) or 'edge', in lower case")
            .report();
        return null;
      }
    }
    if (!ok) return null;
    wide(c, "irq", number);
    return Irq.conventional(number.longValue(), id.intValue(), trigger, null, r.at(c));
  }

  private VirtualMachine virtualMachine(XmlElement vm) {
    boolean ok = checkAttributes(vm, VM_ATTRS, vm);
    String name = required(vm, "name", vm);
    BigInteger id = number(vm, "id", 0, vm, true);
    if (name == null || id == null) ok = false;
    if (id != null && (id.signum() < 0 || id.compareTo(BigInteger.valueOf(255)) > 0)) {
      r.error(Code.SDF009, "id must be between 0 and 255")
          .span(r.focus(vm, "id")).onElement(vm).report();
      ok = false;
    }
    int cpu = cpu(vm, vm);
    if (cpu < 0) ok = false;
    BigInteger budget = number(vm, "budget", 0, vm, false);
    if (!budgetPrintable(budget, vm)) ok = false;
    BigInteger period = number(vm, "period", 0, vm, false);
    BigInteger priority = number(vm, "priority", 0, vm, false);
    if ((budget == null && vm.has("budget")) || (period == null && vm.has("period"))
        || (priority == null && vm.has("priority"))) {
      ok = false;
    }
    List<Mapping> maps = new ArrayList<>();
    for (XmlElement c : vm.elements()) {
      if (!c.tag().equals("map")) {
        invalidElement(c, List.of("map"));
        ok = false;
        continue;
      }
      Mapping m = map(c, VM_MAP_ATTRS, vm, false);
      if (m == null) ok = false;
      else maps.add(m);
    }
    long b = budget == null ? 1000 : budget.longValue();
    VirtualMachine result = new VirtualMachine(name == null ? "" : name,
        id == null ? null : id.intValue(), Math.max(0, cpu),
        priority == null ? 0 : priority.longValue(), b,
        period == null ? b : period.longValue(), List.of(), maps, r.at(vm));
    if (!ok) broken.add(result);
    return result;
  }

  private Channel channel(XmlElement e) {
    boolean ok = true;
    // sysxml.py checks the channel's own attributes where it means to check each end's, so
    // end attributes are never validated (SDF-SPEC.md §5.1): any channel attribute is an error.
    for (XmlAttribute a : e.attributes()) {
      r.error(Code.SDF005, "invalid attribute '" + a.name() + "'")
          .span(r.at(a)).onElement(e).hint("a channel has no attributes; its ends carry pd and id")
          .report();
      ok = false;
    }
    List<Channel.End> ends = new ArrayList<>();
    int endCount = 0;
    int maxId = dev ? 64 : 63;
    for (XmlElement c : e.elements()) {
      if (!c.tag().equals("end")) {
        invalidElement(c, List.of("end"));
        ok = false;
        continue;
      }
      endCount++;
      for (XmlAttribute a : c.attributes()) {
        if (!END_ATTRS.contains(a.name())) {
          r.warning(Code.SDF100, "attribute '" + a.name() + "' on a channel end is ignored by "
                  + dialect.id())
              .span(r.at(a))
              .hint(a.name().equals("pp") || a.name().equals("notify")
                  ? "in " + dialect.id() + ", 'pp' is an attribute of the protection domain that"
                      + " serves the calls; channel-end 'pp'/'notify' are Microkit syntax"
                  : "an end takes only 'pd' and 'id'")
              .report();
        }
      }
      String pd = required(c, "pd", c);
      BigInteger id = number(c, "id", 10, c, true);
      if (pd == null || id == null) {
        ok = false;
        continue;
      }
      if (id.compareTo(BigInteger.valueOf(maxId)) >= 0) {
        r.error(Code.SDF009, "id must be < " + maxId).span(r.focus(c, "id")).onElement(c)
            .report();
        ok = false;
        continue;
      }
      if (id.signum() < 0) {
        r.error(Code.SDF009, "id must be >= 0").span(r.focus(c, "id")).onElement(c).report();
        ok = false;
        continue;
      }
      ends.add(new Channel.End(pd, id.intValue(), false, true, null, r.at(c)));
    }
    if (endCount != 2) {
      r.error(Code.SDF016, "exactly two end elements must be specified")
          .span(r.at(e)).onElement(e)
          .hint("this channel has " + endCount + " end" + (endCount == 1 ? "" : "s"))
          .report();
      return null;
    }
    if (!ok || ends.size() != 2) return null;
    return new Channel(ends.get(0), ends.get(1), r.at(e));
  }

  // ---- attribute helpers -----------------------------------------------------------------

  /** Reports each attribute not in {@code allowed}, on {@code reportOn}. */
  private boolean checkAttributes(XmlElement e, Set<String> allowed, XmlElement reportOn) {
    boolean ok = true;
    for (XmlAttribute a : e.attributes()) {
      if (allowed.contains(a.name())) continue;
      ok = false;
      Reporter.Builder b = r.error(Code.SDF005, "invalid attribute '" + a.name() + "'")
          .span(r.at(a)).onElement(reportOn);
      String renamed = renamedAttribute(e, a.name());
      if (renamed != null) {
        b.hint("'" + a.name() + "' was renamed to '" + renamed + "' in April 2023"
            + " (sel4cp-dev 4962f4c); `cpkit fmt --dialect " + dialect.id()
            + "` rewrites it");
      } else {
        String close = Spelling.closest(a.name(), allowed);
        if (close != null) b.hint("did you mean '" + close + "'?");
        else b.hint(dialectNote(e.tag(), a.name(), allowed));
      }
      b.report();
    }
    return ok;
  }

  private String renamedAttribute(XmlElement e, String attr) {
    if (!dev) return null;
    if (e.tag().equals("virtual_machine") && attr.equals("vm_id")) return "id";
    if (e.tag().equals("protection_domain") && attr.equals("pd_id")) return "id";
    return null;
  }

  private String dialectNote(String tag, String attr, Set<String> allowed) {
    List<String> sorted = new ArrayList<>(allowed);
    java.util.Collections.sort(sorted);
    String base = "'" + tag + "' takes " + String.join(", ", sorted) + " in " + dialect.id();
    if (Set.of("stack_size", "smc", "fpu", "domain", "cpu", "id").contains(attr)
        && tag.equals("protection_domain")) {
      return base + "; '" + attr + "' belongs to a newer dialect (--dialect "
          + (attr.equals("cpu") || attr.equals("id") ? "sel4cp-dev or microkit" : "microkit")
          + ")";
    }
    return base;
  }

  /** The attribute's value, or null after reporting it missing (on the element itself). */
  private String required(XmlElement e, String attr, XmlElement reportOn) {
    String v = e.value(attr);
    if (v == null) {
      r.error(Code.SDF006, "Missing required attribute '" + attr + "'")
          .span(r.at(e)).onElement(e).report();
    }
    return v;
  }

  /**
   * A number as Python's {@code int(text, base)} reads it. Returns null when absent (reported
   * if {@code required}) or malformed (reported on {@code reportOn}; nothing when it is null).
   */
  private BigInteger number(XmlElement e, String attr, int base, XmlElement reportOn,
      boolean required) {
    String raw = required ? required(e, attr, e) : e.value(attr);
    if (raw == null) return null;
    Object parsed = PythonInt.parseOrFailure(raw, base);
    BigInteger v = parsed instanceof BigInteger n ? n : null;
    if (v == null && reportOn != null) {
      Reporter.Builder b = r.error(Code.SDF007, ((PythonInt.Failure) parsed).message())
          .span(r.focus(e, attr)).onElement(reportOn);
      if (base == 10 && PythonInt.parse(raw, 0) != null) {
        b.hint("channel end ids are read in base 10 only; write " + PythonInt.parse(raw, 0));
      } else if (base == 0 && raw.strip().matches("0[0-9_]+")) {
        b.hint("leading zeros are not allowed; for octal write 0o...");
      }
      b.report();
    }
    return v;
  }

  /** Python's {@code str.lower() == 'true'/'false'}; null after reporting anything else. */
  private Boolean bool(XmlElement e, String attr, boolean dflt, XmlElement reportOn) {
    String raw = e.value(attr);
    if (raw == null) return dflt;
    if (raw.equals("true")) return true; // the usual spelling, without an allocation
    if (raw.equals("false")) return false;
    String v = raw.toLowerCase(Locale.ROOT);
    if (v.equals("true")) return true;
    if (v.equals("false")) return false;
    r.error(Code.SDF008, "invalid boolean value")
        .span(r.focus(e, attr)).onElement(reportOn)
        .hint("'" + attr + "' must be 'true' or 'false', not '" + raw + "'")
        .report();
    return null;
  }

  private void invalidElement(XmlElement e, List<String> allowed) {
    String close = Spelling.closest(e.tag(), allowed);
    r.error(Code.SDF004, "Invalid XML element '" + e.tag() + "'")
        .span(r.at(e))
        .reference("{msg}: {loc}", r.at(e))
        .hint(close != null ? "did you mean '" + close + "'?"
            : newerElementNote(e.tag(), allowed))
        .report();
  }

  private String newerElementNote(String tag, List<String> allowed) {
    String here = "allowed here: " + String.join(", ", allowed);
    return switch (tag) {
      case "virtual_machine", "protection_domain" ->
          here + "; nested " + tag + " elements need --dialect sel4cp-dev or microkit";
      case "ioport", "cspace", "domains", "io_address_space", "vcpu" ->
          here + "; '" + tag + "' is Microkit syntax (--dialect microkit)";
      default -> here;
    };
  }

  /** cpkit warning: a value Python keeps but a 64-bit kernel field cannot. */
  private void wide(XmlElement e, String attr, BigInteger v) {
    if (v.bitLength() > 64 || (v.signum() < 0 && v.bitLength() > 63)) {
      r.warning(Code.SDF102, attr + " " + v + " does not fit in 64 bits")
          .span(r.focus(e, attr)).report();
    }
  }

  private static long longOf(BigInteger v) {
    return v == null ? 0 : v.longValue();
  }

  /** Python's {@code f"0x{n:x}"}. */
  static String pythonHex(BigInteger n) {
    return n.signum() < 0 ? "0x-" + n.negate().toString(16) : "0x" + n.toString(16);
  }

  private String pageSizeList() {
    Set<String> s = new LinkedHashSet<>();
    for (long p : board.pageSizes()) s.add("0x" + Long.toHexString(p));
    return String.join(", ", s);
  }
}
