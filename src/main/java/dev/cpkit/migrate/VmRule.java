// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import dev.cpkit.camkes.Value;
import dev.cpkit.system.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A camkes-vm VM component → a VMM PD with a {@code <virtual_machine>} (MAPPING.md "VM
 * component"): guest RAM (2 MiB pages) mapped rw into the VMM at the guest's RAM base with
 * setvar {@code guest_ram_vaddr} (the seL4CP VMM expects the two to be equal) and rwx into the
 * guest; {@code mmios}/{@code untyped_mmios} passthrough devices mapped 1:1 into the guest;
 * guest interrupts ({@code dtb_irqs}, {@code irqs}) as irqs of the VMM.
 */
final class VmRule {
  private VmRule() {}

  static final long DEFAULT_RAM_BASE = 0x40000000L;
  static final long DEFAULT_RAM_SIZE = 0x10000000L;

  /** Whether an instance is a camkes-vm VM (by its well-known attributes or type name). */
  static boolean isVm(CamkesModel.ComponentType t) {
    return t.name().equals("VM") || t.attribute("linux_address_config").isPresent()
        || t.attribute("vm_address_config").isPresent();
  }

  static void apply(Context ctx, PdPlan pd) {
    String inst = pd.instance;
    var at = ctx.instanceSpan(inst);
    if (ctx.options.dialect() == Dialect.SEL4CP) {
      ctx.error(Code.MIG003, "instance '" + inst + "' is a virtual machine, which the sel4cp"
          + " dialect cannot describe", at, "rerun with --dialect sel4cp-dev (the transition"
          + " guide's VM dialect) or --dialect microkit");
      return;
    }
    long base = DEFAULT_RAM_BASE;
    long size = DEFAULT_RAM_SIZE;
    boolean given = false;
    Optional<Value> cfg = ctx.setting(inst, "linux_address_config");
    if (cfg.isPresent() && cfg.get() instanceof Value.Dict d) {
      Long b = field(d, "linux_ram_base");
      Long s = field(d, "linux_ram_size");
      if (b != null) base = b;
      if (s != null) size = s;
      given = b != null && s != null;
    }
    size = VaddrAllocator.alignUp(size, 0x200000);
    String ram = ctx.plan.addRegion(pd.name + "_guest_ram", size, 0x200000, null);
    ctx.vaddrs(pd).reserve(base, size);
    pd.maps.add(new PdPlan.MapUse(ram, base, size, "rw", true, "guest_ram_vaddr", "void",
        PdPlan.MapRole.GUEST_RAM, null));
    List<PdPlan.VmMap> vmMaps = new ArrayList<>();
    vmMaps.add(new PdPlan.VmMap(ram, base, "rwx", true));
    ctx.report.add("instance " + inst + " (VM component)", Kind.APPROXIMATE,
        "VMM PD '" + pd.name + "' with <virtual_machine>; guest RAM '" + ram + "' 0x"
        + Long.toHexString(size) + " bytes at guest/VMM address 0x" + Long.toHexString(base)
        + (given ? " (from linux_address_config)" : " (default: linux_address_config not set)"),
        "build the VMM from libvmm (the seL4CP VMM) instead of camkes-vm's VM_Arm; give the"
        + " guest a DTS whose memory node matches the RAM region", at);
    int k = 0;
    for (String attr : new String[] {"mmios", "untyped_mmios"}) {
      Optional<Value> v = ctx.setting(inst, attr);
      if (v.isEmpty() || !(v.get() instanceof Value.ListValue l)) continue;
      for (Value item : l.items()) {
        if (!(item instanceof Value.Str s)) continue;
        String[] parts = s.value().split(":");
        Long paddr = Context.parseNumber(parts[0]);
        Long len = parts.length == 3 ? Context.parseNumber(parts[1])
            : parts.length == 2 ? Long.valueOf(1L << Math.min(40, Math.max(12,
                Context.parseNumber(parts[1]) == null ? 12 : Context.parseNumber(parts[1]))))
            : null;
        if (paddr == null || len == null) {
          ctx.error(Code.MIG009, "cannot read '" + s.value() + "' in '" + inst + "." + attr
              + "' (expected \"paddr:size:bits\" or \"paddr:bits\")",
              ctx.settingSpan(inst, attr, at), null);
          continue;
        }
        long sz = VaddrAllocator.alignUp(len, 0x1000);
        String r = ctx.plan.addRegion(pd.name + "_mmio_" + k++, sz, 0x1000, paddr & ~0xfffL);
        vmMaps.add(new PdPlan.VmMap(r, paddr & ~0xfffL, "rw", false));
        ctx.report.add("setting " + inst + "." + attr + " \"" + s.value() + "\"",
            Kind.APPROXIMATE, "memory_region '" + r + "' at 0x" + Long.toHexString(paddr)
            + " mapped 1:1 into the guest", "a GIC virtual CPU interface must appear at the"
            + " guest's GIC CPU-interface address instead: adjust the vaddr",
            ctx.settingSpan(inst, attr, at));
      }
    }
    java.util.Set<Long> irqsDone = new java.util.HashSet<>();
    k = passthrough(ctx, pd, vmMaps, irqsDone, k);
    for (String attr : new String[] {"dtb_irqs", "irqs"}) {
      Optional<Value> v = ctx.setting(inst, attr);
      if (v.isEmpty() || !(v.get() instanceof Value.ListValue l)) continue;
      for (Value item : l.items()) {
        Long irq = Context.asLong(item);
        // camkes-vm allocates an interrupt once, whether the device tree or dtb_irqs names it
        if (irq == null || !irqsDone.add(irq)) continue;
        int id = ctx.nextId(pd, at);
        pd.irqs.add(new PdPlan.IrqUse(id, irq, "level", null));
        ctx.report.add("setting " + inst + "." + attr + " " + irq, Kind.APPROXIMATE,
            "<irq irq=\"" + irq + "\" id=\"" + id + "\"> on the VMM", "the VMM must inject it"
            + " into the guest (libvmm: virq_register with this channel id)",
            ctx.settingSpan(inst, attr, at));
      }
    }
    if (ctx.setting(inst, "linux_image_config").isPresent()) {
      ctx.report.add("setting " + inst + ".linux_image_config", Kind.MANUAL, "not expressed",
          "kernel image, initrd, DTB and boot arguments are the VMM's build inputs: pass them to"
          + " the libvmm build", ctx.settingSpan(inst, "linux_image_config", at));
    }
    pd.vm = new PdPlan.VmPlan(pd.name + "_guest", vmMaps);
  }

  /**
   * {@code vm.dtb = dtb([...])}: the devices camkes-vm passes through (its
   * seL4VMDTBPassthrough template). Answered from a device tree, every {@code reg} entry
   * becomes a device region mapped 1:1 into the guest (page-rounded, as the template's
   * untypeds are) and every interrupt an irq of the VMM; unanswered, it is manual.
   * Returns the next region index.
   */
  private static int passthrough(Context ctx, PdPlan pd, List<PdPlan.VmMap> vmMaps,
      java.util.Set<Long> irqsDone, int k) {
    String inst = pd.instance;
    var at = ctx.settingSpan(inst, "dtb", ctx.instanceSpan(inst));
    Optional<Value> q = ctx.setting(inst, "dtb");
    if (q.isEmpty()) return k;
    List<DtbQuery.Device> devs = DtbQuery.devices(q.get());
    if (devs == null) {
      ctx.report.add("setting " + inst + ".dtb", Kind.MANUAL, "nothing generated: "
          + (DtbQuery.unanswered(q.get()) ? "no device tree given" : "not a dtb(...) query"),
          "pass the device tree with --dts FILE or --dtb FILE and rerun, or add the devices'"
          + " regions to the <virtual_machine> and their irqs to the VMM by hand", at);
      return k;
    }
    for (DtbQuery.Device dev : devs) {
      List<String> done = new ArrayList<>();
      for (dev.cpkit.dtb.Reg r : dev.regs()) {
        long base = r.address() & ~0xfffL;
        long sz = VaddrAllocator.alignUp(r.address() - base + Math.max(1, r.size()), 0x1000);
        String region = ctx.plan.addRegion(pd.name + "_mmio_" + k++, sz, 0x1000, base);
        vmMaps.add(new PdPlan.VmMap(region, base, "rw", false));
        done.add("memory_region '" + region + "' phys_addr=0x" + Long.toHexString(base)
            + " size=0x" + Long.toHexString(sz) + " mapped 1:1 uncached into the guest");
      }
      for (dev.cpkit.dtb.Interrupt n : dev.interrupts()) {
        if (!irqsDone.add(n.number())) continue;
        int id = ctx.nextId(pd, at);
        pd.irqs.add(new PdPlan.IrqUse(id, n.number(), n.edge() ? "edge" : "level", null));
        done.add("<irq irq=\"" + n.number() + "\" id=\"" + id + "\"> on the VMM");
      }
      ctx.report.add("setting " + inst + ".dtb device " + dev.path(), Kind.EXACT,
          done.isEmpty() ? "no registers or interrupts" : String.join("; ", done),
          dev.interrupts().isEmpty() ? "" : "the VMM injects the irqs into the guest (libvmm:"
          + " virq_register with these ids)", at);
    }
    return k;
  }

  private static Long field(Value.Dict d, String key) {
    for (Value.Entry e : d.entries()) {
      if (e.key() instanceof Value.Str k && k.value().equals(key)) return Context.asLong(e.value());
    }
    return null;
  }

  /** {@code seL4VMDTBPassthrough}: a CAmkES build hack whose effect the VM rule generates. */
  static final class Passthrough implements ConnectionRule {
    @Override
    public void apply(Context ctx, CamkesModel.Connection c) {
      ctx.report.add(ConnectionRule.construct(c), Kind.APPROXIMATE, "no channel: the"
          + " passthrough devices are mappings of the <virtual_machine>", "", c.span());
    }
  }
}
