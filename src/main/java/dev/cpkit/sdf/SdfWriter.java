// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Domains;
import dev.cpkit.system.IoAddressSpace;
import dev.cpkit.system.Irq;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import dev.cpkit.system.VirtualMachine;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link SystemDescription} as a canonical SDF of a dialect: a fixed element order
 * (memory regions, domains, protection domains, channels, I/O address spaces), attributes in
 * a fixed order, defaults left out, sizes and addresses in hex, everything else in decimal,
 * four-space indentation, LF line ends. Reading the output back gives an equal model.
 *
 * <p>Comments of the original file can be kept: {@code comments} maps an element's start
 * offset in the source to the comments that preceded it (see {@link SdfComments}).
 */
public final class SdfWriter {
  private final Dialect dialect;
  private final Map<Integer, List<String>> comments;
  private final StringBuilder out = new StringBuilder();

  private SdfWriter(Dialect dialect, Map<Integer, List<String>> comments) {
    this.dialect = dialect;
    this.comments = comments;
  }

  /** The canonical text of the system in the given dialect. */
  public static String write(SystemDescription s, Dialect dialect) {
    return write(s, dialect, Map.of());
  }

  public static String write(SystemDescription s, Dialect dialect,
      Map<Integer, List<String>> comments) {
    SdfWriter w = new SdfWriter(dialect, comments);
    w.system(s);
    return w.out.toString();
  }

  private void system(SystemDescription s) {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    leadingComments(s.span() == null ? -1 : s.span().start(), 0);
    out.append("<system>\n");
    for (MemoryRegion mr : s.memoryRegions()) memoryRegion(mr);
    if (s.domains() != null) {
      blankLine();
      domains(s.domains());
    }
    for (ProtectionDomain pd : s.protectionDomains()) {
      blankLine();
      protectionDomain(pd, 1);
    }
    if (!s.channels().isEmpty()) blankLine();
    for (Channel c : s.channels()) channel(c);
    if (!s.ioAddressSpaces().isEmpty()) blankLine();
    for (IoAddressSpace io : s.ioAddressSpaces()) ioAddressSpace(io);
    trailingComments(s, 1);
    out.append("</system>\n");
  }

  private void memoryRegion(MemoryRegion mr) {
    open(mr.span(), 1, "memory_region");
    attr("name", mr.name());
    if (mr.sizeGiven()) attr("size", hex(mr.size()));
    if (mr.pageSizeGiven()) attr("page_size", hex(mr.pageSize()));
    if (mr.physAddr() != null) attr("phys_addr", hex(mr.physAddr()));
    if (mr.prefillPath() != null) attr("prefill_path", mr.prefillPath());
    if (mr.prefillBootinfo() != null) attr("prefill_bootinfo", mr.prefillBootinfo());
    out.append(" />\n");
  }

