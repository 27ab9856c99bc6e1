// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.diag.SourceSpan;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.VirtualMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * MCS scheduling. Every active PD and every virtual machine has a scheduling context of
 * {@code budget} µs every {@code period} µs. When budget &lt; period the kernel enforces the
 * share, so the shares of one core must add up to at most 100% and higher priorities can
 * starve lower ones only by using their whole share. When budget = period (the default,
 * 1000/1000) the context is a plain round-robin time slice: nothing stops the thread from
 * running whenever it is ready, so it is left out of the sums and reported (as a note) when
 * it sits above lower-priority work. Passive PDs give their context up after init() and run
 * on their callers'.
 */
final class SchedulingCheck implements Check {
  private static final long DEFAULT_BUDGET = 1000;

  /** A thread with its own scheduling context. */
  record Sc(String name, String what, int priority, long budget, long period, int cpu,
      SourceSpan span) {
    boolean constrained() {
      return budget < period;
    }

    double share() {
      return period == 0 ? 0 : (double) budget / period;
    }
  }

  static List<Sc> active(Context c) {
    List<Sc> out = new ArrayList<>();
    for (ProtectionDomain pd : c.system().allProtectionDomains()) {
      if (!pd.passive()) {
        out.add(new Sc(pd.name(), "protection domain", pd.priority(), pd.budget(),
            pd.period(), pd.cpu(), pd.span()));
      }
      VirtualMachine vm = pd.virtualMachine();
      if (vm != null) {
        int cpu = vm.vcpus().isEmpty() ? vm.cpu() : vm.vcpus().get(0).cpu();
        out.add(new Sc(vm.name(), "virtual machine", (int) vm.priority(), vm.budget(),
            vm.period(), cpu, vm.span()));
      }
    }
    return out;
  }

  @Override
  public void run(Context c, Findings out) {
    Map<Integer, List<Sc>> byCore = new TreeMap<>();
    for (Sc sc : active(c)) byCore.computeIfAbsent(sc.cpu(), k -> new ArrayList<>()).add(sc);
    for (Map.Entry<Integer, List<Sc>> core : byCore.entrySet()) {
      utilisation(core.getKey(), core.getValue(), c.system().board().cores() > 1, out);
      starvation(core.getValue(), out);
      unenforced(core.getValue(), out);
    }
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static void utilisation(int cpu, List<Sc> scs, boolean smp, Findings out) {
    double sum = 0;
    Sc largest = null;
    for (Sc sc : scs) {
      if (!sc.constrained()) continue;
      sum += sc.share();
      if (largest == null || sc.share() > largest.share()) largest = sc;
    }
    if (sum <= 1.0 + 1e-9) return;
    Findings.Builder b = out.add(AnaCode.ANA101, "the budgets on " + (smp ? "core " + cpu
        : "the core") + " add up to " + percent(sum) + " of its time", largest.span());
    for (Sc sc : scs) {
      if (sc.constrained()) {
        b.note("'" + sc.name() + "': " + sc.budget() + " µs every " + sc.period() + " µs = "
            + percent(sc.share()), sc.span());
      }
    }
    b.hint("the kernel cannot give every scheduling context its budget in each period; lower"
        + " budgets, lengthen periods, or move PDs to another core").report();
  }

  private static void starvation(List<Sc> scs, Findings out) {
    for (Sc low : scs) {
      double above = 0;
      List<Sc> higher = new ArrayList<>();
      for (Sc h : scs) {
        if (h.priority() > low.priority() && h.constrained()) {
          above += h.share();
          higher.add(h);
        }
      }
      if (above < 1.0 - 1e-9) continue;
      Findings.Builder b = out.add(AnaCode.ANA102, low.what() + " '" + low.name()
          + "' (priority " + low.priority() + ") can be starved: higher priorities may use "
          + percent(above) + " of its core", low.span());
      for (Sc h : higher) {
        b.note("'" + h.name() + "' (priority " + h.priority() + "): " + percent(h.share()),
            h.span());
      }
      b.hint("whenever the higher-priority PDs use their whole budgets, '" + low.name()
          + "' never runs; leave room below 100% for it").report();
    }
  }

  private static void unenforced(List<Sc> scs, Findings out) {
    for (Sc h : scs) {
      if (h.constrained()) continue;
      List<String> lower = new ArrayList<>();
      for (Sc l : scs) if (l.priority() < h.priority()) lower.add("'" + l.name() + "'");
      if (lower.isEmpty()) continue;
      boolean defaults = h.budget() == DEFAULT_BUDGET && h.period() == DEFAULT_BUDGET;
      out.add(AnaCode.ANA103, h.what() + " '" + h.name() + "' (priority " + h.priority()
              + ") has a full budget (" + h.budget() + "/" + h.period() + " µs"
              + (defaults ? ", the default" : "") + ") above " + String.join(", ",
                  lower.size() > 4 ? lower.subList(0, 4) : lower)
              + (lower.size() > 4 ? " and " + (lower.size() - 4) + " more" : ""), h.span())
          .hint("budget = period is a round-robin time slice the kernel does not limit: if '"
              + h.name() + "' does not block, lower priorities never run; a budget below the"
              + " period bounds it")
          .report();
    }
  }
}
