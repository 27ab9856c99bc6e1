// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Trace;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.SystemDescription;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpkit check}: parse and validate SDF files as the reference tool does. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Parse and validate system description files (.system) with the rules and messages of"
          + " the dialect's reference tool, reporting every error at once.",
      "Exit status: 0 no errors (warnings allowed), 1 errors in an input, 2 usage, 3 I/O."
    })
final class CheckCommand implements Callable<Integer> {

  @Mixin SdfOptions sdf;

  @Option(names = "--message-format", paramLabel = "FORMAT", defaultValue = "human",
      description = "human (default), sel4cp (the reference tool's exact output), json (JSON"
          + " Lines on stderr).")
  MessageFormat format;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing for files without problems.")
  boolean quiet;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "System description files.")
  List<Path> files = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Sdf.Options options = sdf.options(spec.commandLine());
    return checkAll(files, options, format, quiet, spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  /** Checks each file in turn; the exit code is the worst of them. */
  static int checkAll(List<Path> files, Sdf.Options options, MessageFormat format,
      boolean quiet, PrintWriter out, PrintWriter err) {
    int exit = Main.OK;
    // the sel4cp format prints only what the reference prints: cpkit's warnings would be unseen
    if (format == MessageFormat.sel4cp) options = options.withoutLint();
    for (Path file : files) {
      Trace.mark("options");
      byte[] bytes = SdfOptions.read(file, options.dialect());
      Trace.mark("read file");
      Sdf.Result result = Sdf.check(file.toString(), bytes, options);
      List<Diagnostic> ds = result.diagnostics();
      format.print(ds, options.dialect().locationStyle(), out, err);
      Trace.mark("print");
      if (!result.ok()) {
        exit = Main.INPUT_ERRORS;
      } else if (format == MessageFormat.human && !quiet) {
        out.println(summary(file, result.system()));
        out.flush();
      }
    }
    return exit;
  }

  private static String summary(Path file, SystemDescription s) {
    int pds = s.allProtectionDomains().size();
    return file + ": ok (" + s.dialect() + ", board " + s.board().name() + ": " + pds
        + " protection domain" + (pds == 1 ? "" : "s") + ", " + s.memoryRegions().size()
        + " memory region" + (s.memoryRegions().size() == 1 ? "" : "s") + ", "
        + s.channels().size() + " channel" + (s.channels().size() == 1 ? "" : "s") + ")";
  }

}
