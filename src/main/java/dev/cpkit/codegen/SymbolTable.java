// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.codegen;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceSpan;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names every channel, irq, setvar symbol and child of every PD by the naming rule of
 * docs/headers.md, and reports names that would clash. Works on any dialect's model: where
 * protected calls are allowed is read from the PD's {@code pp} in sel4cp/sel4cp-dev and from
 * the caller's channel end in Microkit.
 */
public final class SymbolTable {
  private SymbolTable() {}

  /** Symbols per PD name, in the SDF's PD order (parents before children), and problems. */
  public record Result(Map<String, PdSymbols> pds, List<Diagnostic> diagnostics) {
    public boolean ok() {
      return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
  }

  public static Result build(SystemDescription s, String prefix) {
    if (!CNames.isValidPrefix(prefix)) {
      throw new IllegalArgumentException("prefix '" + prefix + "' cannot start a C identifier");
    }
    List<Diagnostic> diags = new ArrayList<>();
    Map<String, PdSymbols> out = new LinkedHashMap<>();
    Map<String, ProtectionDomain> byName = new HashMap<>();
    for (ProtectionDomain pd : s.allProtectionDomains()) byName.put(pd.name(), pd);
    Map<String, String> stems = new HashMap<>();
    for (ProtectionDomain pd : s.allProtectionDomains()) {
      PdSymbols syms = forPd(s, pd, byName, prefix, diags);
      String key = syms.fileStem().toLowerCase(Locale.ROOT);
      String other = stems.putIfAbsent(key, pd.name());
      if (other != null) {
        // Compared case-insensitively: on macOS and Windows the two files would be one.
        diags.add(HdrCode.HDR003.error("protection domains '" + other + "' and '" + pd.name()
            + "' would both be written to '" + syms.fileStem() + "'; rename one of them",
            pd.span(), List.of()));
      }
      out.put(pd.name(), syms);
    }
    return new Result(out, diags);
  }

