// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.ReferenceText;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.system.Board;
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
import java.util.List;
import java.util.Map;

/**
 * Moves a system from one dialect to another where their languages differ, and says what
 * cannot be moved. Shared by {@code cpkit fmt --dialect} and {@code cpkit upgrade}.
 *
 * <p>sel4cp / sel4cp-dev to Microkit: a PD's {@code pp="true"} becomes {@code pp="true"} on
 * the other end of each of its channels (Microkit 2.0 moved it to the caller's end); a
 * region whose page size Microkit would promote to 2 MiB gets an explicit 4 KiB page size; a
 * sel4cp-dev VM's id becomes its vCPU. Errors are reported for what Microkit cannot express
 * (channel id 62, a PPC in both directions, the reserved PD name 'monitor').
 *
 * <p>Microkit to sel4cp / sel4cp-dev: the reverse, where possible; Microkit-only features
 * (domains, I/O ports, cspace caps, prefill, notify="false"...) are reported.
 *
 * <p>{@link #upgrade} also steps a Microkit system across releases, applying each release's
 * breaking SDF changes from Microkit's CHANGES.md so that the system keeps its meaning
 * (2.1.0: the default stack grew to 8 KiB; 2.3.0: I/O APIC polarity was inverted, vCPUs
 * default to their VMM's core, PCI addresses are bus:dev.func, x86 VMs lost their own
 * scheduling parameters, x86 IOMMU on by default).
 */
public final class DialectConverter {
  private final List<Diagnostic> report = new ArrayList<>();
  private final Dialect to;

  private DialectConverter(Dialect to) {
    this.to = to;
  }

  /** The converted system (null if nothing could be written) and the report. */
  public record Result(SystemDescription system, List<Diagnostic> report) {
    public boolean ok() {
      return report.stream().noneMatch(Diagnostic::isError);
    }
  }

  public static Result convert(SystemDescription s, Dialect to, Board board) {
    DialectConverter c = new DialectConverter(to);
    SystemDescription out = s.dialect() == to ? s
        : to == Dialect.MICROKIT ? c.toMicrokit(s, board) : c.fromMicrokitOrDev(s, board);
    return new Result(out, List.copyOf(c.report));
  }

  /**
   * Microkit releases an upgrade can target: 2.0.0 is the first with {@code pp} on channel
   * ends, which is how cpkit's Microkit model (today's dialect) is written.
   */
  public enum Release {
    V2_0_0("2.0.0"),
    V2_0_1("2.0.1"),
    V2_1_0("2.1.0"),
    V2_2_0("2.2.0"),
    V2_3_0("2.3.0");

    public static final Release LATEST = V2_3_0;

    private final String version;

    Release(String version) {
      this.version = version;
    }

    public String version() {
      return version;
    }

    /** "microkit-2.3.0" or "2.3.0"; null when not a release cpkit knows. */
    public static Release parse(String s) {
      String v = s.startsWith("microkit-") ? s.substring("microkit-".length()) : s;
      for (Release r : values()) if (r.version.equals(v)) return r;
      return null;
    }

    public boolean atLeast(Release other) {
      return compareTo(other) >= 0;
    }

    @Override
    public String toString() {
      return "microkit-" + version;
    }
  }

  /**
   * Moves a system to Microkit release {@code to}. A sel4cp / sel4cp-dev system is converted
   * to the Microkit dialect first; a Microkit system written for release {@code from} (null
   * for a sel4cp system) gets the breaking changes of every later release up to {@code to}.
   */
  public static Result upgrade(SystemDescription s, Release from, Release to, Board board) {
    DialectConverter c = new DialectConverter(Dialect.MICROKIT);
    SystemDescription out = s;
    Release base = from;
    if (s.dialect() != Dialect.MICROKIT) {
      out = c.toMicrokit(s, board);
      base = null;
    } else if (from == null) {
      throw new IllegalArgumentException("the Microkit release the system was written for"
          + " is needed");
    }
    if (c.report.stream().noneMatch(Diagnostic::isError)) {
      out = c.releaseSteps(out, s.dialect(), base, to);
    }
    return new Result(out, List.copyOf(c.report));
  }

  private static boolean crosses(Release from, Release to, Release step) {
    return (from == null || !from.atLeast(step)) && to.atLeast(step);
  }

