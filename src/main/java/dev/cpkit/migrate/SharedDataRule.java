// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import dev.cpkit.camkes.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code seL4SharedData} (and its relatives): one memory region per connection, mapped into
 * every end's PD with {@code setvar_vaddr} = the dataport's name, so the CAmkES pointer
 * variable receives the mapped address.
 */
final class SharedDataRule implements ConnectionRule {
  /** {@code seL4DMASharedData}: the region sits at the connection's {@code paddr}, uncached. */
  private final boolean dma;
  private final Kind kind;
  private final String note;

  SharedDataRule(boolean dma, Kind kind, String note) {
    this.dma = dma;
    this.kind = kind;
    this.note = note;
  }

  @Override
  public void apply(Context ctx, CamkesModel.Connection c) {
    List<CamkesModel.End> ends = new ArrayList<>(c.from());
    ends.addAll(c.to());
    long size = size(ctx, c, ends);
    if (size < 0) return;
    Long paddr = dma ? ctx.longSetting(c.name(), "paddr", c.span()) : null;
    String region = ctx.plan.addRegion(c.name(), size, 0x1000, paddr);
    List<String> parts = new ArrayList<>();
    for (CamkesModel.End e : ends) {
      PdPlan pd = ctx.plan.pd(e.instance());
      if (pd == null) continue;
      String perms = perms(ctx, e, c);
      boolean cached = !dma && ctx.setting(e.instance(), e.iface() + "_cached")
          .map(Context::truthy).orElse(true);
      CamkesModel.Interface i = ctx.iface(e);
      String ctype = i == null || i.type().equals("Buf") || i.type().startsWith("Buf(")
          ? "void" : i.type();
      ctx.map(pd, region, size, perms, cached, e.iface(), ctype, PdPlan.MapRole.DATAPORT,
          e.iface());
      parts.add(pd.name + "." + e.iface() + " (" + perms + ")");
    }
    ctx.report.add(ConnectionRule.construct(c), kind, "memory_region '" + region + "' (0x"
        + Long.toHexString(size) + " bytes" + (paddr != null ? " at 0x" + Long.toHexString(paddr)
        : "") + ") mapped into " + String.join(", ", parts), note, c.span());
  }

  /**
   * {@code Buf(N)} gives N; {@code Buf} and C types take the connection's {@code size} setting
   * (4 KiB by default, as CAmkES); rounded up to the page size.
   */
  private static long size(Context ctx, CamkesModel.Connection c, List<CamkesModel.End> ends) {
    long size = -1;
    for (CamkesModel.End e : ends) {
      CamkesModel.Interface i = ctx.iface(e);
      if (i != null && i.type().startsWith("Buf(")) {
        Long n = Context.parseNumber(i.type().substring(4, i.type().length() - 1));
        if (n != null) size = Math.max(size, n);
      }
    }
    Long conn = ctx.longSetting(c.name(), "size", c.span());
    if (size < 0) size = conn != null ? conn : 0x1000;
    if (size <= 0 || size > VaddrAllocator.TOP - VaddrAllocator.BASE) {
      ctx.error(Code.MIG007, "connection '" + c.name() + "' has a dataport of " + size
          + " bytes, which does not fit a PD's address space", c.span(),
          "a dataport must be larger than 0 and smaller than 0x" + Long.toHexString(
              VaddrAllocator.TOP - VaddrAllocator.BASE) + " bytes");
      return -1;
    }
    return VaddrAllocator.alignUp(size, 0x1000);
  }

  /**
   * CAmkES access strings ("R", "W", "RW", "RWX"...) → SDF perms. Write-only is impossible on
   * seL4 aarch64, so "W" becomes rw (reported by the caller's note).
   */
  static String perms(Context ctx, CamkesModel.End e, CamkesModel.Connection c) {
    Optional<Value> v = ctx.setting(e.instance(), e.iface() + "_access");
    if (v.isEmpty() || !(v.get() instanceof Value.Str s)) return "rw";
    String a = s.value().toUpperCase(Locale.ROOT);
    StringBuilder p = new StringBuilder();
    if (a.contains("R") || a.contains("W")) p.append('r');
    if (a.contains("W")) p.append('w');
    if (a.contains("X")) p.append('x');
    if (!a.contains("R") && a.contains("W")) {
      ctx.report.add("setting " + e.instance() + "." + e.iface() + "_access = \"" + s.value()
          + "\"", Kind.APPROXIMATE, "perms=\"" + p + "\"", "seL4 on aarch64 has no write-only"
          + " pages; the PD can also read the region", ctx.settingSpan(e.instance(),
              e.iface() + "_access", c.span()));
    }
    return p.length() == 0 ? "r" : p.toString();
  }
}
