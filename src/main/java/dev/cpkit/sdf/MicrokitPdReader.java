// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static dev.cpkit.sdf.MicrokitNumbers.below;
import static dev.cpkit.sdf.MicrokitNumbers.hex;

import dev.cpkit.diag.Spelling;
import dev.cpkit.sdf.MicrokitDraft.Cap;
import dev.cpkit.sdf.MicrokitDraft.IoPort;
import dev.cpkit.sdf.MicrokitDraft.Irq;
import dev.cpkit.sdf.MicrokitDraft.Map;
import dev.cpkit.sdf.MicrokitDraft.Pd;
import dev.cpkit.sdf.MicrokitDraft.Setvar;
import dev.cpkit.sdf.MicrokitDraft.SetvarKind;
import dev.cpkit.sdf.MicrokitDraft.Vcpu;
import dev.cpkit.sdf.MicrokitDraft.Vm;
import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.system.Board;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one {@code <protection_domain>} (and, recursively, its children) in the order of
 * sdf.rs {@code ProtectionDomain::from_xml}: attributes first, in the tool's own order (not the
 * document's), then the child elements in document order, then the program_image check.
 */
final class MicrokitPdReader {
  static final long PD_MAX_ID = 61;
  static final long PD_MAX_PRIORITY = 254;
  static final long MIN_STACK = 0x1000;
  static final long MAX_STACK = 0x1000000;
  static final long CAP_MAP_MAX_SLOT = 128;
  static final long X86_IRQ_VECTOR_MAX = 107;

  private static final List<String> PD_ATTRS = List.of("name", "priority", "budget", "period",
      "passive", "stack_size", "smc", "cpu", "domain", "fpu");
  private static final List<String> PD_CHILDREN = List.of("program_image", "map", "irq",
      "ioport", "setvar", "protection_domain", "virtual_machine", "cspace");

  private final MicrokitAttrs a;
  private final Reporter r;
  private final Board board;

  MicrokitPdReader(MicrokitAttrs attrs, Board board) {
    this.a = attrs;
    this.r = attrs.r;
    this.board = board;
  }

  /**
   * {@code domains}: the domain names declared so far (empty when no {@code <domains>}, null
   * when a {@code <domains>} element failed, so PDs' domain attributes cannot be checked).
   */
  Pd read(XmlElement e, boolean child, java.util.Map<String, Integer> domains) {
    Pd pd = new Pd();
    pd.el = e;
    List<String> allowed = new ArrayList<>(PD_ATTRS);
    if (child) allowed.addAll(List.of("id", "setvar_id"));
    a.allowed(e, allowed);
    pd.name = a.required(e, "name");
    if (child) readChildId(e, pd);
    readScheduling(e, pd);
    Boolean passive = a.bool(e, "passive", false);
    if (passive != null) pd.passive = passive;
    Long stack = e.has("stack_size") ? a.number(e, "stack_size", e) : (Long) 0x2000L;
    readSmc(e, pd);
    readCpu(e, pd);
    readDomain(e, pd, domains);
    boolean stackOk = stack != null && checkStack(e, stack);
    if (stackOk) pd.stackSize = stack;
    else pd.broken = true;
    readPriority(e, pd);
    Boolean fpu = a.bool(e, "fpu", true);
    if (fpu != null) pd.fpu = fpu;
    readChildren(e, pd, stackOk, domains);
    if (pd.programImage == null && pd.programImageEl == null) {
      a.unlocated(Code.SDF015, "missing 'program_image' element on protection_domain: '"
          + (pd.name == null ? "" : pd.name) + "'", r.at(e));
    }
    return pd;
  }

  private void readChildId(XmlElement e, Pd pd) {
    String raw = a.required(e, "id");
    if (raw != null) {
      pd.id = a.number(raw, e, "id", e);
      if (pd.id != null && below(PD_MAX_ID, pd.id)) {
        // Not checked by sdf.rs; the parent receives the child's faults with badge
        // FAULT_BADGE (bit 62) | id, so larger ids collide with the badge's flag bits.
        r.warning(Code.SDF108, "child protection domain id " + MicrokitNumbers.dec(pd.id)
                + " is above " + PD_MAX_ID)
            .span(r.focus(e, "id"))
            .hint("the parent receives this child's faults badged with its id next to flag"
                + " bits 62 and 63; use an id from 0 to 61")
            .report();
      }
    }
    pd.setvarId = e.value("setvar_id");
  }