  private SystemDescription releaseSteps(SystemDescription s, Dialect source, Release from,
      Release to) {
    boolean fromSel4cp = source != Dialect.MICROKIT;
    if (crosses(from, to, Release.V2_1_0) && !s.allProtectionDomains().isEmpty()) {
      boolean defaultStacks = s.allProtectionDomains().stream()
          .anyMatch(pd -> pd.stackSize() == 0x2000);
      if (defaultStacks) {
        say(Severity.NOTE, Code.SDF110, "Microkit 2.1.0 raised the default stack from 4 KiB to"
            + " 8 KiB: protection domains without stack_size get 8 KiB"
            + (fromSel4cp ? " (libsel4cp gave every PD 4 KiB)" : ""), null);
      }
    }
    if (!crosses(from, to, Release.V2_3_0)) return s;
    List<ProtectionDomain> pds = new ArrayList<>();
    for (ProtectionDomain pd : s.protectionDomains()) pds.add(pdTo230(pd, s, fromSel4cp));
    if (s.board() != null && s.board().arch().isX86()) {
      say(Severity.WARNING, Code.SDF109, "Microkit 2.3.0 turns the x86 IOMMU on: devices doing"
          + " DMA stop working unless an <io_address_space> maps their buffers", null);
    }
    return new SystemDescription(s.dialect(), s.board(), s.memoryRegions(), pds, s.channels(),
        s.ioAddressSpaces(), s.domains(), s.span());
  }

  private ProtectionDomain pdTo230(ProtectionDomain pd, SystemDescription s, boolean fromSel4cp) {
    List<Irq> irqs = new ArrayList<>();
    for (Irq irq : pd.irqs()) {
      Irq n = irq;
      if (irq.kind() == Irq.Kind.IOAPIC && !fromSel4cp) {
        // Before 2.3.0 the tool inverted the polarity: what was written is the opposite of
        // what the hardware got. Writing the opposite keeps what the hardware gets.
        String was = irq.polarity() == null ? "high" : irq.polarity();
        String now = was.equals("low") ? "high" : "low";
        n = new Irq(irq.kind(), irq.irq(), irq.id(), irq.trigger(), irq.ioapic(), irq.pin(),
            irq.vector(), now, irq.pcidev(), irq.handle(), irq.setvarId(), irq.span());
        say(Severity.NOTE, Code.SDF110, "I/O APIC irq " + irq.id() + " of '" + pd.name()
            + "': polarity \"" + was + "\" becomes \"" + now + "\" (Microkit 2.3.0 fixed the"
            + " inverted polarity; the hardware keeps its setting)", irq.span());
      }
      if (irq.kind() == Irq.Kind.MSI && irq.pcidev() != null
          && irq.pcidev().matches("[^:]+:[^:]+:[^:]+")) {
        int last = irq.pcidev().lastIndexOf(':');
        String fixed = irq.pcidev().substring(0, last) + "." + irq.pcidev().substring(last + 1);
        n = new Irq(n.kind(), n.irq(), n.id(), n.trigger(), n.ioapic(), n.pin(), n.vector(),
            n.polarity(), fixed, n.handle(), n.setvarId(), n.span());
        say(Severity.NOTE, Code.SDF110, "pcidev \"" + irq.pcidev() + "\" becomes \"" + fixed
            + "\" (Microkit 2.3.0 accepts only bus:dev.func)", irq.span());
      }
      irqs.add(n);
    }
    VirtualMachine vm = pd.virtualMachine();
    if (vm != null) {
      if (s.board() != null && s.board().arch().isX86()
          && (vm.priority() != 0 || vm.budget() != 1000 || vm.period() != 1000)) {
        say(Severity.ERROR, Code.SDF109, "virtual machine '" + vm.name() + "': Microkit 2.3.0"
            + " x86 VMs share their VMM's scheduling context and take no priority, budget or"
            + " period; remove them and set the VMM's instead", vm.span());
      }
      for (VirtualMachine.Vcpu v : vm.vcpus()) {
        if (v.cpu() == 0 && pd.cpu() != 0) {
          say(Severity.WARNING, Code.SDF109, "vCPU " + v.id() + " of '" + vm.name() + "' ran on"
              + " core 0; since Microkit 2.3.0 a vCPU without cpu runs on its VMM's core ("
              + pd.cpu() + "): write cpu=\"0\" on the <vcpu> by hand to keep it on core 0",
              v.span() != null ? v.span() : vm.span());
        }
      }
    }
    List<ProtectionDomain> children = new ArrayList<>();
    for (ProtectionDomain c : pd.children()) children.add(pdTo230(c, s, fromSel4cp));
    return new ProtectionDomain(pd.name(), pd.id(), pd.priority(), pd.budget(), pd.period(),
        pd.pp(), pd.passive(), pd.cpu(), pd.stackSize(), pd.smc(), pd.fpu(), pd.domain(),
        pd.setvarId(), pd.programImage(), pd.maps(), irqs, pd.setvars(), pd.ioPorts(), children,
        vm, pd.caps(), pd.span());
  }

