// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.system.Board;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Domains;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * CAmkES domains → Microkit {@code <domains>} (MAPPING.md: {@code inst._domain} is the PD's
 * domain in the microkit dialect; otherwise reported). Every PD gets a domain (CAmkES puts
 * instances without {@code _domain} in domain 0, and Microkit requires the attribute once
 * {@code <domains>} exists). The schedule is the project's {@code ksDomSchedule} translated to
 * microseconds, or a round robin over the used domains.
 */
final class DomainRule {
  private DomainRule() {}

  /** One kernel tick of the round robin, in microseconds (seL4's default KernelTimerTickMS). */
  static final long ROUND_ROBIN_US = KernelSchedule.DEFAULT_TICK_MS * 1000;

  static void apply(Context ctx) {
    Map<PdPlan, Long> explicit = new LinkedHashMap<>();
    Map<PdPlan, SourceSpan> spans = new LinkedHashMap<>();
    for (PdPlan pd : ctx.plan.pds()) {
      SourceSpan at = ctx.instanceSpan(pd.instance);
      String attr = ctx.model.setting(pd.instance, "_domain").isPresent() ? "_domain" : "domain";
      Long d = ctx.longSetting(pd.instance, attr, at);
      if (d == null) continue;
      explicit.put(pd, d);
      spans.put(pd, ctx.settingSpan(pd.instance, attr, at));
    }
    if (explicit.isEmpty() && ctx.model.schedule().isEmpty()) return;
    if (ctx.options.dialect() != Dialect.MICROKIT) {
      scheduleNotExpressed(ctx, "not expressed: " + ctx.options.dialect() + " has no domains",
          "use --dialect microkit, which writes it as the <domain_schedule>");
      for (var e : explicit.entrySet()) {
        ctx.report.add("instance " + e.getKey().instance + "._domain = " + e.getValue(),
            Kind.MANUAL, "not expressed: " + ctx.options.dialect() + " has no domains (PD '"
                + e.getKey().name + "' runs in domain 0 with every other PD)",
            "a PD cannot name a domain in " + ctx.options.dialect() + ", and its SDK's kernel"
                + " has one domain; to keep the partitioning use --dialect microkit on a"
                + " single-core board, which declares <domains>, a <domain_schedule> and"
                + " domain=\"domain_" + e.getValue() + "\" on the PD; otherwise drop the setting",
            spans.get(e.getKey()));
      }
      return;
    }
    Board board = ctx.options.board();
    if (board.cores() != 1) {
      SourceSpan first = explicit.isEmpty() ? ctx.model.schedule().get(0).span()
          : spans.values().iterator().next();
      ctx.warning(Code.MIG107, "board '" + board.name() + "' has " + board.cores() + " cores;"
          + " Microkit's domain scheduler is not supported in multicore builds, so no <domains>"
          + " are generated", first, "use a single-core board to keep the CAmkES domains");
      scheduleNotExpressed(ctx, "not expressed: multicore board " + board.name(),
          "the domain scheduler needs a single-core build");
      for (var e : explicit.entrySet()) {
        ctx.report.add("instance " + e.getKey().instance + "._domain = " + e.getValue(),
            Kind.MANUAL, "not expressed: multicore board " + board.name(),
            "the domain scheduler needs a single-core build", spans.get(e.getKey()));
      }
      return;
    }
    boolean bad = false;
    for (var e : explicit.entrySet()) {
      long d = e.getValue();
      if (d < 0 || d >= board.numDomains()) {
        ctx.error(Code.MIG013, "instance '" + e.getKey().instance + "' is in domain " + d
            + ", but board '" + board.name() + "' has " + board.numDomains() + " domains (ids 0.."
            + (board.numDomains() - 1) + ")", spans.get(e.getKey()), "renumber the domains or"
            + " pick a board configured with more (KernelNumDomains)");
        bad = true;
      }
    }
    if (bad) return;
    TreeSet<Long> used = new TreeSet<>();
    for (PdPlan pd : ctx.plan.pds()) {
      long d = explicit.getOrDefault(pd, 0L);
      used.add(d);
      pd.domain = name(d);
      ctx.report.add("instance " + pd.instance + "._domain = " + d
              + (explicit.containsKey(pd) ? "" : " (CAmkES default)"), Kind.EXACT,
          "domain=\"" + pd.domain + "\" of PD '" + pd.name + "'", "",
          spans.getOrDefault(pd, ctx.instanceSpan(pd.instance)));
    }
    KernelSchedule ks = KernelSchedule.find(ctx.options.appDir());
    SourceSpan at = explicit.isEmpty() ? ctx.model.schedule().get(0).span()
        : spans.values().iterator().next();
    List<Domains.ScheduleEntry> schedule = !ctx.model.schedule().isEmpty()
        ? assembly(ctx, ks, used, at)
        : ks.file() != null && !ks.entries().isEmpty() ? translate(ctx, ks, used, at)
        : roundRobin(ctx, ks, used, at);
    if (schedule == null) return;
    if (schedule.size() >= board.numDomainSchedules()) {
      ctx.error(Code.MIG013, "the domain schedule has " + schedule.size() + " entries; board '"
          + board.name() + "' allows fewer than " + board.numDomainSchedules()
          + " (KernelNumDomainSchedules)", at, "shorten the schedule");
      return;
    }
    for (PdPlan pd : ctx.plan.pds()) {
      if (schedule.stream().noneMatch(s -> s.domain().equals(pd.domain))) {
        ctx.warning(Code.MIG107, "PD '" + pd.name + "' is in " + pd.domain + ", which the"
            + " kernel domain schedule never runs", spans.getOrDefault(pd, at),
            "add the domain to the schedule, or move the instance to a scheduled domain");
      }
    }
    List<Domains.Domain> domains = new ArrayList<>();
    for (long d : used) domains.add(new Domains.Domain(name(d), d, null));
    ctx.plan.domains = new Domains(domains, schedule, 0, 0, null);
  }