  /** Budget and period, then sdf.rs's budget ≤ period rule (decimal values in the message). */
  private void readScheduling(XmlElement e, Pd pd) {
    Long budget = e.has("budget") ? a.number(e, "budget", e) : (Long) 1000L;
    Long period = e.has("period") ? a.number(e, "period", e) : budget;
    if (budget == null || period == null) {
      pd.broken = true;
      return;
    }
    pd.budget = budget;
    pd.period = period;
    if (below(period, budget)) {
      a.value(e, Code.SDF009, "budget (" + MicrokitNumbers.dec(budget)
          + ") must be less than, or equal to, period (" + MicrokitNumbers.dec(period) + ")",
          e.has("period") ? "period" : "budget");
    }
  }

  private void readSmc(XmlElement e, Pd pd) {
    Boolean smc = a.bool(e, "smc", false);
    if (smc == null) return;
    pd.smc = smc;
    if (!smc) return;
    if (!board.arch().isArm()) {
      // sdf.rs returns this one bare: no "Error:" and no location.
      r.error(Code.SDF019, "ARM SMC forwarding support is not available for this architecture")
          .span(r.focus(e, "smc"))
          .reference("{msg}", null)
          .report();
    } else if (!board.smc()) {
      a.value(e, Code.SDF019, "Using SMC support without ARM SMC forwarding support enabled in"
          + " the kernel for this platform", "smc");
    }
  }

  private void readCpu(XmlElement e, Pd pd) {
    String raw = e.has("cpu") ? e.value("cpu") : "0";
    Long cpu = a.number(raw, e, "cpu", e);
    if (cpu == null) return;
    if (below(255, cpu)) {
      // sdf.rs converts to u8 with expect(): the tool panics.
      panicRange(e, "cpu", cpu);
      return;
    }
    pd.cpu = cpu.intValue();
    if (cpu >= board.cores()) {
      a.value(e, Code.SDF019, "cpu core must be less than " + board.cores() + ", got " + cpu,
          "cpu");
    }
  }

  void panicRange(XmlElement e, String attr, long v) {
    r.error(Code.SDF009, attr + " core " + MicrokitNumbers.dec(v)
            + " does not fit in 8 bits (the Microkit tool crashes on this value)")
        .span(r.focus(e, attr))
        .onElement(e)
        .report();
  }

  private void readDomain(XmlElement e, Pd pd, java.util.Map<String, Integer> domains) {
    if (domains == null) {
      pd.domain = e.value("domain");
    } else if (!domains.isEmpty()) {
      String d = a.required(e, "domain");
      if (d == null) return;
      if (!domains.containsKey(d)) {
        String guess = Spelling.closest(d, domains.keySet());
        a.value(e, Code.SDF023, "domain '" + d + "' not declared in <domains>:", "domain",
            guess == null ? null : "did you mean '" + guess + "'?");
        return;
      }
      pd.domain = d;
    } else if (e.has("domain")) {
      a.value(e, Code.SDF023, "Specifying a domain '" + e.value("domain")
          + "' without declaring a domain schedule is not allowed:", "domain",
          "a <domains> element with a <domain_schedule> must come before this PD");
    }
  }

  private boolean checkStack(XmlElement e, long stack) {
    if (below(stack, MIN_STACK) || below(MAX_STACK, stack)) {
      a.value(e, Code.SDF009, "stack size must be between " + hex(MIN_STACK) + " bytes and "
          + hex(MAX_STACK) + " bytes", "stack_size");
      return false;
    }
    long page = board.smallestPageSize();
    if (!MicrokitNumbers.isMultiple(stack, page)) {
      a.value(e, Code.SDF011, "stack size must be aligned to the smallest page size, " + page
          + " bytes", "stack_size");
      return false;
    }
    return true;
  }