  private void say(Severity severity, Code code, String message, SourceSpan span) {
    report.add(new Diagnostic(severity, code.name(), message, span, List.of(),
        (ReferenceText) null));
  }

  // ---- sel4cp, sel4cp-dev -> microkit ---------------------------------------------------

  private SystemDescription toMicrokit(SystemDescription s, Board board) {
    Map<String, ProtectionDomain> byName = new HashMap<>();
    for (ProtectionDomain pd : s.allProtectionDomains()) byName.put(pd.name(), pd);
    Map<String, Boolean> servesCalls = new HashMap<>();
    List<Channel> channels = new ArrayList<>();
    for (Channel c : s.channels()) {
      ProtectionDomain a = byName.get(c.a().pd());
      ProtectionDomain b = byName.get(c.b().pd());
      boolean aCallsB = b.pp();
      boolean bCallsA = a.pp();
      if (aCallsB && bCallsA) {
        say(Severity.ERROR, Code.SDF109, "both '" + a.name() + "' and '" + b.name()
            + "' have pp=\"true\", so each may call the other over this channel; Microkit"
            + " allows protected calls in one direction per channel: split it into two"
            + " channels, or drop pp on one side", c.span());
        aCallsB = false;
        bCallsA = false;
      }
      for (Channel.End e : List.of(c.a(), c.b())) {
        if (e.id() >= 62) {
          say(Severity.ERROR, Code.SDF109, "channel id " + e.id() + " of '" + e.pd()
              + "' is beyond Microkit's limit (ids 0..61); renumber it in the SDF and in the"
              + " PD's code", e.span());
        }
      }
      if (aCallsB) ppcPriority(a, b, c.span());
      if (bCallsA) ppcPriority(b, a, c.span());
      if (aCallsB) servesCalls.put(b.name(), true);
      if (bCallsA) servesCalls.put(a.name(), true);
      channels.add(new Channel(
          new Channel.End(c.a().pd(), c.a().id(), aCallsB, true, null, c.a().span()),
          new Channel.End(c.b().pd(), c.b().id(), bCallsA, true, null, c.b().span()),
          c.span()));
      if (aCallsB || bCallsA) {
        say(Severity.NOTE, Code.SDF110, "pp moved from protection domain '"
            + (aCallsB ? b.name() : a.name()) + "' to the end of '"
            + (aCallsB ? a.name() : b.name()) + "' (Microkit marks the caller's end)", c.span());
      }
    }
    for (ProtectionDomain pd : s.allProtectionDomains()) {
      if (pd.pp() && !servesCalls.containsKey(pd.name())) {
        say(Severity.WARNING, Code.SDF109, "'" + pd.name() + "' has pp=\"true\" but no"
            + " channel, so no PD can call it; Microkit has no PD-level pp and it is dropped",
            pd.span());
      }
      if (pd.name().equals("monitor")) {
        say(Severity.ERROR, Code.SDF109, "the PD name 'monitor' is reserved in Microkit;"
            + " rename it", pd.span());
      }
      for (Irq irq : pd.irqs()) {
        if (irq.id() >= 62 || irq.id() < 0) {
          say(Severity.ERROR, Code.SDF109, "irq id " + irq.id() + " of '" + pd.name()
              + "' is outside Microkit's range 0..61", irq.span());
        }
      }
    }
    List<MemoryRegion> mrs = new ArrayList<>();
    for (MemoryRegion mr : s.memoryRegions()) mrs.add(keepPageSize(mr, s));
    List<ProtectionDomain> pds = new ArrayList<>();
    for (ProtectionDomain pd : s.protectionDomains()) pds.add(pdToMicrokit(pd));
    return new SystemDescription(Dialect.MICROKIT, board, mrs, pds, channels, List.of(), null,
        s.span());
  }