  private void protectionDomain(ProtectionDomain pd, int depth) {
    open(pd.span(), depth, "protection_domain");
    attr("name", pd.name());
    if (pd.id() != null) attr("id", Integer.toString(pd.id()));
    attr("priority", Integer.toString(pd.priority()));
    if (pd.budget() != 1000 || pd.period() != pd.budget()) attr("budget", Long.toString(pd.budget()));
    if (pd.period() != pd.budget()) attr("period", Long.toString(pd.period()));
    if (pd.pp() && dialect != Dialect.MICROKIT) attr("pp", "true");
    if (pd.passive()) attr("passive", "true");
    if (dialect != Dialect.SEL4CP && pd.cpu() != 0) attr("cpu", Integer.toString(pd.cpu()));
    if (dialect == Dialect.MICROKIT) {
      if (pd.stackSize() != 0x2000) attr("stack_size", hex(pd.stackSize()));
      if (pd.smc()) attr("smc", "true");
      if (!pd.fpu()) attr("fpu", "false");
      if (pd.domain() != null) attr("domain", pd.domain());
      if (pd.setvarId() != null) attr("setvar_id", pd.setvarId());
    }
    out.append(">\n");
    int in = depth + 1;
    ProtectionDomain.ProgramImage image = pd.programImage();
    if (image != null) {
      open(image.span(), in, "program_image");
      attr("path", image.path());
      if (image.pathForSymbols() != null) attr("path_for_symbols", image.pathForSymbols());
      out.append(" />\n");
    }
    for (Mapping m : pd.maps()) map(m, in, true);
    for (Irq irq : pd.irqs()) irq(irq, in);
    for (ProtectionDomain.IoPort p : pd.ioPorts()) {
      open(p.span(), in, "ioport");
      attr("id", Integer.toString(p.id()));
      attr("addr", hex(p.addr()));
      attr("size", Long.toString(p.size()));
      if (p.setvarId() != null) attr("setvar_id", p.setvarId());
      if (p.setvarAddr() != null) attr("setvar_addr", p.setvarAddr());
      out.append(" />\n");
    }
    for (ProtectionDomain.Setvar sv : pd.setvars()) {
      open(sv.span(), in, "setvar");
      attr("symbol", sv.symbol());
      attr("region_paddr", sv.regionPaddr());
      out.append(" />\n");
    }
    if (!pd.caps().isEmpty()) {
      indent(in).append("<cspace>\n");
      for (ProtectionDomain.CapMapping cap : pd.caps()) {
        open(cap.span(), in + 1, "cap_" + cap.type());
        attr("pd", cap.pd());
        attr("slot", Integer.toString(cap.slot()));
        out.append(" />\n");
      }
      indent(in).append("</cspace>\n");
    }
    if (pd.virtualMachine() != null) virtualMachine(pd.virtualMachine(), in);
    for (ProtectionDomain child : pd.children()) protectionDomain(child, in);
    indent(depth).append("</protection_domain>\n");
  }

  private void map(Mapping m, int depth, boolean inPd) {
    open(m.span(), depth, "map");
    attr("mr", m.mr());
    attr("vaddr", hex(m.vaddr()));
    attr("perms", m.perms());
    if (!m.cached()) attr("cached", "false");
    if (inPd && m.setvarVaddr() != null) attr("setvar_vaddr", m.setvarVaddr());
    if (inPd && m.setvarSize() != null) attr("setvar_size", m.setvarSize());
    if (inPd && m.setvarPrefillSize() != null) attr("setvar_prefill_size", m.setvarPrefillSize());
    out.append(" />\n");
  }

  private void irq(Irq irq, int depth) {
    open(irq.span(), depth, "irq");
    switch (irq.kind()) {
      case CONVENTIONAL -> attr("irq", Long.toString(irq.irq()));
      case IOAPIC -> {
        attr("pin", Long.toString(irq.pin()));
        if (irq.ioapic() != 0) attr("ioapic", Long.toString(irq.ioapic()));
        attr("vector", Long.toString(irq.vector()));
        if (irq.polarity() != null && !irq.polarity().equals("high")) {
          attr("polarity", irq.polarity());
        }
      }
      case MSI -> {
        attr("pcidev", irq.pcidev());
        attr("handle", Long.toString(irq.handle()));
        attr("vector", Long.toString(irq.vector()));
      }
    }
    attr("id", Integer.toString(irq.id()));
    if (dialect != Dialect.SEL4CP && irq.kind() != Irq.Kind.MSI && irq.trigger() != null
        && !irq.trigger().equals("level")) {
      attr("trigger", irq.trigger());
    }
    if (irq.setvarId() != null) attr("setvar_id", irq.setvarId());
    out.append(" />\n");
  }

  private void virtualMachine(VirtualMachine vm, int depth) {
    open(vm.span(), depth, "virtual_machine");
    attr("name", vm.name());
    if (dialect == Dialect.SEL4CP_DEV && vm.id() != null) attr("id", Integer.toString(vm.id()));
    if (vm.priority() != 0) attr("priority", Long.toString(vm.priority()));
    if (vm.budget() != 1000 || vm.period() != vm.budget()) attr("budget", Long.toString(vm.budget()));
    if (vm.period() != vm.budget()) attr("period", Long.toString(vm.period()));
    if (dialect == Dialect.SEL4CP_DEV && vm.cpu() != 0) attr("cpu", Integer.toString(vm.cpu()));
    out.append(">\n");
    for (VirtualMachine.Vcpu v : vm.vcpus()) {
      open(v.span(), depth + 1, "vcpu");
      attr("id", Integer.toString(v.id()));
      // a vCPU without cpu runs on its PD's core, which the VM record carries
      if (v.cpu() != vm.cpu()) attr("cpu", Integer.toString(v.cpu()));
      if (v.setvarId() != null) attr("setvar_id", v.setvarId());
      out.append(" />\n");
    }
    for (Mapping m : vm.maps()) map(m, depth + 1, false);
    indent(depth).append("</virtual_machine>\n");
  }