  private static PdSymbols forPd(SystemDescription s, ProtectionDomain pd,
      Map<String, ProtectionDomain> byName, String prefix, List<Diagnostic> diags) {
    boolean microkit = s.dialect() == Dialect.MICROKIT;
    String pdPart = CNames.constant(prefix, CNames.part(pd.name()));

    // Channels: this PD's end, the peer's end. Named after the peer; when several channels
    // share one peer name, each gets the peer's id as a suffix.
    record Raw(Channel.End mine, Channel.End peer, SourceSpan span) {}
    List<Raw> raws = new ArrayList<>();
    for (Channel c : s.channels()) {
      if (c.a().pd().equals(pd.name())) raws.add(new Raw(c.a(), c.b(), c.span()));
      if (c.b().pd().equals(pd.name())) raws.add(new Raw(c.b(), c.a(), c.span()));
    }
    raws.sort((x, y) -> Integer.compare(x.mine().id(), y.mine().id()));
    Map<String, Integer> perPeerName = new HashMap<>();
    for (Raw r : raws) perPeerName.merge(CNames.part(r.peer().pd()), 1, Integer::sum);
    List<PdSymbols.ChannelConst> channels = new ArrayList<>();
    boolean serves = false;
    for (Raw r : raws) {
      String part = CNames.part(r.peer().pd());
      String name = CNames.constant(prefix, "CH_" + part
          + (perPeerName.get(part) > 1 ? "_" + r.peer().id() : ""));
      ProtectionDomain peer = byName.get(r.peer().pd());
      boolean mayCall = microkit ? r.mine().pp() : peer != null && peer.pp();
      boolean peerMayCall = microkit ? r.peer().pp() : pd.pp();
      serves |= peerMayCall;
      channels.add(new PdSymbols.ChannelConst(name, r.mine().id(), r.peer().pd(),
          r.peer().id(), mayCall, peerMayCall, !microkit || r.mine().notifies(),
          !microkit || r.peer().notifies(), r.mine().span() != null ? r.mine().span() : r.span()));
    }

    List<PdSymbols.IrqConst> irqs = new ArrayList<>();
    for (Irq irq : pd.irqs()) {
      String part;
      String describe;
      switch (irq.kind()) {
        case IOAPIC -> {
          part = "IRQ_IOAPIC" + irq.ioapic() + "_PIN" + irq.pin();
          describe = "I/O APIC " + irq.ioapic() + " pin " + irq.pin() + ", vector "
              + irq.vector();
        }
        case MSI -> {
          part = "IRQ_MSI_" + CNames.part(irq.pcidev()) + "_" + irq.handle();
          describe = "MSI of PCI device " + irq.pcidev() + ", handle " + irq.handle()
              + ", vector " + irq.vector();
        }
        default -> {
          part = "IRQ_" + irq.irq();
          describe = "interrupt " + irq.irq()
              + (irq.trigger() == null ? "" : ", " + irq.trigger() + "-triggered");
        }
      }
      irqs.add(new PdSymbols.IrqConst(CNames.constant(prefix, part), irq.id(), describe,
          irq.span()));
    }
    irqs.sort((x, y) -> Integer.compare(x.id(), y.id()));

    List<PdSymbols.SetvarDecl> setvars = new ArrayList<>();
    for (Mapping m : pd.maps()) {
      MemoryRegion mr = s.memoryRegion(m.mr());
      long size = mr == null ? 0 : mr.size();
      String where = "'" + m.mr() + "' mapped at 0x" + Long.toHexString(m.vaddr()) + " ("
          + m.perms() + (m.cached() ? "" : ", uncached") + ")";
      if (m.setvarVaddr() != null) {
        setvars.add(new PdSymbols.SetvarDecl(m.setvarVaddr(), "setvar_vaddr",
            "virtual address of " + where, sizeName(prefix, m.setvarVaddr()), size, m.span()));
      }
      if (m.setvarSize() != null) {
        setvars.add(new PdSymbols.SetvarDecl(m.setvarSize(), "setvar_size", "size of " + where,
            null, size, m.span()));
      }
      if (m.setvarPrefillSize() != null) {
        setvars.add(new PdSymbols.SetvarDecl(m.setvarPrefillSize(), "setvar_prefill_size",
            "prefill size of " + where, null, 0, m.span()));
      }
    }
    for (ProtectionDomain.Setvar sv : pd.setvars()) {
      MemoryRegion mr = s.memoryRegion(sv.regionPaddr());
      setvars.add(new PdSymbols.SetvarDecl(sv.symbol(), "region_paddr",
          "physical address of '" + sv.regionPaddr() + "'", sizeName(prefix, sv.symbol()),
          mr == null ? 0 : mr.size(), sv.span()));
    }
    if (microkit) {
      for (Raw r : raws) {
        if (r.mine().setvarId() != null) {
          setvars.add(new PdSymbols.SetvarDecl(r.mine().setvarId(), "setvar_id",
              "id of the channel to '" + r.peer().pd() + "'", null, 0, r.mine().span()));
        }
      }
      for (Irq irq : pd.irqs()) {
        if (irq.setvarId() != null) {
          setvars.add(new PdSymbols.SetvarDecl(irq.setvarId(), "setvar_id", "id of irq "
              + irq.id(), null, 0, irq.span()));
        }
      }
      for (ProtectionDomain c : pd.children()) {
        if (c.setvarId() != null) {
          setvars.add(new PdSymbols.SetvarDecl(c.setvarId(), "setvar_id", "id of child '"
              + c.name() + "'", null, 0, c.span()));
        }
      }
    }

    List<PdSymbols.IdConst> children = new ArrayList<>();
    for (ProtectionDomain c : pd.children()) {
      if (c.id() == null) continue;
      children.add(new PdSymbols.IdConst(CNames.constant(prefix, "CHILD_" + CNames.part(c.name())),
          c.id(), "child protection domain '" + c.name() + "'", c.span()));
    }
    VirtualMachine vm = pd.virtualMachine();
    if (vm != null) {
      if (vm.vcpus().isEmpty() && vm.id() != null) {
        children.add(new PdSymbols.IdConst(CNames.constant(prefix, "VM_" + CNames.part(vm.name())),
            vm.id(), "virtual machine '" + vm.name() + "'", vm.span()));
      }
      for (VirtualMachine.Vcpu v : vm.vcpus()) {
        children.add(new PdSymbols.IdConst(CNames.constant(prefix, "VM_" + CNames.part(vm.name())
            + "_VCPU_" + v.id()), v.id(), "vCPU " + v.id() + " of virtual machine '" + vm.name()
            + "'", v.span()));
      }
    }

    PdSymbols syms = new PdSymbols(pd.name(), CNames.fileStem(pd.name()), pdPart,
        pd.priority(), pd.passive(), serves, channels, irqs, dedupe(setvars), children,
        pd.span());
    checkNames(syms, diags);
    return syms;
  }