  private void readPriority(XmlElement e, Pd pd) {
    Long p = e.has("priority") ? a.number(e, "priority", e) : (Long) 0L;
    if (p == null) {
      pd.broken = true;
    } else if (below(PD_MAX_PRIORITY, p)) {
      a.value(e, Code.SDF009, "priority must be between 0 and " + PD_MAX_PRIORITY, "priority");
      pd.broken = true;
    } else {
      pd.priority = p;
    }
  }

  private void readChildren(XmlElement e, Pd pd, boolean stackOk,
      java.util.Map<String, Integer> domains) {
    boolean cspaceSeen = false;
    for (XmlElement c : e.elements()) {
      switch (c.tag()) {
        case "program_image" -> readProgramImage(e, c, pd);
        case "map" -> {
          Long max = stackOk ? pdMapMaxVaddr(board, pd.stackSize) : null;
          Map m = readMap(c, true, max);
          addMapSetvars(pd, m, c);
          pd.maps.add(m);
        }
        case "irq" -> readIrq(c, pd);
        case "ioport" -> readIoPort(e, c, pd);
        case "setvar" -> readSetvar(c, pd);
        case "protection_domain" -> {
          Pd kid = read(c, true, domains);
          if (kid.setvarId != null && kid.id != null) {
            addSetvar(pd, kid.setvarId, SetvarKind.ID, null, c, "setvar_id");
          }
          pd.children.add(kid);
        }
        case "virtual_machine" -> readVirtualMachine(e, c, pd);
        case "cspace" -> {
          if (cspaceSeen) {
            r.error(Code.SDF024, "cspace must only be specified once").span(r.at(c))
                .onElement(e).report();
          } else {
            readCspace(c, pd);
          }
          cspaceSeen = true;
        }
        default -> {
          // sdf.rs writes this one without "Error:".
          String guess = Spelling.closest(c.tag(), PD_CHILDREN);
          r.error(Code.SDF004, "Invalid XML element '" + c.tag() + "'")
              .span(r.at(c))
              .reference("{msg}: {loc}", r.at(c))
              .hint(guess == null ? null : "did you mean '" + guess + "'?")
              .report();
        }
      }
    }
  }

  /** sdf.rs Config::pd_map_max_vaddr: below the stack, guard page and IPC buffer. */
  static long pdMapMaxVaddr(Board board, long stackSize) {
    long ipcBuffer = board.userTop() & ~0xfffL;
    return ipcBuffer - 0x1000 - stackSize;
  }

  private void readProgramImage(XmlElement pdEl, XmlElement c, Pd pd) {
    a.allowed(c, List.of("path", "path_for_symbols"));
    if (pd.programImageEl != null) {
      // Reported on the PD element, not on the second program_image.
      r.error(Code.SDF015, "program_image must only be specified once")
          .span(r.at(c))
          .onElement(pdEl)
          .note("the first program_image is here", r.at(pd.programImageEl))
          .report();
      return;
    }
    pd.programImageEl = c;
    pd.programImage = a.required(c, "path");
    pd.programImageForSymbols = c.value("path_for_symbols");
  }

  /** sdf.rs SysMap::from_xml. {@code maxVaddr} null: the limit is unknown (PD had errors). */
  Map readMap(XmlElement c, boolean allowSetvar, Long maxVaddr) {
    Map m = new Map();
    m.el = c;
    List<String> allowed = new ArrayList<>(List.of("mr", "vaddr", "perms", "cached"));
    if (allowSetvar) allowed.addAll(List.of("setvar_vaddr", "setvar_size", "setvar_prefill_size"));
    a.allowed(c, allowed);
    m.mr = a.required(c, "mr");
    Long vaddr = a.requiredNumber(c, "vaddr");
    if (vaddr != null && maxVaddr != null && !below(vaddr, maxVaddr)) {
      a.value(c, Code.SDF017, "vaddr (" + hex(vaddr) + ") must be less than " + hex(maxVaddr),
          "vaddr");
      vaddr = null;
    }
    // Out of range counts as broken too: the later address-space checks would only repeat it.
    m.broken = m.mr == null || vaddr == null;
    if (vaddr != null) m.vaddr = vaddr;
    if (c.has("perms")) {
      m.perms = c.value("perms");
      m.permBits = permBits(m.perms);
      if (m.permBits < 0) {
        a.value(c, Code.SDF026, "perms must only be a combination of 'r', 'w', and 'x'", "perms");
      }
    }
    if (m.permBits == 2) {
      a.value(c, Code.SDF026, "perms must not be 'w', write-only mappings are not allowed",
          "perms", "the kernel has no write-only mappings; use 'rw'");
    }
    Boolean cached = a.bool(c, "cached", true);
    if (cached != null) m.cached = cached;
    return m;
  }

