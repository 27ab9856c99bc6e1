// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.analysis.Analysis;
import dev.cpkit.analysis.BoardMemory;
import dev.cpkit.analysis.JsonReport;
import dev.cpkit.analysis.Report;
import dev.cpkit.analysis.SarifReport;
import dev.cpkit.analysis.SdkBuild;
import dev.cpkit.analysis.SdkKit;
import dev.cpkit.image.BuildException;
import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import dev.cpkit.analysis.TextReport;
import dev.cpkit.diag.HumanRenderer;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.lint.CLint;
import dev.cpkit.lint.PdCode;
import dev.cpkit.system.SystemDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.cpkit.diag.Severity;
import dev.cpkit.sdf.Sdf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpkit analyse}: what the reference tool lets through, and memory and capacity. */
@Command(
    name = "analyse",
    aliases = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Analyse a valid system: protected-call priorities and cycles, passive PDs that never"
          + " run, MCS budgets, overlapping / writable+executable / wrongly cached maps,"
          + " least privilege, memory use with a physical memory map, and capacity.",
      "Given the PDs' C code (--pd NAME SOURCES or --map FILE, as for lint-c), also regions"
          + " mapped writable but only read, channels never used and irqs never acked.",
      "Codes ANA001.. are explained in docs/analysis.md.",
      "Exit status: 0 no finding at or above --fail-on (default: error), 1 such findings or"
          + " the system has errors, 2 usage, 3 I/O."
    })
