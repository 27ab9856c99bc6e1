// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import dev.cpkit.camkes.Value;
import dev.cpkit.dtb.Interrupt;
import dev.cpkit.dtb.Reg;
import dev.cpkit.system.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code seL4DTBHardware} and its variants (MAPPING.md "seL4DTBHardware and DTB-path
 * settings"). camkes-tool's template reads {@code <instance>.<iface>.dtb} of the {@code to}
 * end (one node); with a device tree the front end has answered it, and every {@code reg}
 * entry becomes a memory region at its page-aligned physical address, mapped uncached (unless
 * {@code hardware_cached}) into the driver as {@code <iface>_<i>} (the template's symbol, a
 * pointer to the page base as in CAmkES); with {@code generate_interrupts} every interrupt
 * becomes an {@code <irq>} dispatched to the handler a driver registered with
 * {@code ps_irq_register()} ({@link PsIrqWriter}), else to {@code <iface>_irq_handle(ps_irq_t *)}.
 * Without a device tree the query is unanswered and the connection is reported as manual.
 */
final class DtbHardwareRule implements ConnectionRule {
  static final String NO_TREE = "pass the device tree with --dts FILE or --dtb FILE and rerun,"
      + " or write the device's <memory_region phys_addr> and <irq> by hand";

  @Override
  public void apply(Context ctx, CamkesModel.Connection c) {
    for (CamkesModel.End d : c.to()) device(ctx, c, d);
  }

  private static void device(Context ctx, CamkesModel.Connection c, CamkesModel.End d) {
    String target = d.instance() + "." + d.iface();
    String construct = ConnectionRule.construct(c) + " (" + target + ")";
    PdPlan pd = ctx.plan.pd(d.instance());
    Optional<Value> q = ctx.setting(target, "dtb");
    if (pd == null) return;
    if (q.isEmpty() || DtbQuery.unanswered(q.get())) {
      String why = q.isEmpty() ? "'" + target + ".dtb' is not set" : "no device tree given";
      ctx.report.add(construct, Kind.MANUAL, "nothing generated: " + why,
          q.isEmpty() ? "set '" + target + ".dtb = dtb({\"path\": ...});' and pass the device tree"
              + " with --dts or --dtb" : NO_TREE, c.span());
      if (q.isPresent()) ctx.used(target, "generate_interrupts");
      ctx.used(target, "hardware_cached");
      ctx.warning(Code.MIG104, "connection '" + c.name() + "' (" + c.connector() + ") for '"
          + target + "' needs manual work: " + why, c.span(), q.isEmpty() ? null : NO_TREE);
      return;
    }
    var at = ctx.settingSpan(target, "dtb", c.span());
    List<DtbQuery.Device> devs = DtbQuery.devices(q.get());
    if (devs == null || devs.size() != 1) {
      // camkes-tool's template insists on exactly one node too ("assign a single DTB path")
      ctx.error(Code.MIG009, "'" + target + ".dtb' must select exactly one device tree node, not "
          + (devs == null ? Value.show(q.get()) : devs.size()), at,
          "write one dtb({\"path\": ...}) query that matches the device's node");
      return;
    }
    DtbQuery.Device dev = devs.get(0);
    boolean cached = ctx.setting(target, "hardware_cached").map(Context::truthy).orElse(false);
    List<String> done = new ArrayList<>();
    int i = 0;
    for (Reg r : dev.regs()) {
      long base = r.address() & ~0xfffL;
      // the whole register block is covered even when it starts inside a page
      long size = VaddrAllocator.alignUp(r.address() - base + Math.max(1, r.size()), 0x1000);
      String region = ctx.plan.addRegion(pd.name + "_" + d.iface() + "_" + i, size, 0x1000, base);
      String sym = d.iface() + "_" + i;
      ctx.map(pd, region, size, "rw", cached, sym, "void", PdPlan.MapRole.DEVICE, d.iface());
      done.add("memory_region '" + region + "' phys_addr=0x" + Long.toHexString(base) + " size=0x"
          + Long.toHexString(size) + " mapped " + (cached ? "cached" : "uncached") + " rw as "
          + sym + (base != r.address() ? " (registers at +0x" + Long.toHexString(r.address() - base)
              + ", as in CAmkES)" : ""));
      i++;
    }
    boolean irqs = ctx.setting(target, "generate_interrupts").map(Context::truthy).orElse(false);
    if (irqs) {
      for (Interrupt n : dev.interrupts()) {
        int id = ctx.nextId(pd, c.span());
        pd.irqs.add(new PdPlan.IrqUse(id, n.number(), n.edge() ? "edge" : "level", d.iface(), true));
        done.add("<irq irq=\"" + n.number() + "\" id=\"" + id + "\">" + (n.edge() ? " (edge)" : ""));
      }
    }
    String todo = "";
    Kind kind = Kind.EXACT;
    boolean edge = irqs && dev.interrupts().stream().anyMatch(Interrupt::edge);
    if (edge && ctx.options.dialect() == Dialect.SEL4CP) {
      kind = Kind.APPROXIMATE;
      todo = "sel4cp has no trigger attribute: edge interrupts are registered level-triggered";
    }
    ctx.report.add(construct, kind, "device " + dev.path() + ": " + (done.isEmpty()
        ? "no registers or interrupts" : String.join("; ", done)) + " in " + pd.name
        + (irqs && !dev.interrupts().isEmpty() ? "; notified() calls the handler registered"
            + " with ps_irq_register() (camkes_io_ops()), else " + d.iface()
            + "_irq_handle(), which acknowledges with " + d.iface() + "_irq_acknowledge()" : ""),
        todo, at);
  }
}