  /** r=1, w=2, x=4 as in sdf.rs SysMapPerms; -1 for any other letter. */
  static int permBits(String perms) {
    int bits = 0;
    for (char ch : perms.toCharArray()) {
      switch (ch) {
        case 'r' -> bits |= 1;
        case 'w' -> bits |= 2;
        case 'x' -> bits |= 4;
        default -> {
          return -1;
        }
      }
    }
    return bits;
  }

  private void addMapSetvars(Pd pd, Map m, XmlElement c) {
    if (c.has("setvar_vaddr")) {
      addSetvar(pd, c.value("setvar_vaddr"), SetvarKind.VADDR, m.mr, c, "setvar_vaddr");
    }
    if (c.has("setvar_size")) {
      addSetvar(pd, c.value("setvar_size"), SetvarKind.SIZE, m.mr, c, "setvar_size");
    }
    if (c.has("setvar_prefill_size")) {
      addSetvar(pd, c.value("setvar_prefill_size"), SetvarKind.PREFILL_SIZE, m.mr, c,
          "setvar_prefill_size");
    }
  }

  /** sdf.rs checked_add_setvar: a symbol may be set once per PD; reported on {@code el}. */
  boolean addSetvar(Pd pd, String symbol, SetvarKind kind, String mr, XmlElement el,
      String attr) {
    for (Setvar s : pd.setvars) {
      if (s.symbol().equals(symbol)) {
        r.error(Code.SDF022, "setvar on symbol '" + symbol + "' already exists")
            .span(r.focus(el, attr))
            .onElement(el)
            .note("first set here", r.at(s.el()))
            .report();
        return false;
      }
    }
    pd.setvars.add(new Setvar(symbol, kind, mr, el));
    return true;
  }

  private void readIrq(XmlElement c, Pd pd) {
    Irq irq = new Irq();
    irq.el = c;
    boolean ok = true;
    Long id = boundedId(c);
    if (id == null) ok = false;
    else irq.id = id.intValue();
    irq.setvarId = c.value("setvar_id");
    if (irq.setvarId != null && id != null) {
      addSetvar(pd, irq.setvarId, SetvarKind.ID, null, c, "setvar_id");
    }
    boolean x86 = board.arch().isX86();
    if (c.has("irq")) {
      ok &= x86 ? unsupported(c, "ARM and RISC-V IRQs are not supported on x86", "irq")
          : readConventional(c, irq);
    } else if (c.has("pin")) {
      ok &= !x86 ? unsupported(c, "x86 I/O APIC IRQ isn't supported on ARM and RISC-V", "pin")
          : readIoapic(c, irq);
    } else if (c.has("pcidev")) {
      ok &= !x86 ? unsupported(c, "x86 MSI IRQ isn't supported on ARM and RISC-V", "pcidev")
          : readMsi(c, irq);
    } else {
      // sdf.rs cannot tell the kind: it asks for 'irq' (ARM, RISC-V) or 'pin' (x86).
      a.required(c, x86 ? "pin" : "irq");
      ok = false;
    }
    if (ok) pd.irqs.add(irq);
  }

  private boolean unsupported(XmlElement c, String message, String attr) {
    a.value(c, Code.SDF019, message, attr);
    return false;
  }

  private boolean readConventional(XmlElement c, Irq irq) {
    a.allowed(c, List.of("irq", "id", "setvar_id", "trigger"));
    Long n = a.decimal(c, "irq", c.value("irq"), false);
    String trigger = trigger(c);
    if (n == null || trigger == null) return false;
    irq.irq = n;
    irq.trigger = trigger;
    return true;
  }

