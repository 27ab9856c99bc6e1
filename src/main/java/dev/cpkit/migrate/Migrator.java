// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.sdf.SdfWriter;
import dev.cpkit.system.SystemDescription;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CAmkES model in, seL4CP plan and system description out (no files: see {@link Project}).
 * Steps: instances → PDs; VMs; thread attributes; connections, one rule per connector family;
 * component features; priorities from the RPC graph; every setting not used is reported.
 */
public final class Migrator {
  private Migrator() {}

  /**
   * The outcome. {@code system} and {@code sdf} are null when there are errors.
   *
   * @param sdf the system description text, already checked with {@code cpkit check}
   */
  public record Result(Plan plan, SystemDescription system, String sdf, Report report,
      List<Diagnostic> diagnostics, CamkesModel model, MigrateOptions options) {
    public boolean ok() {
      return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
  }

  public static Result migrate(CamkesModel model, MigrateOptions options) {
    Context ctx = new Context(model, options);
    createPds(ctx);
    for (PdPlan pd : ctx.plan.pds()) {
      if (VmRule.isVm(pd.type)) VmRule.apply(ctx, pd);
    }
    for (PdPlan pd : ctx.plan.pds()) ThreadAttributes.apply(ctx, pd);
    Set<String> connected = new HashSet<>();
    for (CamkesModel.Connection c : model.connections()) {
      for (CamkesModel.End e : c.from()) connected.add(e.toString());
      for (CamkesModel.End e : c.to()) connected.add(e.toString());
      ConnectionRule rule = ConnectionRules.of(c.connector());
      if (rule == null) {
        ctx.error(Code.MIG002, "connection '" + c.name() + "' uses connector '" + c.connector()
            + "', which cpkit cannot migrate", c.span(), "supported connectors are listed in"
            + " docs/migrate.md; replace it with seL4RPCCall, seL4Notification or seL4SharedData,"
            + " or migrate this connection by hand");
        continue;
      }
      rule.apply(ctx, c);
    }
    for (PdPlan pd : ctx.plan.pds()) ComponentFeatures.apply(ctx, pd, connected);
    PriorityDeriver.apply(ctx);
    unusedSettings(ctx);
    if (ctx.sink.hasErrors()) {
      return new Result(ctx.plan, null, null, ctx.report, ctx.sink.diagnostics(), model, options);
    }
    SystemDescription system = SdfBuilder.build(ctx.plan, options);
    String sdf = SdfWriter.write(system, options.dialect());
    Sdf.Result check = Sdf.check(options.appName() + ".system",
        sdf.getBytes(StandardCharsets.UTF_8), new Sdf.Options(options.dialect(), options.board(),
            List.of()));
    for (Diagnostic d : check.diagnostics()) {
      if (d.isError()) {
        ctx.error(Code.MIG010, "the generated system description fails the " + options.dialect()
            + " check: " + d.message() + " (this is a bug in cpkit migrate; please report it)",
            null, null);
      }
    }
    if (ctx.sink.hasErrors()) {
      return new Result(ctx.plan, null, null, ctx.report, ctx.sink.diagnostics(), model, options);
    }
    return new Result(ctx.plan, system, sdf, ctx.report, ctx.sink.diagnostics(), model, options);
  }

  /**
   * Instances become PDs, except hardware components (they describe devices) and the
   * VirtQueueInit-style instances that only anchor seL4VirtQueues connections.
   */
  private static void createPds(Context ctx) {
    Set<String> vqAnchors = new HashSet<>();
    Set<String> elsewhere = new HashSet<>();
    for (CamkesModel.Connection c : ctx.model.connections()) {
      boolean vq = c.connector().equals("seL4VirtQueues");
      for (CamkesModel.End e : c.to()) (vq ? vqAnchors : elsewhere).add(e.instance());
      for (CamkesModel.End e : c.from()) elsewhere.add(e.instance());
    }
    Set<String> names = new HashSet<>();
    for (CamkesModel.Instance inst : ctx.model.instances()) {
      CamkesModel.ComponentType t = ctx.model.componentType(inst.type()).orElse(null);
      if (t == null) continue;
      if (t.hardware()) {
        ctx.report.add("hardware component " + t.name() + " " + inst.name(), Kind.EXACT,
            "no protection domain: its devices become memory regions and irqs of the drivers",
            "", inst.span());
        continue;
      }
      if (vqAnchors.contains(inst.name()) && !elsewhere.contains(inst.name())) continue;
      String name = Names.shorten(Names.identifier(inst.name()), ctx.options.nameLimit());
      for (int i = 2; !names.add(name); i++) {
        name = Names.shorten(Names.identifier(inst.name()) + "_" + i, ctx.options.nameLimit());
      }
      ctx.plan.pdsByInstance.put(inst.name(), new PdPlan(inst.name(), name, t));
    }
  }

  /** Nothing is dropped silently: explicit settings no rule used are listed as manual. */
  private static void unusedSettings(Context ctx) {
    for (CamkesModel.Setting s : ctx.model.settings()) {
      if (s.source() == CamkesModel.SettingSource.DEFAULT || ctx.isUsed(s)) continue;
      boolean hardware = ctx.model.instance(s.target()).flatMap(i -> ctx.model.componentType(
          i.type())).map(CamkesModel.ComponentType::hardware).orElse(false);
      ctx.report.add("setting " + s.target() + "." + s.attribute() + " = "
          + dev.cpkit.camkes.Value.show(s.value()), Kind.MANUAL, "not used",
          hardware ? "a hardware setting no connection needed: check the device's regions and"
              + " irqs" : "no seL4CP equivalent: drop it, or carry the value into the"
              + " component's code", s.span());
    }
  }
}