  private void ppcPriority(ProtectionDomain caller, ProtectionDomain callee, SourceSpan at) {
    if (callee.priority() <= caller.priority()) {
      say(Severity.ERROR, Code.SDF020, "'" + caller.name() + "' (priority " + caller.priority()
          + ") calls '" + callee.name() + "' (priority " + callee.priority() + "); Microkit"
          + " requires the callee's priority to be strictly higher: raise '" + callee.name()
          + "' above " + caller.priority(), at);
    }
  }

  /**
   * sel4cp regions without page_size are 4 KiB-paged; Microkit would promote a region to
   * 2 MiB pages when its size, address and every mapping allow it, so the 4 KiB is written.
   */
  private MemoryRegion keepPageSize(MemoryRegion mr, SystemDescription s) {
    if (mr.pageSizeGiven() || mr.pageSize() != 0x1000) return mr;
    long big = 0x200000;
    boolean promotable = mr.size() % big == 0 && (mr.physAddr() == null || mr.physAddr() % big == 0);
    for (ProtectionDomain pd : s.allProtectionDomains()) {
      for (Mapping m : pd.maps()) if (m.mr().equals(mr.name()) && m.vaddr() % big != 0) promotable = false;
      if (pd.virtualMachine() != null) {
        for (Mapping m : pd.virtualMachine().maps()) {
          if (m.mr().equals(mr.name()) && m.vaddr() % big != 0) promotable = false;
        }
      }
    }
    if (!promotable) return mr;
    say(Severity.NOTE, Code.SDF110, "page_size=\"0x1000\" written for '" + mr.name()
        + "': Microkit would otherwise map it with 2 MiB pages", mr.span());
    return new MemoryRegion(mr.name(), mr.size(), mr.sizeGiven(), mr.pageSize(), true,
        mr.physAddr(), mr.prefillPath(), mr.prefillBootinfo(), mr.span());
  }

  private ProtectionDomain pdToMicrokit(ProtectionDomain pd) {
    List<ProtectionDomain> children = new ArrayList<>();
    for (ProtectionDomain c : pd.children()) children.add(pdToMicrokit(c));
    VirtualMachine vm = pd.virtualMachine();
    if (vm != null && vm.vcpus().isEmpty()) {
      int id = vm.id() == null ? 0 : vm.id();
      if (id >= 62) {
        say(Severity.ERROR, Code.SDF109, "virtual machine id " + id + " becomes a vCPU id,"
            + " which Microkit limits to 0..61", vm.span());
      }
      vm = new VirtualMachine(vm.name(), null, 0, vm.priority(), vm.budget(), vm.period(),
          List.of(new VirtualMachine.Vcpu(id, vm.cpu(), null, vm.span())), vm.maps(), vm.span());
      say(Severity.NOTE, Code.SDF110, "virtual machine '" + vm.name() + "': id " + id
          + " becomes <vcpu id=\"" + id + "\"/>", vm.span());
    }
    return new ProtectionDomain(pd.name(), pd.id(), pd.priority(), pd.budget(), pd.period(),
        false, pd.passive(), pd.cpu(), 0x2000, false, true, null, null, pd.programImage(),
        pd.maps(), pd.irqs(), pd.setvars(), pd.ioPorts(), children, vm, pd.caps(), pd.span());
  }

  // ---- microkit -> sel4cp / sel4cp-dev, and sel4cp <-> sel4cp-dev ------------------------