  private String trigger(XmlElement c) {
    String t = c.value("trigger");
    if (t == null) return "level";
    if (t.equals("level") || t.equals("edge")) return t;
    a.value(c, Code.SDF026, "trigger must be either 'level' or 'edge'", "trigger");
    return null;
  }

  private boolean readIoapic(XmlElement c, Irq irq) {
    a.allowed(c, List.of("id", "setvar_id", "ioapic", "pin", "trigger", "polarity", "vector"));
    boolean ok = true;
    irq.kind = dev.cpkit.system.Irq.Kind.IOAPIC;
    Long ioapic = c.has("ioapic") ? a.decimal(c, "ioapic", c.value("ioapic"), true) : (Long) 0L;
    if (ioapic != null && ioapic < 0) {
      a.value(c, Code.SDF009, "ioapic must be >= 0", "ioapic");
      ioapic = null;
    }
    Long pin = a.decimal(c, "pin", c.value("pin"), true);
    if (pin != null && pin < 0) {
      a.value(c, Code.SDF009, "pin must be >= 0", "pin");
      pin = null;
    }
    String trigger = trigger(c);
    String polarity = c.has("polarity") ? c.value("polarity") : "high";
    if (!polarity.equals("low") && !polarity.equals("high")) {
      a.value(c, Code.SDF026, "polarity must be either 'low' or 'high'", "polarity");
      polarity = null;
    }
    Long vector = vector(c);
    if (ioapic == null || pin == null || trigger == null || polarity == null || vector == null) {
      return false;
    }
    irq.ioapic = ioapic;
    irq.pin = pin;
    irq.trigger = trigger;
    irq.polarity = polarity;
    irq.vector = vector;
    return ok;
  }

  private Long vector(XmlElement c) {
    String raw = a.required(c, "vector");
    Long v = raw == null ? null : a.decimal(c, "vector", raw, true);
    if (v != null && (v < 0 || v > X86_IRQ_VECTOR_MAX)) {
      a.value(c, Code.SDF009, "vector must be within [0.." + X86_IRQ_VECTOR_MAX + "]", "vector");
      return null;
    }
    return v;
  }

  private boolean readMsi(XmlElement c, Irq irq) {
    a.allowed(c, List.of("id", "setvar_id", "pcidev", "handle", "vector"));
    irq.kind = dev.cpkit.system.Irq.Kind.MSI;
    MicrokitNumbers.Pci pci = MicrokitNumbers.pci(c.value("pcidev"));
    if (!pci.ok()) a.value(c, Code.SDF009, pci.error(), "pcidev");
    String handleRaw = a.required(c, "handle");
    Long handle = handleRaw == null ? null : a.decimal(c, "handle", handleRaw, true);
    if (handle != null && handle < 0) {
      a.value(c, Code.SDF009, "handle must be >= 0", "handle");
      handle = null;
    }
    Long vector = vector(c);
    if (!pci.ok() || handle == null || vector == null) return false;
    irq.pcidev = pci.toString();
    irq.handle = handle;
    irq.vector = vector;
    return true;
  }

  private void readIoPort(XmlElement pdEl, XmlElement c, Pd pd) {
    if (!board.arch().isX86()) {
      // Reported on the PD element.
      r.error(Code.SDF025, "I/O Ports are only available on x86").span(r.at(c))
          .onElement(pdEl).report();
      return;
    }
    a.allowed(c, List.of("id", "setvar_id", "setvar_addr", "addr", "size"));
    IoPort p = new IoPort();
    p.el = c;
    Long id = boundedId(c);
    p.setvarId = c.value("setvar_id");
    if (p.setvarId != null && id != null) {
      addSetvar(pd, p.setvarId, SetvarKind.ID, null, c, "setvar_id");
    }
    Long addr = a.requiredNumber(c, "addr");
    p.setvarAddr = c.value("setvar_addr");
    if (p.setvarAddr != null && addr != null) {
      addSetvar(pd, p.setvarAddr, SetvarKind.IOPORT_ADDR, null, c, "setvar_addr");
    }
    String sizeRaw = a.required(c, "size");
    Long size = sizeRaw == null ? null : a.decimal(c, "size", sizeRaw, true);
    if (size != null && size <= 0) {
      a.value(c, Code.SDF025, "size must be > 0", "size");
      size = null;
    }
    if (id == null || addr == null || size == null) return;
    p.id = id.intValue();
    p.addr = addr;
    p.size = size;
    pd.ioPorts.add(p);
  }