  private static void scheduleNotExpressed(Context ctx, String result, String todo) {
    if (ctx.model.schedule().isEmpty()) return;
    ctx.report.add("assembly schedule", Kind.MANUAL, result, todo,
        ctx.model.schedule().get(0).span());
  }

  static String name(long id) {
    return "domain_" + id;
  }

  /** The assembly's {@code schedule}: same kernel, same units, entry by entry. */
  private static List<Domains.ScheduleEntry> assembly(Context ctx, KernelSchedule ks,
      TreeSet<Long> used, SourceSpan at) {
    List<Domains.ScheduleEntry> out = new ArrayList<>();
    SourceSpan first = ctx.model.schedule().get(0).span();
    for (CamkesModel.ScheduleEntry e : ctx.model.schedule()) {
      if (e.domain() < 0 || e.domain() >= ctx.options.board().numDomains()) {
        ctx.error(Code.MIG013, "the assembly's schedule runs domain " + e.domain() + ", but"
            + " board '" + ctx.options.board().name() + "' has "
            + ctx.options.board().numDomains() + " domains", e.span(), null);
        return null;
      }
      if (e.duration() <= 0) {
        ctx.error(Code.MIG013, "the assembly's schedule gives domain " + e.domain()
            + " a duration of " + e.duration() + "; Microkit durations must be non-zero",
            e.span(), null);
        return null;
      }
      used.add(e.domain());
      out.add(new Domains.ScheduleEntry(name(e.domain()), e.duration(), e.unit(), false, null));
    }
    ctx.report.add("assembly schedule", Kind.EXACT, "<domain_schedule> of " + out.size()
        + " entries, durations in the same units (us, or the kernel's timer ticks)",
        ks.file() == null ? "" : Report.relative(ctx.options.appDir(), ks.file().toString())
            + " is not used: the assembly's schedule takes its place", first);
    return out;
  }

  private static List<Domains.ScheduleEntry> translate(Context ctx, KernelSchedule ks,
      TreeSet<Long> used, SourceSpan at) {
    String file = Report.relative(ctx.options.appDir(), ks.file().toString());
    for (String p : ks.problems()) {
      ctx.warning(Code.MIG107, file + ": " + p, at, "check the <domain_schedule> against the"
          + " kernel's");
    }
    List<Domains.ScheduleEntry> out = new ArrayList<>();
    for (KernelSchedule.Entry e : ks.entries()) {
      if (e.domain() < 0 || e.domain() >= ctx.options.board().numDomains()) {
        ctx.error(Code.MIG013, file + ": ksDomSchedule runs domain " + e.domain() + ", but board '"
            + ctx.options.board().name() + "' has " + ctx.options.board().numDomains()
            + " domains", at, null);
        return null;
      }
      if (e.length() <= 0) {
        ctx.error(Code.MIG013, file + ": ksDomSchedule entry for domain " + e.domain()
            + " has length " + e.length() + "; Microkit durations must be non-zero", at, null);
        return null;
      }
      used.add(e.domain());
      out.add(new Domains.ScheduleEntry(name(e.domain()), microseconds(ks, e.length()), "us",
          false, null));
    }
    String unit = ks.mcs() ? "milliseconds (KernelIsMCS ON)" : "kernel ticks of "
        + ks.tickMs() + " ms (KernelTimerTickMS" + (ks.tickMs() == KernelSchedule.DEFAULT_TICK_MS
        ? ", seL4's default" : "") + ")";
    ctx.report.add("kernel domain schedule " + file, Kind.APPROXIMATE,
        "<domain_schedule> of " + out.size() + " entries in microseconds, lengths read as "
            + unit, "check the durations: the unit of ksDomSchedule lengths depends on the seL4"
            + " version and configuration; Microkit counts microseconds", at);
    return out;
  }

  private static long microseconds(KernelSchedule ks, long length) {
    return ks.mcs() ? length * 1000 : length * ks.tickMs() * 1000;
  }

  private static List<Domains.ScheduleEntry> roundRobin(Context ctx, KernelSchedule ks,
      TreeSet<Long> used, SourceSpan at) {
    for (String p : ks.problems()) {
      ctx.warning(Code.MIG107, p, at, "the domain schedule is a round robin instead");
    }
    List<Domains.ScheduleEntry> out = new ArrayList<>();
    for (long d : used) {
      out.add(new Domains.ScheduleEntry(name(d), ROUND_ROBIN_US, "us", false, null));
    }
    ctx.report.add("domain schedule (none in the project)", Kind.APPROXIMATE,
        "round robin over " + used.size() + " domains, " + ROUND_ROBIN_US + " us each",
        "no domain_schedule.c or KernelDomainSchedule was found: write the <domain_schedule>"
            + " the system needs", at);
    return out;
  }
}