  private static String sizeName(String prefix, String symbol) {
    return CNames.constant(prefix, CNames.part(symbol) + "_SIZE");
  }

  /** The same symbol set twice the same way is declared once (SDF106 already warns). */
  private static List<PdSymbols.SetvarDecl> dedupe(List<PdSymbols.SetvarDecl> in) {
    Map<String, PdSymbols.SetvarDecl> seen = new LinkedHashMap<>();
    List<PdSymbols.SetvarDecl> out = new ArrayList<>();
    for (PdSymbols.SetvarDecl d : in) {
      PdSymbols.SetvarDecl prev = seen.putIfAbsent(d.symbol(), d);
      if (prev == null || !prev.cType().equals(d.cType()) || prev.size() != d.size()) out.add(d);
    }
    return out;
  }

  /** Every name a header defines must be unique within it, and every symbol a C name. */
  private static void checkNames(PdSymbols p, List<Diagnostic> diags) {
    Claims claims = new Claims(p.pd(), diags);
    claims.claim(p.passiveName(), "the passive flag", p.span());
    claims.claim(p.priorityName(), "the priority", p.span());
    claims.claim(p.servesPpcallName(), "the protected-call flag", p.span());
    for (PdSymbols.ChannelConst c : p.channels()) {
      // The flag's name derives from the channel's: report a clash once, for the channel.
      if (claims.claim(c.name(), "channel " + c.id() + " (to '" + c.peer() + "')", c.span())) {
        claims.claim(c.ppcallName(), "the ppcall flag of channel " + c.id(), c.span());
      }
    }
    for (PdSymbols.IrqConst i : p.irqs()) claims.claim(i.name(), "irq id " + i.id(), i.span());
    for (PdSymbols.IdConst i : p.children()) {
      claims.claim(i.name(), "the id of " + i.describe(), i.span());
    }
    for (PdSymbols.SetvarDecl d : p.setvars()) {
      if (!CNames.isCIdentifier(d.symbol())) {
        diags.add(HdrCode.HDR002.error("setvar symbol '" + d.symbol() + "' of '" + p.pd()
            + "' is not a C identifier, so C code cannot declare it", d.span(), List.of()));
        continue;
      }
      claims.claim(d.symbol(), "setvar symbol '" + d.symbol() + "' (" + d.kind() + ")",
          d.span());
      if (d.sizeName() != null) {
        claims.claim(d.sizeName(), "the size (0x" + Long.toHexString(d.size())
            + ") of the region of '" + d.symbol() + "'", d.span());
      }
    }
  }

  /** The names taken so far in one header; the same thing claimed twice is no clash. */
  private static final class Claims {
    private final String pd;
    private final List<Diagnostic> diags;
    private final Map<String, String> taken = new HashMap<>();
    private final Map<String, SourceSpan> spans = new HashMap<>();

    Claims(String pd, List<Diagnostic> diags) {
      this.pd = pd;
      this.diags = diags;
    }

    boolean claim(String name, String desc, SourceSpan span) {
      String prev = taken.putIfAbsent(name, desc);
      if (prev == null) {
        spans.put(name, span);
        return true;
      }
      if (prev.equals(desc)) return true;
      List<Diagnostic.Note> notes = new ArrayList<>();
      if (spans.get(name) != null) notes.add(new Diagnostic.Note("the other is here",
          spans.get(name)));
      notes.add(Diagnostic.Note.hint("rename one of them in the SDF; the naming rule is in"
          + " docs/headers.md"));
      diags.add(HdrCode.HDR001.error("in the header of '" + pd + "', " + desc + " and " + prev
          + " would both be named " + name, span, notes));
      return false;
    }
  }
}