  private void readSetvar(XmlElement c, Pd pd) {
    a.allowed(c, List.of("symbol", "region_paddr"));
    String symbol = a.required(c, "symbol");
    String region = a.required(c, "region_paddr");
    if (symbol != null && region != null) {
      addSetvar(pd, symbol, SetvarKind.PADDR, region, c, "symbol");
    }
  }

  private void readVirtualMachine(XmlElement pdEl, XmlElement c, Pd pd) {
    if (!board.hypervisor()) {
      r.error(Code.SDF019, "seL4 has not been built as a hypervisor, virtual machines are"
          + " disabled").span(r.at(c)).onElement(pdEl).report();
      return;
    }
    if (pd.vm != null) {
      r.error(Code.SDF030, "virtual_machine must only be specified once").span(r.at(c))
          .onElement(pdEl).report();
      return;
    }
    pd.vm = readVm(c, pd);
  }

  /** sdf.rs VirtualMachine::from_xml; scheduling attributes exist on AArch64 only. */
  private Vm readVm(XmlElement e, Pd pd) {
    Vm vm = new Vm();
    vm.el = e;
    boolean arm = board.arch().isArm();
    a.allowed(e, arm ? List.of("name", "budget", "period", "priority") : List.of("name"));
    vm.name = a.required(e, "name");
    if (vm.name == null) vm.broken = true;
    if (arm) readVmScheduling(e, vm);
    for (XmlElement c : e.elements()) {
      switch (c.tag()) {
        case "vcpu" -> readVcpu(e, c, vm);
        case "map" -> vm.maps.add(readMap(c, false, board.userTop() + 1));
        default ->
          // sdf.rs locates this at the virtual_machine element, not at the child.
          r.error(Code.SDF004, "invalid XML element '" + c.tag() + "'")
              .span(r.at(c))
              .reference("Error: {msg}: {loc}", r.at(e))
              .hint("a virtual_machine holds only <vcpu> and <map>")
              .report();
      }
    }
    if (vm.vcpus.isEmpty()) {
      a.unlocated(Code.SDF030, "missing 'vcpu' element on virtual_machine: '"
          + (vm.name == null ? "" : vm.name) + "'", r.at(e));
    }
    return vm;
  }

  private void readVmScheduling(XmlElement e, Vm vm) {
    Long budget = e.has("budget") ? a.number(e, "budget", e) : (Long) 1000L;
    Long period = e.has("period") ? a.number(e, "period", e) : budget;
    if (budget != null && period != null) {
      vm.budget = budget;
      vm.period = period;
      if (below(period, budget)) {
        a.value(e, Code.SDF009, "budget (" + MicrokitNumbers.dec(budget)
            + ") must be less than, or equal to, period (" + MicrokitNumbers.dec(period) + ")",
            e.has("period") ? "period" : "budget");
      }
    }
    Long priority = e.has("priority") ? a.number(e, "priority", e) : (Long) 0L;
    if (priority == null) return;
    vm.priority = priority & 0xff;
    if (below(PD_MAX_PRIORITY, priority)) {
      // sdf.rs has no range check here and keeps the low 8 bits.
      r.warning(Code.SDF108, "virtual machine priority " + MicrokitNumbers.dec(priority)
              + " is above " + PD_MAX_PRIORITY)
          .span(r.focus(e, "priority"))
          .hint("the Microkit tool does not check it and keeps only the low 8 bits ("
              + (priority & 0xff) + ")")
          .report();
    }
  }

