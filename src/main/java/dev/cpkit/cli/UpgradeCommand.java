// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.sdf.DialectConverter;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.sdf.SdfComments;
import dev.cpkit.sdf.SdfWriter;
import dev.cpkit.system.Dialect;
import dev.cpkit.upgrade.CSourceUpgrader;
import dev.cpkit.upgrade.UpgradeReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpkit upgrade}: a sel4cp project (SDF and C) moved to a Microkit release. */
@Command(
    name = "upgrade",
    mixinStandardHelpOptions = true,
    description = {
      "Move a sel4cp project to Microkit: the system description to the microkit dialect of"
          + " the --to release (with the breaking changes of every release on the way), and"
          + " C sources from sel4cp_* / sel4cp.h to microkit_* / microkit.h. Writes them under"
          + " DIR with DIR/upgrade-report.md listing what needs a person.",
      "Nothing is written when the system cannot be expressed in Microkit (exit 1).",
      "The same converter serves 'cpkit fmt --dialect microkit'."
    })
final class UpgradeCommand implements Callable<Integer> {

  @Mixin SdfOptions sdf;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
      description = "Directory to write into (created if missing).")
  Path output;

  @Option(names = "--to", paramLabel = "microkit-VERSION", defaultValue = "microkit-2.3.0",
      description = "Target release: microkit-2.0.0, -2.0.1, -2.1.0, -2.2.0 or -2.3.0"
          + " (default, the latest).")
  String to;

  @Option(names = "--from-release", paramLabel = "microkit-VERSION",
      description = "With --dialect microkit: the release the system was written for.")
  String fromRelease;

  @Option(names = "--message-format", paramLabel = "FORMAT", defaultValue = "human",
      description = "human (default), json.")
  MessageFormat format;

  @Parameters(index = "0", paramLabel = "SYSTEM", description = "System description file.")
  Path file;

  @Parameters(index = "1..*", paramLabel = "SOURCES", description = "C sources and headers.")
  List<Path> sources = new ArrayList<>();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DialectConverter.Release target = release(to, "--to");
    Sdf.Options options = sdf.options(spec.commandLine());
    DialectConverter.Release from = null;
    if (options.dialect() == Dialect.MICROKIT) {
      if (fromRelease == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "a microkit system needs"
            + " --from-release, the release it was written for");
      }
      from = release(fromRelease, "--from-release");
      if (from.atLeast(target)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--from-release " + from
            + " is not older than --to " + target);
      }
    } else if (fromRelease != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--from-release applies to"
          + " microkit systems only");
    }
    Map<Path, Path> destinations = destinations();

    Sdf.Result parsed = HeadersCommand.load(file, options, format, out, err);
    if (parsed == null) return Main.INPUT_ERRORS;
    var board = dev.cpkit.system.BoardTable.get().defaultBoard(Dialect.MICROKIT);
    DialectConverter.Result converted = DialectConverter.upgrade(parsed.system(), from, target,
        board);
    List<Diagnostic> report = new ArrayList<>(converted.report());
    if (!converted.ok()) {
      List<Diagnostic> shown = new ArrayList<>(parsed.diagnostics());
      shown.addAll(report);
      format.print(shown, Dialect.MICROKIT.locationStyle(), out, err);
      err.println("cpkit: the system cannot be upgraded as it is; nothing was written");
      err.flush();
      return Main.INPUT_ERRORS;
    }
    String sdfText = SdfWriter.write(converted.system(), Dialect.MICROKIT,
        SdfComments.collect(parsed.file().text()));
    report.addAll(recheck(sdfText, target));

    Map<Path, String> files = new LinkedHashMap<>();
    files.put(output.resolve(file.getFileName()), sdfText);
    for (Path src : sources) {
      SourceFile f = LintCCommand.readSource(src, true);
      CSourceUpgrader.Result r = CSourceUpgrader.upgrade(f);
      report.addAll(r.report());
      files.put(destinations.get(src), r.text());
    }
    String reportText = UpgradeReport.render(file.getFileName().toString(), target.toString(),
        report);
    files.put(output.resolve("upgrade-report.md"), reportText);
    for (Map.Entry<Path, String> e : files.entrySet()) write(e.getKey(), e.getValue());

    List<Diagnostic> shown = new ArrayList<>(parsed.diagnostics());
    shown.addAll(report);
    format.print(shown.stream().filter(d -> d.severity() != dev.cpkit.diag.Severity.NOTE)
        .toList(), Dialect.MICROKIT.locationStyle(), out, err);
    long person = report.stream().filter(d -> d.severity() != dev.cpkit.diag.Severity.NOTE)
        .count();
    if (format == MessageFormat.human) {
      out.println("upgraded to " + target + " in " + output + ": " + (files.size() - 1)
          + " file" + (files.size() == 2 ? "" : "s") + "; " + person + " item"
          + (person == 1 ? "" : "s") + " need" + (person == 1 ? "s" : "") + " a person (see "
          + output.resolve("upgrade-report.md") + ")");
      out.flush();
    }
    return Main.OK;
  }

  /**
   * The upgraded SDF must be valid Microkit. cpkit's Microkit reader follows the latest
   * release; older targets are not re-checked.
   */
  private List<Diagnostic> recheck(String sdfText, DialectConverter.Release target) {
    if (target != DialectConverter.Release.LATEST) return List.of();
    Sdf.Result again = Sdf.check(output.resolve(file.getFileName()).toString(),
        sdfText.getBytes(StandardCharsets.UTF_8), Sdf.Options.of(Dialect.MICROKIT));
    if (!again.ok()) {
      List<Diagnostic> why = new ArrayList<>(again.diagnostics());
      throw new CliException(Main.INTERNAL, "the upgraded system is not valid Microkit ("
          + why.get(0).message() + "); nothing was written. This is a bug in cpkit.");
    }
    return again.diagnostics();
  }

  private DialectConverter.Release release(String s, String option) {
    DialectConverter.Release r = DialectConverter.Release.parse(s);
    if (r == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "unknown release '" + s
          + "' for " + option + " (known: " + String.join(", ", Arrays.stream(
              DialectConverter.Release.values()).map(Object::toString).toList()) + ")");
    }
    return r;
  }

  /**
   * Where each source goes: its path relative to the SDF's directory when it lies below it,
   * otherwise its file name; always inside DIR, never two sources on one file.
   */
  private Map<Path, Path> destinations() {
    Path base = file.toAbsolutePath().normalize().getParent();
    Path dir = output.toAbsolutePath().normalize();
    Map<Path, Path> out = new LinkedHashMap<>();
    Map<Path, Path> taken = new HashMap<>();
    taken.put(dir.resolve(file.getFileName()), file);
    taken.put(dir.resolve("upgrade-report.md"), file);
    for (Path src : sources) {
      Path abs = src.toAbsolutePath().normalize();
      Path rel = abs.startsWith(base) ? base.relativize(abs) : abs.getFileName();
      Path dest = dir.resolve(rel).normalize();
      if (!dest.startsWith(dir) || dest.equals(dir)) dest = dir.resolve(abs.getFileName());
      Path prev = taken.putIfAbsent(dest, src);
      if (prev != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "'" + src + "' and '"
            + prev + "' would both be written to '" + dest + "'");
      }
      out.put(src, dest);
    }
    return out;
  }

  private static void write(Path dest, String text) {
    try {
      Path parent = dest.toAbsolutePath().getParent();
      if (Files.exists(parent) && !Files.isDirectory(parent)) {
        throw new CliException(Main.IO_ERROR, "'" + parent + "' exists and is not a directory");
      }
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".cpkit-", ".tmp");
      try {
        Files.writeString(tmp, text);
        Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CliException(Main.IO_ERROR, "cannot write '" + dest + "': "
          + SdfOptions.describe(e));
    }
  }
}
