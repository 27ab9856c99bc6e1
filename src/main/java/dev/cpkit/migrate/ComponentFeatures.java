// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Component features (MAPPING.md "Component features" and "Structure"): control/run, heap,
 * DMA pool, mutexes and semaphores, attributes, optional interfaces left unconnected, passive
 * servers, groups.
 */
final class ComponentFeatures {
  private ComponentFeatures() {}

  static void apply(Context ctx, PdPlan pd, Set<String> connected) {
    String inst = pd.instance;
    var at = ctx.instanceSpan(inst);
    CamkesModel.ComponentType t = pd.type;
    ctx.report.add("component " + t.name() + " " + inst, Kind.EXACT, "protection_domain '"
        + pd.name + "' with program_image " + pd.name + ".elf", "", at);
    if (!pd.name.equals(inst)) {
      boolean shortened = !pd.name.equals(Names.identifier(inst));
      if (shortened) {
        ctx.warning(Code.MIG102, "instance '" + inst + "' becomes PD '" + pd.name + "': the "
            + ctx.options.dialect() + " dialect keeps PD names to " + ctx.options.nameLimit()
            + " bytes", at, null);
      }
      ctx.report.add("instance name " + inst, Kind.EXACT, "PD name '" + pd.name + "'"
          + (shortened ? " (shortened to " + ctx.options.nameLimit() + " bytes)" : ""), "", at);
    }
    if (!inst.equals(ctx.model.instance(inst).get().addressSpace())) {
      ctx.report.add("group " + ctx.model.instance(inst).get().addressSpace() + " (" + inst
          + ")", Kind.MANUAL, "separate PD '" + pd.name + "' (a PD has one address space and"
          + " one thread)", "components that shared memory through the group must share a"
          + " memory region instead", at);
    }
    if (t.control()) {
      ctx.report.add("control; run() of " + inst, Kind.APPROXIMATE, "init() calls pre_init,"
          + " <if>__init, post_init, then run()", "if run() loops forever or waits for events,"
          + " restructure it: do the setup in run() and the work in event callbacks (notified)",
          t.span());
    }
    for (CamkesModel.Sync s : t.syncs()) {
      ctx.report.add("has " + s.kind() + " " + s.name() + " (" + inst + ")", Kind.EXACT,
          "no-op " + s.name() + "_* functions in camkes.h (a PD is single-threaded)", "",
          s.span());
    }
    for (CamkesModel.Interface i : t.interfaces()) {
      if (i.optional() && !connected.contains(inst + "." + i.name())) {
        ctx.report.add("maybe " + i.kind().name().toLowerCase() + " " + i.type() + " "
            + i.name() + " (" + inst + ")", Kind.EXACT, "not connected: nothing generated", "",
            i.span());
      }
    }
    heap(ctx, pd, at);
    dma(ctx, pd, at);
    passive(ctx, pd, at);
    attributes(ctx, pd, at);
  }

  /**
   * CAmkES's default heap when {@code heap_size} is unset: component.common.c takes
   * {@code CONFIG_CAMKES_DEFAULT_HEAP_SIZE}, 1 MiB unless the build changes it
   * (camkes-tool Kconfig and templates); {@code heap_size = 0} means no heap.
   */
  static final long DEFAULT_HEAP_SIZE = 1L << 20;

  private static void heap(Context ctx, PdPlan pd, dev.cpkit.diag.SourceSpan at) {
    Long size = ctx.longSetting(pd.instance, "heap_size", at);
    if (size != null && size <= 0) {
      ctx.report.add("setting " + pd.instance + ".heap_size = " + size, Kind.EXACT,
          "no heap region", "", ctx.settingSpan(pd.instance, "heap_size", at));
      return;
    }
    boolean dflt = size == null;
    long sz = VaddrAllocator.alignUp(dflt ? DEFAULT_HEAP_SIZE : size, 0x1000);
    String r = ctx.plan.addRegion(pd.name + "_heap", sz, 0x1000, null);
    ctx.map(pd, r, sz, "rw", true, "camkes_heap", "void", PdPlan.MapRole.HEAP, null);
    ctx.report.add(dflt ? "heap of " + pd.instance + " (heap_size unset)"
        : "setting " + pd.instance + ".heap_size = " + size, Kind.APPROXIMATE,
        "memory_region '" + r + "' of 0x" + Long.toHexString(sz) + " bytes mapped rw with setvar"
        + " camkes_heap (CAMKES_HEAP_SIZE in the header)" + (dflt ? ": CAmkES's default heap"
            + " (CONFIG_CAMKES_DEFAULT_HEAP_SIZE, 1 MiB)" : ""),
        "link an allocator over camkes_heap (seL4CP has no malloc)" + (dflt ? "; if the"
            + " component never allocates, set heap_size = 0 and migrate again to drop it" : ""),
        dflt ? at : ctx.settingSpan(pd.instance, "heap_size", at));
  }

