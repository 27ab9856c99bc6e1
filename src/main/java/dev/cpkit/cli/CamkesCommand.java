// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.camkes.CamkesFrontEnd;
import dev.cpkit.camkes.ModelPrinter;
import dev.cpkit.diag.ReferenceText;
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

/** {@code cpkit camkes ...}: commands over the CAmkES front end. */
@Command(name = "camkes", mixinStandardHelpOptions = true,
    description = "Read CAmkES applications.",
    subcommands = {CamkesCommand.Dump.class, CommandLine.HelpCommand.class})
public final class CamkesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a camkes command is required (dump)");
  }

  /** Which preprocessor --cpp selects. */
  enum Cpp { builtin, system }

  /** {@code cpkit camkes dump FILE}: prints the resolved model. */
  @Command(name = "dump", mixinStandardHelpOptions = true,
      description = "Preprocess, parse and resolve a CAmkES application and print the model.")
  static final class Dump implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the top-level .camkes file")
    Path file;

    @Option(names = "--json", description = "print the model as JSON")
    boolean json;

    @Option(names = "-I", paramLabel = "DIR", description = "cpp include directory (also searched by import <...>)")
    List<Path> includeDirs = new ArrayList<>();

    @Option(names = "-D", paramLabel = "NAME[=VALUE]", description = "define a cpp macro")
    List<String> defines = new ArrayList<>();

    @Option(names = "--import-path", paramLabel = "DIR", description = "directory searched first by import <...>")
    List<Path> importPath = new ArrayList<>();

    @Option(names = "--cpp", paramLabel = "builtin|system", description = "C preprocessor (default: ${DEFAULT-VALUE})")
    Cpp cpp = Cpp.builtin;

    @Option(names = "--dtb", paramLabel = "FILE", description = "device tree blob that answers dtb(...) queries")
    Path dtb;

    @Option(names = "--dts", paramLabel = "FILE", description = "device tree source, compiled with dtc, that answers dtb(...) queries")
    Path dts;

    @Option(names = "--message-format", paramLabel = "human|json", description = "diagnostic format (default: ${DEFAULT-VALUE})")
    MessageFormat messageFormat = MessageFormat.human;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) throw new CliException(Main.IO_ERROR, "cannot read '" + file + "'");
      Map<String, String> defs = new LinkedHashMap<>();
      for (String d : defines) {
        int eq = d.indexOf('=');
        String name = eq < 0 ? d : d.substring(0, eq);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new CommandLine.ParameterException(spec.commandLine(), "invalid macro name in -D " + d);
        }
        defs.put(name, eq < 0 ? "1" : d.substring(eq + 1));
      }
      if (dtb != null && dts != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--dtb and --dts cannot be used together");
      }
      CamkesFrontEnd.Options options = new CamkesFrontEnd.Options(includeDirs, defs, importPath,
          cpp == Cpp.system ? CamkesFrontEnd.CppMode.SYSTEM : CamkesFrontEnd.CppMode.BUILTIN, "cpp",
          dtb != null ? CamkesFrontEnd.DeviceTree.blob(dtb)
              : dts != null ? CamkesFrontEnd.DeviceTree.source(dts) : null);
      return dump(file, options, json, messageFormat, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  /**
   * Loads and prints; shared with {@link FastCamkesDump} so both paths print the same bytes.
   */
  static int dump(Path file, CamkesFrontEnd.Options options, boolean json, MessageFormat format,
      PrintWriter out, PrintWriter err) {
    if (!Files.isRegularFile(file)) throw new CliException(Main.IO_ERROR, "cannot read '" + file + "'");
    dev.cpkit.diag.Trace.mark("camkes dump: arguments");
    CamkesFrontEnd.Result result = CamkesFrontEnd.load(file, options);
    dev.cpkit.diag.Trace.mark("camkes dump: load");
    format.print(result.diagnostics(), ReferenceText.LocationStyle.PYTHON, out, err);
    if (!result.ok()) return Main.INPUT_ERRORS;
    out.print(json ? ModelPrinter.json(result.model()) : ModelPrinter.text(result.model()));
    out.flush();
    dev.cpkit.diag.Trace.mark("camkes dump: print");
    return Main.OK;
  }
}