  private void channel(Channel c) {
    open(c.span(), 1, "channel");
    out.append(">\n");
    for (Channel.End e : List.of(c.a(), c.b())) {
      open(e.span(), 2, "end");
      attr("pd", e.pd());
      attr("id", Integer.toString(e.id()));
      if (dialect == Dialect.MICROKIT) {
        if (e.pp()) attr("pp", "true");
        if (!e.notifies()) attr("notify", "false");
        if (e.setvarId() != null) attr("setvar_id", e.setvarId());
      }
      out.append(" />\n");
    }
    indent(1).append("</channel>\n");
  }

  private void ioAddressSpace(IoAddressSpace io) {
    open(io.span(), 1, "io_address_space");
    attr("name", io.name());
    if (io.peripheralId() != null) attr("peripheral_id", io.peripheralId());
    if (io.domainId() != null) attr("domain_id", Long.toString(io.domainId()));
    out.append(">\n");
    for (IoAddressSpace.IoMap m : io.maps()) {
      open(m.span(), 2, "iomap");
      attr("mr", m.mr());
      attr("iovaddr", hex(m.iovaddr()));
      if (!m.perms().equals("rw")) attr("perms", m.perms());
      out.append(" />\n");
    }
    indent(1).append("</io_address_space>\n");
  }

  private void domains(Domains d) {
    open(d.span(), 1, "domains");
    out.append(">\n");
    for (Domains.Domain dom : d.domains()) {
      open(dom.span(), 2, "domain");
      attr("name", dom.name());
      attr("id", Long.toString(dom.id()));
      out.append(" />\n");
    }
    indent(2).append("<domain_schedule");
    if (d.startIndex() != 0) attr("start_index", Long.toString(d.startIndex()));
    if (d.indexShift() != 0) attr("index_shift", Long.toString(d.indexShift()));
    out.append(">\n");
    for (Domains.ScheduleEntry e : d.schedule()) {
      if (e.endMarker()) {
        open(e.span(), 3, "schedule_end_marker");
      } else {
        open(e.span(), 3, "schedule_entry");
        attr("domain", e.domain());
        attr("duration", e.duration() + " " + e.unit());
      }
      out.append(" />\n");
    }
    indent(2).append("</domain_schedule>\n");
    indent(1).append("</domains>\n");
  }

  // ---- text helpers -----------------------------------------------------------------

  private void open(dev.cpkit.diag.SourceSpan span, int depth, String tag) {
    leadingComments(span == null ? -1 : span.start(), depth);
    indent(depth).append('<').append(tag);
  }

  private void leadingComments(int offset, int depth) {
    List<String> cs = comments.get(offset);
    if (cs == null) return;
    for (String c : cs) indent(depth).append(c).append('\n');
  }

  private void trailingComments(SystemDescription s, int depth) {
    List<String> cs = comments.get(SdfComments.END_OF_ROOT);
    if (cs == null) return;
    for (String c : cs) indent(depth).append(c).append('\n');
  }

  /** Separates top-level groups, except right after {@code <system>}. */
  private void blankLine() {
    String open = "<system>\n";
    if (out.length() < open.length() || !out.substring(out.length() - open.length()).equals(open)) {
      out.append('\n');
    }
  }

  private StringBuilder indent(int depth) {
    return out.append("    ".repeat(depth));
  }

  private void attr(String name, String value) {
    out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
  }

  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  /** Escapes an attribute value so that it reads back unchanged (whitespace included). */
  static String escape(String v) {
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\t' -> sb.append("&#9;");
        case '\n' -> sb.append("&#10;");
        case '\r' -> sb.append("&#13;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