  private static void dma(Context ctx, PdPlan pd, dev.cpkit.diag.SourceSpan at) {
    Long size = ctx.longSetting(pd.instance, "dma_pool", at);
    if (size == null || size <= 0) return;
    long sz = VaddrAllocator.alignUp(size, 0x1000);
    String r = ctx.plan.addRegion(pd.name + "_dma", sz, 0x1000, null);
    ctx.map(pd, r, sz, "rw", false, "camkes_dma_pool", "void", PdPlan.MapRole.DMA, null);
    pd.paddrVars.add(new PdPlan.PaddrVar("camkes_dma_pool_paddr", r));
    ctx.used(pd.instance, "dma_pool_cached");
    ctx.used(pd.instance, "dma_pool_paddr");
    ctx.report.add("setting " + pd.instance + ".dma_pool = " + size, Kind.APPROXIMATE,
        "uncached memory_region '" + r + "' mapped with setvar camkes_dma_pool, physical"
        + " address in camkes_dma_pool_paddr", "replace camkes_dma_alloc with an allocator over"
        + " this region (sDDF keeps DMA buffers in such a region)",
        ctx.settingSpan(pd.instance, "dma_pool", at));
  }

  private static void passive(Context ctx, PdPlan pd, dev.cpkit.diag.SourceSpan at) {
    List<String> asked = new ArrayList<>();
    for (CamkesModel.Interface i : pd.type.interfaces()) {
      if (ctx.setting(pd.instance, i.name() + "_passive").map(Context::truthy).orElse(false)) {
        asked.add(i.name());
      }
    }
    if (!asked.isEmpty()) {
      var sat = ctx.settingSpan(pd.instance, asked.get(0) + "_passive", at);
      if (pd.type.control() || !pd.pp) {
        ctx.warning(Code.MIG105, "instance '" + pd.instance + "' asks for a passive server"
            + " thread, but " + (pd.type.control() ? "the component has control" :
                "it provides no procedure") + "; PD '" + pd.name + "' stays active", sat,
            "a passive PD runs only on its callers' budgets and cannot have its own run()");
        ctx.report.add("setting " + pd.instance + "." + asked.get(0) + "_passive", Kind.MANUAL,
            "not expressed: the PD stays active", "remove control or the setting", sat);
      } else {
        pd.passive = true;
        ctx.report.add("setting " + pd.instance + "." + asked.get(0) + "_passive = true",
            Kind.EXACT, "passive=\"true\" on '" + pd.name + "'", "", sat);
      }
    } else if (ctx.options.passiveServers() && pd.pp && !pd.type.control()
        && pd.irqs.isEmpty()) {
      pd.passive = true;
      ctx.report.add("instance " + pd.instance + " (server without control)",
          Kind.APPROXIMATE, "passive=\"true\" (--passive-servers)", "the PD now runs only on its"
          + " callers' budgets: it must not rely on work of its own between calls", at);
    }
  }

  private static void attributes(Context ctx, PdPlan pd, dev.cpkit.diag.SourceSpan at) {
    List<String> names = new ArrayList<>();
    for (CamkesModel.Attribute a : pd.type.attributes()) {
      if (ctx.model.setting(pd.instance, a.name()).isEmpty()) continue;
      ctx.used(pd.instance, a.name());
      names.add(a.name());
    }
    if (!names.isEmpty()) {
      ctx.report.add("attributes of " + pd.instance + " (" + String.join(", ", names) + ")",
          Kind.EXACT, "typed constants in include/" + pd.name + ".h", "", pd.type.span());
    }
  }
}
