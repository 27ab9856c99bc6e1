// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.camkes.CamkesFrontEnd;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.ReferenceText;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.migrate.Code;
import dev.cpkit.migrate.MigrateOptions;
import dev.cpkit.migrate.Migrator;
import dev.cpkit.migrate.OutputTree;
import dev.cpkit.migrate.Project;
import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cpkit migrate APP.camkes -o OUT}: a CAmkES project in, a seL4CP project out. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Migrate a CAmkES application to a seL4CP (or Microkit) project.")
public final class MigrateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "APP.camkes", description = "the top-level .camkes file")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
      description = "output directory")
  Path out;

  @Option(names = "-I", paramLabel = "DIR", description = "cpp include directory (also searched by import <...>)")
  List<Path> includeDirs = new ArrayList<>();

  @Option(names = "-D", paramLabel = "NAME[=VALUE]", description = "define a cpp macro")
  List<String> defines = new ArrayList<>();

  @Option(names = "--import-path", paramLabel = "DIR", description = "directory searched first by import <...>")
  List<Path> importPath = new ArrayList<>();

  @Option(names = "--dialect", paramLabel = "sel4cp|sel4cp-dev|microkit",
      description = "dialect of the output (default: ${DEFAULT-VALUE})")
  String dialect = "sel4cp";

  @Option(names = "--board", paramLabel = "NAME", description = "board (default: the dialect's)")
  String board;

  @Option(names = "--dts", paramLabel = "FILE", description = "device tree source (compiled with dtc) answering dtb(...) queries: seL4DTBHardware devices and VM passthrough become memory regions and irqs")
  Path dts;

  @Option(names = "--dtb", paramLabel = "FILE", description = "device tree blob, as --dts without dtc")
  Path dtb;

  @Option(names = "--sources", paramLabel = "Type=FILE,...", description = "C sources of a component type (overrides CMakeLists.txt and components/<Type>/src)")
  List<String> sources = new ArrayList<>();

  @Option(names = "--report-format", paramLabel = "md|json", description = "MIGRATION.md or MIGRATION.json (default: ${DEFAULT-VALUE})")
  String reportFormat = "md";

  @Option(names = "--fix-priorities", description = "raise server priorities that break the protected-call rule")
  boolean fixPriorities;

  @Option(names = "--passive-servers", description = "make RPC servers without control passive")
  boolean passiveServers;

  @Option(names = "--force", description = "overwrite files cpkit migrate did not write")
  boolean force;

  @Option(names = "--message-format", paramLabel = "human|json", description = "diagnostic format (default: ${DEFAULT-VALUE})")
  MessageFormat messageFormat = MessageFormat.human;

  @Option(names = "--debug", hidden = true)
  boolean debug;

  @Override
  public Integer call() throws IOException {
    Dialect d = Dialect.byId(dialect);
    if (d == null) throw usage("unknown dialect '" + dialect + "' (sel4cp, sel4cp-dev, microkit)");
    Board b = board == null ? BoardTable.get().defaultBoard(d) : BoardTable.get().board(d, board);
    if (b == null) {
      throw usage("unknown board '" + board + "' for dialect " + d + " (known: "
          + String.join(", ", BoardTable.get().names(d)) + ")");
    }
    Project.ReportFormat rf = switch (reportFormat) {
      case "md" -> Project.ReportFormat.MD;
      case "json" -> Project.ReportFormat.JSON;
      default -> throw usage("--report-format must be md or json");
    };
    if (!Files.isRegularFile(file)) throw new CliException(Main.IO_ERROR, "cannot read '" + file + "'");
    String fileName = file.getFileName().toString();
    String app = fileName.endsWith(".camkes") ? fileName.substring(0, fileName.length() - 7) : fileName;
    Path appDir = file.toAbsolutePath().normalize().getParent();
    MigrateOptions options = new MigrateOptions(app, appDir, d, b, fixPriorities, passiveServers,
        sourceMap(appDir));
    if (dts != null && dtb != null) throw usage("give --dts or --dtb, not both");
    CamkesFrontEnd.DeviceTree tree = dts != null ? CamkesFrontEnd.DeviceTree.source(dts)
        : dtb != null ? CamkesFrontEnd.DeviceTree.blob(dtb) : null;
    CamkesFrontEnd.Result loaded = CamkesFrontEnd.load(file, new CamkesFrontEnd.Options(
        includeDirs, defineMap(), importPath, CamkesFrontEnd.CppMode.BUILTIN, "cpp", tree));
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter e = spec.commandLine().getErr();
    List<Diagnostic> diags = new ArrayList<>(loaded.diagnostics());
    if (!loaded.ok()) {
      diags.add(error(file, Code.MIG001, "the CAmkES application has errors; nothing was written"));
      return report(diags, o, e, Main.INPUT_ERRORS);
    }
    Migrator.Result r = Migrator.migrate(loaded.model(), options);
    diags.addAll(r.diagnostics());
    if (!r.ok()) return report(diags, o, e, Main.INPUT_ERRORS);
    Project.Files files = Project.build(r, rf);
    diags.addAll(files.diagnostics());
    if (files.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      return report(diags, o, e, Main.INPUT_ERRORS);
    }
    if (!force) {
      List<String> conflicts = OutputTree.conflicts(out, files.files());
      if (!conflicts.isEmpty()) {
        diags.add(error(out, Code.MIG011, "'" + out + "' has files cpkit migrate did not write (or"
            + " that were edited since): " + String.join(", ", conflicts) + "; nothing was"
            + " written (use --force to overwrite them)"));
        return report(diags, o, e, Main.INPUT_ERRORS);
      }
    }
    try {
      OutputTree.write(out, files.files());
    } catch (IOException ex) {
      throw new CliException(Main.IO_ERROR, "cannot write '" + out + "': " + ex.getMessage());
    }
    report(diags, o, e, Main.OK);
    var counts = r.report().counts();
    o.println("migrated " + fileName + " to " + out + " (" + r.plan().pds().size()
        + " protection domains; " + counts.get(dev.cpkit.migrate.Kind.EXACT) + " exact, "
        + counts.get(dev.cpkit.migrate.Kind.APPROXIMATE) + " approximate, "
        + counts.get(dev.cpkit.migrate.Kind.MANUAL) + " manual: see "
        + (rf == Project.ReportFormat.JSON ? "MIGRATION.json" : "MIGRATION.md") + ")");
    o.flush();
    return Main.OK;
  }

  private int report(List<Diagnostic> diags, PrintWriter o, PrintWriter e, int code) {
    messageFormat.print(diags, ReferenceText.LocationStyle.PYTHON, o, e);
    return code;
  }

  private static Diagnostic error(Path where, Code code, String message) {
    return new Diagnostic(Severity.ERROR, code.name(), message, SourceSpan.none(where.toString()),
        List.of(), null);
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private Map<String, String> defineMap() {
    Map<String, String> defs = new LinkedHashMap<>();
    for (String d : defines) {
      int eq = d.indexOf('=');
      String name = eq < 0 ? d : d.substring(0, eq);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw usage("invalid macro name in -D " + d);
      defs.put(name, eq < 0 ? "1" : d.substring(eq + 1));
    }
    return defs;
  }

  private Map<String, List<Path>> sourceMap(Path appDir) {
    Map<String, List<Path>> m = new LinkedHashMap<>();
    for (String s : sources) {
      int eq = s.indexOf('=');
      if (eq <= 0) throw usage("--sources wants Type=FILE,..., not '" + s + "'");
      List<Path> files = new ArrayList<>();
      for (String f : s.substring(eq + 1).split(",")) {
        if (f.isBlank()) continue;
        Path p = Path.of(f);
        if (!p.isAbsolute() && !Files.exists(p)) p = appDir.resolve(f);
        if (!Files.isRegularFile(p)) throw new CliException(Main.IO_ERROR, "cannot read '" + f + "'");
        files.add(p.toAbsolutePath().normalize());
      }
      m.computeIfAbsent(s.substring(0, eq), k -> new ArrayList<>()).addAll(files);
    }
    return m;
  }
}