final class AnalyseCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    sarif
  }

  enum FailOn {
    error,
    warning,
    never
  }

  @Mixin SdfOptions sdf;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), json (one object), sarif (SARIF 2.1.0 for code scanning).")
  Format format;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
      description = "error (default): exit 1 when there are errors; warning: also on warnings;"
          + " never: exit 0 whatever is found (the system must still be valid).")
  FailOn failOn;

  @Option(names = "--ram", paramLabel = "BASE+SIZE",
      description = "The board's RAM ranges, e.g. 0x40000000+0x80000000, when cpkit does not"
          + " know them or they differ; repeat it or separate ranges with commas.")
  List<String> ram = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report here instead of standard output.")
  Path output;

  @Option(names = "--sdk", paramLabel = "DIR",
      description = "A sel4cp SDK (sel4cp-dev: the fork's, with config.json; not Microkit),"
          + " with --board (its board folder) and --config: the memory map takes RAM and the"
          + " kernel image from its sel4.elf and, when the program images are found (current"
          + " directory, then --search-path, as cpkit build), shows what the image builder"
          + " places: invocation table, PD images, monitor, kernel objects, free RAM.")
  Path sdkDir;

  @Option(names = "--config", paramLabel = "CONFIG",
      description = "The SDK configuration of the board (debug, release); with --sdk.")
  String sdkConfig;

  @Mixin LintCCommand.CSources code;

  @Parameters(index = "0", paramLabel = "FILE", description = "System description file.")
  Path file;

  @Parameters(index = "1..*", paramLabel = "SOURCES", description = "C sources of --pd, for"
      + " the least-privilege checks that need code (ANA304-ANA306).")
  List<Path> sources = new ArrayList<>();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    code.validate(spec.commandLine(), sources);
    CLint.Options lintOptions = code.lintOptions(spec.commandLine());
    SdkKit kit = openSdk();
    Sdf.Options options = kit == null ? sdf.options(spec.commandLine()) : sdkOptions(kit);
    BoardMemory.Ram ramGiven = parseRam(options.board().name());
    byte[] bytes = SdfOptions.read(file, options.dialect());
    Sdf.Result checked = Sdf.check(file.toString(), bytes, options);
    Report report;
    if (!checked.ok()) {
      report = Report.invalid(file.toString(), checked.diagnostics().stream()
          .filter(d -> d.isError()).toList());
      if (format == Format.text) {
        spec.commandLine().getErr().print(new HumanRenderer(true).render(report.findings()));
        spec.commandLine().getErr().println("cpkit: '" + file + "' is not a valid "
            + options.dialect() + " system description; nothing was analysed");
        spec.commandLine().getErr().flush();
        return Main.INPUT_ERRORS;
      }
    } else {
      List<Path> dirs = new ArrayList<>(options.searchPaths());
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) dirs.add(parent);
      Analysis.Options ao = new Analysis.Options(dirs, ramGiven,
          code(checked.system(), lintOptions));
      if (kit != null) {
        // program images are looked up as cpkit build does: current directory, search paths
        List<Path> buildDirs = new ArrayList<>();
        buildDirs.add(Path.of("").toAbsolutePath());
        buildDirs.addAll(sdf.searchPaths);
        ao = ao.withSdk(SdkBuild.of(kit, checked.system(), buildDirs));
      }
      report = Analysis.run(file.toString(), checked.system(), ao);
    }
    String text = switch (format) {
      case text -> TextReport.render(report);
      case json -> JsonReport.render(report);
      case sarif -> SarifReport.render(report, new Main.Version().getVersion()[0]
          .replace("cpkit ", ""));
    };
    SystemInput.emit(text, output, spec.commandLine().getOut());
    if (report.system() == null) return Main.INPUT_ERRORS;
    boolean fail = switch (failOn) {
      case error -> report.count(Severity.ERROR) > 0;
      case warning -> report.count(Severity.ERROR) + report.count(Severity.WARNING) > 0;
      case never -> false;
    };
    return fail ? Main.INPUT_ERRORS : Main.OK;
  }

  /** The SDK of --sdk, --board and --config, or null without --sdk. */
  private SdkKit openSdk() {
    if (sdkDir == null) {
      if (sdkConfig != null) throw usage("--config is for --sdk; give the SDK too");
      return null;
    }
    if ("microkit".equals(sdf.dialect)) {
      throw usage("--sdk reads sel4cp SDKs (--dialect sel4cp or sel4cp-dev), not Microkit's");
    }
    if (sdf.board == null || sdkConfig == null) {
      throw usage("--sdk needs --board (a board folder of the SDK) and --config (debug,"
          + " release...), as cpkit build does");
    }
    try {
      return SdkKit.open(sdkDir, sdf.board, sdkConfig, "sel4cp-dev".equals(sdf.dialect));
    } catch (BuildException e) {
      throw new CliException(e.isUsage() ? Main.USAGE : Main.INPUT_ERRORS, "--sdk: " + e.code()
          + ": " + e.getMessage());
    }
  }

  /**
   * The check's options with an SDK: the board is the SDK's (sel4cp checks no board facts;
   * the fork's come from config.json), named as the SDK's board folder.
   */
  private Sdf.Options sdkOptions(SdkKit kit) {
    String name = sdf.board;
    Dialect d = Dialect.byId(sdf.dialect);
    if (d != null && BoardTable.get().board(d, name) == null) sdf.board = null;
    Sdf.Options o;
    try {
      o = sdf.options(spec.commandLine());
    } finally {
      sdf.board = name;
    }
    Board b = o.board().name().equals(name) ? o.board() : o.board().with(Map.of("name", name));
    b = kit.board(b, name);
    return new Sdf.Options(o.dialect(), b, o.searchPaths(), o.findProgramImages(), o.lint());
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** The PDs' C code, read as lint-c reads it; empty when none was given. */
  private Map<String, PdCode> code(SystemDescription system, CLint.Options lintOptions) {
    Map<String, PdCode> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<SourceFile>> e : code.read(sources).entrySet()) {
      try {
        out.put(e.getKey(), PdCode.load(system, e.getKey(), e.getValue(), lintOptions));
      } catch (IllegalArgumentException ex) {
        throw new CliException(Main.INPUT_ERRORS, ex.getMessage());
      }
    }
    return out;
  }

  private BoardMemory.Ram parseRam(String board) {
    if (ram.isEmpty()) return null;
    List<BoardMemory.Range> ranges = new ArrayList<>();
    for (String r : ram) {
      for (String part : r.split(",")) {
        String[] bs = part.trim().split("\\+");
        try {
          if (bs.length != 2) throw new NumberFormatException();
          long base = Long.decode(bs[0].trim().replace("_", ""));
          long size = Long.decode(bs[1].trim().replace("_", ""));
          if (base < 0 || size <= 0) throw new NumberFormatException();
          ranges.add(new BoardMemory.Range(base, size));
        } catch (NumberFormatException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--ram: expected"
              + " BASE+SIZE such as 0x40000000+0x80000000, not '" + part.trim() + "'");
        }
      }
    }
    return new BoardMemory.Ram(board, ranges, "RAM given with --ram");
  }
}
