// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.analysis.BoardMemory;
import dev.cpkit.camkes.CamkesModel;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.camkes.Value;
import dev.cpkit.system.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hardware connectors. MMIO: the device's registers become a memory region at the hardware
 * component's {@code <if>_paddr}, mapped uncached into the driver with the driver's dataport
 * name as setvar. Interrupts: {@code <if>_irq_number} (already the GIC id) becomes an
 * {@code <irq>} of the driver, dispatched to {@code <if>_handle()}. Settings use the hardware
 * side's interface names, C symbols the driver's (MAPPING.md facts).
 */
final class HardwareRule implements ConnectionRule {
  enum Mode { MMIO, INTERRUPT }

  private final Mode mode;

  HardwareRule(Mode mode) {
    this.mode = mode;
  }

  @Override
  public void apply(Context ctx, CamkesModel.Connection c) {
    if (mode == Mode.MMIO) mmio(ctx, c);
    else interrupt(ctx, c);
  }

  private static void mmio(Context ctx, CamkesModel.Connection c) {
    CamkesModel.End hw = c.to().get(0);
    String base = hw.instance() + "." + hw.iface();
    Long paddr = ctx.longSetting(hw.instance(), hw.iface() + "_paddr", c.span());
    Long size = ctx.longSetting(hw.instance(), hw.iface() + "_size", c.span());
    if (paddr == null) {
      ctx.error(Code.MIG012, "hardware dataport '" + base + "' has no physical address",
          c.span(), "set '" + base + "_paddr = 0x...;' in the configuration");
      return;
    }
    long sz = VaddrAllocator.alignUp(size == null ? 0x1000 : size, 0x1000);
    boolean cached = ctx.setting(hw.instance(), hw.iface() + "_hardware_cached")
        .map(Context::truthy).orElse(false);
    warnIfRam(ctx, base, paddr & ~0xfffL, sz,
        ctx.settingSpan(hw.instance(), hw.iface() + "_paddr", c.span()));
    String region = ctx.plan.addRegion(hw.instance() + "_" + hw.iface(), sz, 0x1000,
        paddr & ~0xfffL);
    List<String> into = new ArrayList<>();
    for (CamkesModel.End d : c.from()) {
      PdPlan pd = ctx.plan.pd(d.instance());
      if (pd == null) continue;
      ctx.map(pd, region, sz, "rw", cached, d.iface(), "void", PdPlan.MapRole.DEVICE, d.iface());
      into.add(pd.name + "." + d.iface());
    }
    ctx.report.add(ConnectionRule.construct(c), Kind.EXACT, "memory_region '" + region
        + "' phys_addr=0x" + Long.toHexString(paddr & ~0xfffL) + " size=0x" + Long.toHexString(sz)
        + " mapped " + (cached ? "cached" : "uncached") + " rw into " + String.join(", ", into),
        (paddr & 0xfff) != 0 ? "the device address 0x" + Long.toHexString(paddr)
            + " is not page aligned: add 0x" + Long.toHexString(paddr & 0xfff)
            + " to the mapped pointer in the driver" : "", c.span());
  }

  /**
   * MIG106 when the board is one whose RAM cpkit knows and the device region touches it: the
   * image builder would reject the region (the reference tool with a traceback, "not in any
   * device untyped"), typically because the project was written for another board.
   */
  static void warnIfRam(Context ctx, String device, long paddr, long size, SourceSpan at) {
    if (ctx.options.board() == null) return;
    String board = ctx.options.board().name();
    BoardMemory.Ram ram = BoardMemory.of(board);
    if (ram == null || !ram.touches(paddr, size)) return;
    ctx.warning(Code.MIG106, "device '" + device + "' at 0x" + Long.toHexString(paddr) + " (size 0x"
        + Long.toHexString(size) + ") lies in " + board + "'s RAM: the image builder will reject it",
        at, "the address is probably another board's: use the device's address on " + board
            + " (its device tree), or migrate with --board for the board the project was written for");
  }

  private static void interrupt(Context ctx, CamkesModel.Connection c) {
    CamkesModel.End hw = c.from().get(0);
    String base = hw.instance() + "." + hw.iface();
    Optional<Value> type0 = ctx.setting(hw.instance(), hw.iface() + "_irq_type");
    String t0 = type0.map(v -> v instanceof Value.Str s ? s.value() : Value.show(v)).orElse("simple");
    if (!t0.equals("simple") && !t0.equals("arm")) {
      // x86 interrupt kinds (isa, ioapic, pci, msi): Microkit x86 has <irq pin/vector>, the
      // ARM dialects nothing; their settings are left for the report's unused list
      ctx.report.add(ConnectionRule.construct(c), Kind.MANUAL, "nothing generated: interrupt"
          + " type '" + t0 + "' is x86", "on a Microkit x86 board write <irq pin=... vector=..."
          + " id=...> in the driver PD by hand", c.span());
      return;
    }
    Long irq = ctx.longSetting(hw.instance(), hw.iface() + "_irq_number", c.span());
    if (irq == null) irq = ctx.longSetting(hw.instance(), hw.iface() + "_irq", c.span());
    if (irq == null) {
      ctx.error(Code.MIG012, "hardware interrupt '" + base + "' has no interrupt number",
          c.span(), "set '" + base + "_irq_number = N;' (the GIC interrupt id: SPI + 32)");
      return;
    }
    String t = t0;
    String trigger = ctx.setting(hw.instance(), hw.iface() + "_irq_trigger")
        .map(v -> v instanceof Value.Str s ? s.value() : "level").orElse("level");
    if (!trigger.equals("edge")) trigger = "level";
    List<String> into = new ArrayList<>();
    for (CamkesModel.End d : c.to()) {
      PdPlan pd = ctx.plan.pd(d.instance());
      if (pd == null) continue;
      int id = ctx.nextId(pd, c.span());
      pd.irqs.add(new PdPlan.IrqUse(id, irq, trigger, d.iface()));
      into.add(pd.name + " id " + id);
    }
    String todo = "";
    Kind kind = Kind.EXACT;
    if (trigger.equals("edge") && ctx.options.dialect() == Dialect.SEL4CP) {
      kind = Kind.APPROXIMATE;
      todo = "sel4cp has no trigger attribute: the interrupt is registered level-triggered";
    }
    ctx.report.add(ConnectionRule.construct(c), kind, "<irq irq=\"" + irq + "\"> in "
        + String.join(", ", into) + "; notified() calls " + c.to().get(0).iface()
        + "_handle(), which acknowledges with " + c.to().get(0).iface() + "_acknowledge()",
        todo, c.span());
  }
}