  private void readVcpu(XmlElement vmEl, XmlElement c, Vm vm) {
    a.allowed(c, List.of("id", "setvar_id", "cpu"));
    String raw = a.required(c, "id");
    Long id = raw == null ? null : a.decimal(c, "id", raw, false);
    if (id != null && below(PD_MAX_ID, id)) {
      a.value(c, Code.SDF009, "id must be < " + (PD_MAX_ID + 1), "id");
      id = null;
    }
    if (id != null) {
      for (Vcpu other : vm.vcpus) {
        if (other.id == id) {
          r.error(Code.SDF014, "duplicate vcpu id " + id + " in virtual machine '"
                  + (vm.name == null ? "" : vm.name) + "'")
              .span(r.focus(c, "id"))
              .reference("Error: {msg} @ {loc}", r.at(c))
              .note("first used here", r.at(other.el))
              .report();
          id = null;
          break;
        }
      }
    }
    if (c.has("setvar_id")) {
      // sdf.rs reads the vcpu's setvar_id from the <virtual_machine> element instead, which
      // may not carry it, so the symbol is never patched.
      r.warning(Code.SDF100, "setvar_id on a vcpu is ignored by the Microkit tool")
          .span(r.focus(c, "setvar_id"))
          .hint("the symbol will not be patched; pass the vcpu id some other way")
          .report();
    }
    Integer cpu = null;
    if (c.has("cpu")) {
      // The parse error names the virtual_machine element, as sdf.rs passes the parent node.
      Long v = a.number(c, "cpu", vmEl);
      if (v != null && below(255, v)) {
        panicRange(c, "cpu", v);
      } else if (v != null) {
        cpu = v.intValue();
        if (v >= board.cores()) {
          a.value(c, Code.SDF019, "cpu core must be less than " + board.cores() + ", got " + v,
              "cpu");
        }
      }
    }
    if (id == null) return;
    Vcpu vcpu = new Vcpu();
    vcpu.el = c;
    vcpu.id = id;
    vcpu.cpu = cpu;
    vm.vcpus.add(vcpu);
  }

  /** sdf.rs CSpace::from_xml and CapMap::from_xml. */
  private void readCspace(XmlElement e, Pd pd) {
    a.allowed(e, List.of());
    for (XmlElement c : e.elements()) {
      String type = switch (c.tag()) {
        case "cap_tcb" -> "tcb";
        case "cap_sc" -> "sc";
        case "cap_vspace" -> "vspace";
        default -> null;
      };
      if (type == null) {
        unsupportedCap(c);
        continue;
      }
      a.allowed(c, List.of("slot", "pd"));
      String target = a.required(c, "pd");
      Long slot = a.requiredNumber(c, "slot");
      if (slot != null && slot == 0) {
        a.value(c, Code.SDF024, "The destination slot 0 has been reserved for Microkit CNode",
            "slot");
        slot = null;
      } else if (slot != null && !below(slot, CAP_MAP_MAX_SLOT)) {
        a.value(c, Code.SDF024, "There are only " + CAP_MAP_MAX_SLOT
            + " destination cspace slots available.", "slot");
        slot = null;
      }
      if (target == null || slot == null) continue;
      Cap cap = new Cap();
      cap.el = c;
      cap.type = type;
      cap.pd = target;
      cap.slot = slot;
      pd.caps.add(cap);
    }
  }

  private void unsupportedCap(XmlElement c) {
    String tag = c.tag();
    // sdf.rs prints these two without "Error:", the location quoted.
    if (tag.startsWith("cap_")) {
      r.error(Code.SDF024, "Cap type: '" + tag.substring(4) + "' is not supported")
          .span(r.at(c))
          .reference("{msg} at '{loc}'", r.at(c))
          .hint("supported: cap_tcb, cap_sc, cap_vspace")
          .report();
    } else {
      r.error(Code.SDF004, "Element '" + tag + "' is not supported in a <cspace> element")
          .span(r.at(c))
          .reference("{msg} at '{loc}'", r.at(c))
          .report();
    }
  }

  /** A required decimal {@code id} in 0..PD_MAX_ID (irqs and I/O ports), or null after an error. */
  private Long boundedId(XmlElement c) {
    String idRaw = a.required(c, "id");
    Long id = idRaw == null ? null : a.decimal(c, "id", idRaw, true);
    if (id != null && id > PD_MAX_ID) {
      a.value(c, Code.SDF009, "id must be < " + (PD_MAX_ID + 1), "id");
      return null;
    }
    if (id != null && id < 0) {
      a.value(c, Code.SDF009, "id must be >= 0", "id");
      return null;
    }
    return id;
  }
}
