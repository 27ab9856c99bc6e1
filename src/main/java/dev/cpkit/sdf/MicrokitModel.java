// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.sdf.MicrokitDraft.Cap;
import dev.cpkit.sdf.MicrokitDraft.Channel;
import dev.cpkit.sdf.MicrokitDraft.End;
import dev.cpkit.sdf.MicrokitDraft.IoPort;
import dev.cpkit.sdf.MicrokitDraft.IoSpace;
import dev.cpkit.sdf.MicrokitDraft.Irq;
import dev.cpkit.sdf.MicrokitDraft.Map;
import dev.cpkit.sdf.MicrokitDraft.Mr;
import dev.cpkit.sdf.MicrokitDraft.Pd;
import dev.cpkit.sdf.MicrokitDraft.Setvar;
import dev.cpkit.sdf.MicrokitDraft.SetvarKind;
import dev.cpkit.sdf.MicrokitDraft.Vcpu;
import dev.cpkit.sdf.MicrokitDraft.Vm;
import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.system.Board;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Domains;
import dev.cpkit.system.IoAddressSpace;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import dev.cpkit.system.VirtualMachine;
import java.util.List;

/** Turns a fully validated Microkit draft into the immutable {@link SystemDescription}. */
final class MicrokitModel {
  private final Reporter r;
  private final Board board;

  MicrokitModel(Reporter r, Board board) {
    this.r = r;
    this.board = board;
  }

  SystemDescription build(XmlElement root, List<Pd> rootPds, List<Mr> mrs,
      List<Channel> channels, List<IoSpace> spaces, Domains domains) {
    return new SystemDescription(Dialect.MICROKIT, board,
        mrs.stream().map(this::region).toList(),
        rootPds.stream().map(this::pd).toList(),
        channels.stream().map(this::channel).toList(),
        spaces.stream().map(this::ioSpace).toList(),
        domains,
        r.at(root));
  }

  private MemoryRegion region(Mr mr) {
    return new MemoryRegion(mr.name, mr.size, mr.sizeGiven, mr.pageSize, mr.pageSizeGiven,
        mr.physAddr, mr.prefillPath, mr.prefillBootinfo, r.at(mr.el));
  }

  private ProtectionDomain pd(Pd pd) {
    var image = new ProtectionDomain.ProgramImage(pd.programImage, pd.programImageForSymbols,
        r.at(pd.programImageEl));
    List<ProtectionDomain.Setvar> setvars = pd.setvars.stream()
        .filter(s -> s.kind() == SetvarKind.PADDR)
        .map(this::setvar)
        .toList();
    return new ProtectionDomain(pd.name, pd.id == null ? null : saturate(pd.id),
        (int) pd.priority, pd.budget, pd.period, false, pd.passive, pd.cpu, pd.stackSize, pd.smc,
        pd.fpu, pd.domain, pd.setvarId, image,
        pd.maps.stream().map(this::mapping).toList(),
        pd.irqs.stream().map(this::irq).toList(),
        setvars,
        pd.ioPorts.stream().map(this::ioPort).toList(),
        pd.children.stream().map(this::pd).toList(),
        pd.vm == null ? null : vm(pd.vm, pd),
        pd.caps.stream().map(this::cap).toList(),
        r.at(pd.el));
  }

  /** Child ids are u64 in sdf.rs; the model keeps an int (ids above 61 draw a warning). */
  private static int saturate(long v) {
    return v < 0 || v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
  }

  private ProtectionDomain.Setvar setvar(Setvar s) {
    return new ProtectionDomain.Setvar(s.symbol(), s.mr(), r.at(s.el()));
  }

  private Mapping mapping(Map m) {
    return new Mapping(m.mr, m.vaddr, m.perms, m.cached, m.el.value("setvar_vaddr"),
        m.el.value("setvar_size"), m.el.value("setvar_prefill_size"), r.at(m.el));
  }

  private dev.cpkit.system.Irq irq(Irq i) {
    return new dev.cpkit.system.Irq(i.kind, i.irq, i.id, i.trigger, i.ioapic, i.pin, i.vector,
        i.polarity, i.pcidev, i.handle, i.setvarId, r.at(i.el));
  }

  private ProtectionDomain.IoPort ioPort(IoPort p) {
    return new ProtectionDomain.IoPort(p.id, p.addr, p.size, p.setvarId, p.setvarAddr,
        r.at(p.el));
  }

  private ProtectionDomain.CapMapping cap(Cap c) {
    return new ProtectionDomain.CapMapping(c.type, c.pd, (int) c.slot, r.at(c.el));
  }

  /** A vcpu without {@code cpu} runs on its PD's core (the tool's unwrap_or(pd.cpu)). */
  private VirtualMachine vm(Vm vm, Pd pd) {
    List<VirtualMachine.Vcpu> vcpus = vm.vcpus.stream()
        .map(v -> vcpu(v, pd))
        .toList();
    return new VirtualMachine(vm.name, null, pd.cpu, vm.priority, vm.budget, vm.period, vcpus,
        vm.maps.stream().map(this::mapping).toList(), r.at(vm.el));
  }

  private VirtualMachine.Vcpu vcpu(Vcpu v, Pd pd) {
    // setvar_id is null: the tool never patches a vcpu's setvar_id (it reads the VM element).
    return new VirtualMachine.Vcpu((int) v.id, v.cpu == null ? pd.cpu : v.cpu, null, r.at(v.el));
  }

  private dev.cpkit.system.Channel channel(Channel ch) {
    return new dev.cpkit.system.Channel(end(ch.a), end(ch.b), r.at(ch.el));
  }

  private dev.cpkit.system.Channel.End end(End e) {
    return new dev.cpkit.system.Channel.End(e.pd.name, e.id, e.pp, e.notify, e.setvarId,
        r.at(e.el));
  }

  private IoAddressSpace ioSpace(IoSpace s) {
    List<IoAddressSpace.IoMap> maps = s.maps.stream()
        .map(m -> new IoAddressSpace.IoMap(m.mr, m.vaddr, m.perms, r.at(m.el)))
        .toList();
    return new IoAddressSpace(s.name, s.device == null ? null : s.device.toString(), s.domainId,
        maps, r.at(s.el));
  }
}
