// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Irq;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import dev.cpkit.system.VirtualMachine;
import java.util.ArrayList;
import java.util.List;

/** The plan as a {@link SystemDescription}, in the dialect's terms (where {@code pp} goes). */
final class SdfBuilder {
  private SdfBuilder() {}

  static SystemDescription build(Plan plan, MigrateOptions o) {
    Dialect d = o.dialect();
    List<MemoryRegion> regions = new ArrayList<>();
    for (Plan.RegionPlan r : plan.regions()) {
      boolean large = r.pageSize() != 0x1000;
      regions.add(new MemoryRegion(r.name(), r.size(), true, r.pageSize(), large, r.physAddr(),
          null, null, null));
    }
    List<ProtectionDomain> pds = new ArrayList<>();
    for (PdPlan pd : plan.pds()) {
      List<Mapping> maps = new ArrayList<>();
      for (PdPlan.MapUse m : pd.maps) {
        maps.add(new Mapping(m.region(), m.vaddr(), m.perms(), m.cached(), m.symbol(), null,
            null, null));
      }
      List<Irq> irqs = new ArrayList<>();
      for (PdPlan.IrqUse i : pd.irqs) {
        irqs.add(Irq.conventional(i.irq(), i.id(), i.trigger(), null, null));
      }
      List<ProtectionDomain.Setvar> setvars = new ArrayList<>();
      for (PdPlan.PaddrVar v : pd.paddrVars) {
        setvars.add(new ProtectionDomain.Setvar(v.symbol(), v.region(), null));
      }
      VirtualMachine vm = null;
      if (pd.vm != null) {
        List<Mapping> vmMaps = new ArrayList<>();
        for (PdPlan.VmMap m : pd.vm.maps()) {
          vmMaps.add(new Mapping(m.region(), m.vaddr(), m.perms(), m.cached(), null, null, null,
              null));
        }
        List<VirtualMachine.Vcpu> vcpus = d == Dialect.MICROKIT
            ? List.of(new VirtualMachine.Vcpu(0, pd.cpu, null, null)) : List.of();
        vm = new VirtualMachine(pd.vm.name(), d == Dialect.SEL4CP_DEV ? 0 : null, pd.cpu, 0,
            1000, 1000, vcpus, vmMaps, null);
      }
      pds.add(new ProtectionDomain(pd.name, null, pd.priority, pd.budget, pd.period,
          pd.pp && d != Dialect.MICROKIT, pd.passive, pd.cpu, pd.stackSize, false, true, pd.domain,
          null, new ProtectionDomain.ProgramImage(pd.name + ".elf", null, null), maps, irqs,
          setvars, List.of(), List.of(), vm, List.of(), null));
    }
    List<Channel> channels = new ArrayList<>();
    for (Plan.ChannelPlan c : plan.channels()) {
      boolean pp = c.ppA() && d == Dialect.MICROKIT;
      channels.add(new Channel(new Channel.End(c.pdA(), c.idA(), pp, true, null, null),
          new Channel.End(c.pdB(), c.idB(), false, true, null, null), null));
    }
    return new SystemDescription(d, o.board(), regions, pds, channels, List.of(), plan.domains(), null);
  }
}