  private SystemDescription fromMicrokitOrDev(SystemDescription s, Board board) {
    boolean fromMicrokit = s.dialect() == Dialect.MICROKIT;
    Map<String, Boolean> pp = new HashMap<>();
    List<Channel> channels = new ArrayList<>();
    for (Channel c : s.channels()) {
      if (c.a().pp()) pp.put(c.b().pd(), true);
      if (c.b().pp()) pp.put(c.a().pd(), true);
      for (Channel.End e : List.of(c.a(), c.b())) {
        if (!e.notifies()) {
          say(Severity.WARNING, Code.SDF109, "notify=\"false\" on the end of '" + e.pd()
              + "' cannot be expressed in " + to + ": that PD will be able to notify its peer",
              e.span());
        }
        if (e.setvarId() != null) unsupported("setvar_id on a channel end", e.span());
      }
      channels.add(new Channel(strip(c.a()), strip(c.b()), c.span()));
    }
    if (fromMicrokit) {
      for (Map.Entry<String, Boolean> e : pp.entrySet()) {
        say(Severity.NOTE, Code.SDF110, "pp moved from channel ends to protection domain '"
            + e.getKey() + "' (" + to + " marks the PD that serves calls)", null);
      }
      if (s.domains() != null) unsupported("domain scheduling (<domains>)", s.domains().span());
      if (!s.ioAddressSpaces().isEmpty()) {
        unsupported("<io_address_space>", s.ioAddressSpaces().get(0).span());
      }
    }
    for (MemoryRegion mr : s.memoryRegions()) {
      if (mr.prefillPath() != null || mr.prefillBootinfo() != null) {
        unsupported("memory region prefill", mr.span());
      }
    }
    List<ProtectionDomain> pds = new ArrayList<>();
    for (ProtectionDomain pd : s.protectionDomains()) pds.add(pdBack(pd, pp, fromMicrokit, true));
    return new SystemDescription(to, board, s.memoryRegions(), pds, channels, List.of(), null,
        s.span());
  }

  private Channel.End strip(Channel.End e) {
    return new Channel.End(e.pd(), e.id(), false, true, null, e.span());
  }

  private ProtectionDomain pdBack(ProtectionDomain pd, Map<String, Boolean> pp,
      boolean fromMicrokit, boolean top) {
    if (to == Dialect.SEL4CP) {
      if (!pd.children().isEmpty()) unsupported("child protection domains", pd.span());
      if (pd.virtualMachine() != null) unsupported("virtual machines", pd.span());
      if (pd.cpu() != 0) unsupported("cpu affinity", pd.span());
      for (Irq irq : pd.irqs()) {
        if (!"level".equals(irq.trigger())) unsupported("irq trigger", irq.span());
      }
    }
    if (fromMicrokit) {
      if (pd.stackSize() != 0x2000) unsupported("stack_size", pd.span());
      if (pd.smc()) unsupported("smc", pd.span());
      if (!pd.fpu()) unsupported("fpu=\"false\"", pd.span());
      if (pd.domain() != null) unsupported("domain", pd.span());
      if (pd.setvarId() != null) unsupported("setvar_id", pd.span());
      if (!pd.ioPorts().isEmpty()) unsupported("I/O ports", pd.span());
      if (!pd.caps().isEmpty()) unsupported("<cspace>", pd.span());
      for (Irq irq : pd.irqs()) {
        if (irq.kind() != Irq.Kind.CONVENTIONAL) unsupported("x86 interrupts", irq.span());
        if (irq.setvarId() != null) unsupported("setvar_id on an irq", irq.span());
      }
      for (Mapping m : pd.maps()) {
        if (m.setvarSize() != null || m.setvarPrefillSize() != null) {
          unsupported("setvar_size / setvar_prefill_size", m.span());
        }
      }
    }
    List<ProtectionDomain> children = new ArrayList<>();
    for (ProtectionDomain c : pd.children()) children.add(pdBack(c, pp, fromMicrokit, false));
    VirtualMachine vm = pd.virtualMachine();
    if (vm != null && fromMicrokit) {
      if (vm.vcpus().size() > 1) unsupported("more than one vCPU per virtual machine", vm.span());
      int id = vm.vcpus().isEmpty() ? 0 : vm.vcpus().get(0).id();
      int cpu = vm.vcpus().isEmpty() ? 0 : vm.vcpus().get(0).cpu();
      vm = new VirtualMachine(vm.name(), id, cpu, vm.priority(), vm.budget(), vm.period(),
          List.of(), vm.maps(), vm.span());
    }
    boolean isPp = fromMicrokit ? pp.containsKey(pd.name()) : pd.pp();
    return new ProtectionDomain(pd.name(), top ? null : pd.id(), pd.priority(), pd.budget(),
        pd.period(), isPp, pd.passive(), pd.cpu(), 0x1000, false, true, null, null,
        pd.programImage(), pd.maps(), pd.irqs(), pd.setvars(), List.of(), children, vm,
        List.of(), pd.span());
  }

  private void unsupported(String what, SourceSpan at) {
    say(Severity.ERROR, Code.SDF109, what + " cannot be expressed in " + to, at);
  }
}
