// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cpkit} command line: thin commands over the library API. */
@Command(
    name = "cpkit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Toolkit for seL4 Core Platform (seL4CP) and Microkit systems.",
    subcommands = {
      CheckCommand.class,
      FmtCommand.class,
      CamkesCommand.class,
      MigrateCommand.class,
      HeadersCommand.class,
      LintCCommand.class,
      UpgradeCommand.class,
      GraphCommand.class,
      AnalyseCommand.class,
      BuildCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  /** Exit codes, as ARCHITECTURE.md fixes them. */
  public static final int OK = 0;
  public static final int INPUT_ERRORS = 1;
  public static final int USAGE = 2;
  public static final int IO_ERROR = 3;
  public static final int INTERNAL = 70;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    dev.cpkit.diag.Trace.mark("main");
    int fast = FastCheck.tryRun(args, out, err);
    if (fast < 0) fast = FastBuild.tryRun(args, out, err);
    if (fast < 0) fast = FastCamkesDump.tryRun(args, out, err);
    if (fast >= 0) return fast;
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> INTERNAL);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof CliException ce) {
        err.println("cpkit: error: " + ce.getMessage());
        err.flush();
        return ce.exitCode();
      }
      err.println("cpkit: internal error: " + e
          + "\nThis is a bug in cpkit; please report it with the input that caused it."
          + (debug ? "" : " (run with --debug for the stack trace)"));
      if (debug) e.printStackTrace(err);
      err.flush();
      return INTERNAL;
    });
    cl.setParameterExceptionHandler((e, args2) -> {
      err.println("cpkit: " + e.getMessage());
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return USAGE;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"cpkit " + (v == null ? "0.1.0" : v)};
    }
  }
}
