// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import dev.cpkit.camkes.Value;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.system.Dialect;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CAmkES thread attributes → PD attributes (MAPPING.md "Thread attributes"). A PD has one
 * thread, so the control thread's attributes win, then the instance-wide ones, then the
 * interface threads' (which collapse into one value, with a warning when they differ).
 */
final class ThreadAttributes {
  private ThreadAttributes() {}

  static void apply(Context ctx, PdPlan pd) {
    String inst = pd.instance;
    SourceSpan at = ctx.instanceSpan(inst);
    priority(ctx, pd, at);
    mcs(ctx, pd, at);
    affinity(ctx, pd, at);
    String where = "instance " + inst;
    // _domain: DomainRule, over all PDs at once
    for (String a : new String[] {"_max_priority", "max_priority", "_stack_size"}) {
      if (ctx.setting(inst, a).isPresent()) {
        boolean stack = a.equals("_stack_size");
        if (stack && ctx.options.dialect() == Dialect.MICROKIT) {
          Long n = ctx.longSetting(inst, a, at);
          if (n != null) pd.stackSize = VaddrAllocator.alignUp(Math.max(n, 0x1000), 0x1000);
          ctx.report.add(where + "." + a, Kind.EXACT, "stack_size of PD '" + pd.name + "'", "",
              ctx.settingSpan(inst, a, at));
        } else {
          ctx.report.add(where + "." + a, Kind.MANUAL, "not expressed",
              stack ? "sel4cp gives every PD a fixed 4 KiB stack: keep deep call chains and large"
                  + " locals out of the component" : "seL4CP PDs have no maximum controlled"
                  + " priority; nothing to do unless the component set other threads' priorities",
              ctx.settingSpan(inst, a, at));
        }
      }
    }
    // per-interface thread attributes other than priority/passive have no PD counterpart
    for (CamkesModel.Setting s : ctx.model.settings()) {
      if (!s.target().equals(inst) || s.source() == CamkesModel.SettingSource.DEFAULT) continue;
      for (CamkesModel.Interface i : pd.type.interfaces()) {
        for (String suffix : new String[] {"_stack_size", "_affinity", "_budget", "_period",
            "_max_priority", "_domain"}) {
          if (s.attribute().equals(i.name() + suffix)) {
            ctx.used(inst, s.attribute());
            ctx.report.add(where + "." + s.attribute(), Kind.MANUAL,
                "not expressed (a PD has one thread)", "the PD's own attribute applies to all its"
                + " work; set it on the instance if it matters", s.span());
          }
        }
      }
    }
  }

  private static void priority(Context ctx, PdPlan pd, SourceSpan at) {
    String inst = pd.instance;
    Long control = ctx.longSetting(inst, "_priority", at);
    Long wide = ctx.longSetting(inst, "priority", at);
    Map<String, Long> perIface = new LinkedHashMap<>();
    for (CamkesModel.Interface i : pd.type.interfaces()) {
      Long v = ctx.longSetting(inst, i.name() + "_priority", at);
      if (v != null) perIface.put(i.name(), v);
    }
    Long chosen = control != null ? control : wide != null ? wide
        : perIface.values().stream().max(Long::compare).orElse(null);
    String from = control != null ? "_priority" : wide != null ? "priority"
        : perIface.isEmpty() ? null : perIface.keySet().iterator().next() + "_priority";
    Long picked = chosen;
    if (perIface.values().stream().anyMatch(v -> !v.equals(picked))) {
      ctx.warning(Code.MIG101, "instance '" + inst + "' sets different priorities per thread "
          + perIface + (control != null ? " and _priority " + control
              : wide != null ? " and priority " + wide : "")
          + "; the PD gets " + chosen, at, "a PD has one thread and one priority");
      ctx.report.add("instance " + inst + " per-interface priorities", Kind.APPROXIMATE,
          "one priority " + chosen + " for PD '" + pd.name + "'",
          "check that one priority fits all the component's work", at);
    }
    if (chosen == null) return;
    SourceSpan sat = ctx.settingSpan(inst, from, at);
    if (chosen > 254) {
      ctx.warning(Code.MIG100, "instance '" + inst + "' has priority " + chosen
          + "; seL4CP priorities stop at 254, so PD '" + pd.name + "' gets 254", sat, null);
      ctx.report.add("instance " + inst + "." + from + " = " + chosen, Kind.APPROXIMATE,
          "priority 254 (seL4CP's highest)", "", sat);
      chosen = 254L;
    } else if (chosen < 0) {
      ctx.error(Code.MIG009, "instance '" + inst + "' has negative priority " + chosen, sat, null);
      chosen = 0L;
    } else {
      ctx.report.add("instance " + inst + "." + from + " = " + chosen, Kind.EXACT,
          "priority=\"" + chosen + "\"", "", sat);
    }
    pd.explicitPriority = chosen.intValue();
    pd.priority = chosen.intValue();
  }

  private static void mcs(Context ctx, PdPlan pd, SourceSpan at) {
    String inst = pd.instance;
    Long budget = first(ctx, inst, at, "_budget", "budget");
    Long period = first(ctx, inst, at, "_period", "period");
    if (budget == null && period == null) return;
    long b = budget != null ? budget : period;
    long p = period != null ? period : b;
    if (b > p) {
      ctx.error(Code.MIG008, "instance '" + inst + "' has budget " + b + " larger than period "
          + p, ctx.settingSpan(inst, budget != null ? "_budget" : "budget", at),
          "seL4CP requires budget <= period (both in microseconds)");
    }
    if (b <= 0 || p <= 0) {
      ctx.error(Code.MIG009, "instance '" + inst + "' has a budget or period that is not"
          + " positive", at, null);
    }
    pd.budget = b;
    pd.period = p;
    ctx.report.add("instance " + inst + " budget/period", Kind.EXACT,
        "budget=\"" + b + "\" period=\"" + p + "\" (microseconds)", "", at);
  }

  private static Long first(Context ctx, String inst, SourceSpan at, String... names) {
    for (String n : names) {
      Long v = ctx.longSetting(inst, n, at);
      if (v != null) return v;
    }
    return null;
  }

  private static void affinity(Context ctx, PdPlan pd, SourceSpan at) {
    String inst = pd.instance;
    String name = ctx.model.setting(inst, "_affinity").isPresent() ? "_affinity" : "affinity";
    Optional<Value> v = ctx.setting(inst, name);
    if (v.isEmpty()) return;
    Long cpu = ctx.longSetting(inst, name, at);
    SourceSpan sat = ctx.settingSpan(inst, name, at);
    if (cpu == null) return;
    if (ctx.options.dialect() == Dialect.SEL4CP) {
      ctx.report.add("instance " + inst + "." + name + " = " + cpu, Kind.MANUAL,
          "not expressed: sel4cp runs every PD on core 0",
          "use --dialect sel4cp-dev or microkit for cpu affinity", sat);
    } else {
      pd.cpu = cpu.intValue();
      ctx.report.add("instance " + inst + "." + name + " = " + cpu, Kind.EXACT,
          "cpu=\"" + cpu + "\"", "", sat);
    }
  }
}
