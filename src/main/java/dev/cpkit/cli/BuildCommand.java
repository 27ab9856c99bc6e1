// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.ReferenceText;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.image.BuildException;
import dev.cpkit.image.BuildInput;
import dev.cpkit.image.ImageBuilder;
import dev.cpkit.image.KernelFacts;
import dev.cpkit.image.Sdk;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.ProtectionDomain;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpkit build}: the sel4cp image builder, byte-identical to sel4cp 1.2.6. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Build the boot image (loader.img) and report of a sel4cp system from an SDK, as the"
          + " sel4cp 1.2.6 tool does: same inputs, same checks, same bytes.",
      "Exit status: 0 built, 1 errors in the inputs, 2 usage, 3 I/O."
    })
final class BuildCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SYSTEM", description = "The system description (.system).")
  Path system;

  @Option(names = "--board", required = true, paramLabel = "BOARD",
      description = "A board folder of the SDK (board/BOARD).")
  String board;

  @Option(names = "--config", required = true, paramLabel = "CONFIG",
      description = "A configuration of the board (debug, release).")
  String config;

  @Option(names = "--sdk", paramLabel = "DIR",
      description = "The sel4cp SDK. Default: the SEL4CP_SDK environment variable.")
  Path sdk;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "loader.img",
      description = "The boot image (default loader.img).")
  Path output;

  @Option(names = {"-r", "--report"}, paramLabel = "FILE", defaultValue = "report.txt",
      description = "The report (default report.txt).")
  Path report;

  @Option(names = "--search-path", paramLabel = "DIR", arity = "0..*",
      description = "Where program images are looked for, after the current directory.")
  List<Path> searchPaths = new ArrayList<>();

  @Option(names = "--dialect", paramLabel = "DIALECT", defaultValue = "sel4cp",
      description = "sel4cp (default). microkit is not built by cpkit (see docs/image-build.md).")
  String dialect;

  @Option(names = "--message-format", paramLabel = "FORMAT", defaultValue = "human",
      description = "human (default), sel4cp (the reference tool's exact output), json.")
  MessageFormat format;

  @Option(names = {"-v", "--verbose"},
      description = "Print the reference's progress lines (BUILT: ...).")
  boolean verbose;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The environment, replaceable in tests. */
  static java.util.function.Function<String, String> env = System::getenv;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return build(out, err);
    } catch (BuildException e) {
      report(e, out, err);
      return e.isUsage() ? Main.USAGE : Main.INPUT_ERRORS;
    }
  }

  private int build(PrintWriter out, PrintWriter err) {
    if (!dialect.equals("sel4cp")) {
      throw BuildException.usage("IMG007", "cpkit build supports the sel4cp dialect only;"
          + " Microkit 2.x builds a capDL initialiser image (see docs/image-build.md)", null);
    }
    Path root = sdk;
    if (root == null) {
      String e = env.apply("SEL4CP_SDK");
      if (e == null) {
        throw BuildException.user("IMG000", "no SDK given: use --sdk DIR or set SEL4CP_SDK",
            "Error: SEL4CP_SDK must be set");
      }
      root = Path.of(e);
    }
    Sdk kit = Sdk.open(root, board, config);
    if (!Files.exists(system)) {
      throw BuildException.user("IMG008", "system description file '" + system
          + "' does not exist", "Error: system description file '" + system + "' does not exist");
    }
    byte[] bytes = SdfOptions.read(system, Dialect.SEL4CP);
    Sdf.Result parsed = Sdf.check(system.toString(), bytes, Sdf.Options.of(Dialect.SEL4CP));
    format.print(parsed.diagnostics(), ReferenceText.LocationStyle.PYTHON, out, err);
    if (!parsed.ok()) return Main.INPUT_ERRORS;
    ElfFile kernel = elf(kit.kernel());
    ElfFile monitor = elf(kit.monitor());
    List<Path> dirs = new ArrayList<>();
    dirs.add(Path.of("").toAbsolutePath());
    dirs.addAll(searchPaths);
    List<ElfFile> programs = new ArrayList<>();
    for (ProtectionDomain pd : parsed.system().protectionDomains()) {
      programs.add(elf(find(pd.programImage().path(), dirs)));
    }
    BuildInput in = BuildInput.of(parsed.system(), KernelFacts.of(kernel), monitor, programs);
    boolean progress = verbose || format == MessageFormat.sel4cp;
    ImageBuilder.Output o = ImageBuilder.build(in, kernel, elf(kit.loader()), line -> {
      if (progress) out.println(line);
    });
    out.flush();
    // the reference writes the report, then the image; cpkit writes both only once the
    // whole build has succeeded, each through a temporary file and a rename
    writeAtomically(report, o.report().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    writeAtomically(output, o.image());
    if (format == MessageFormat.human) {
      out.println("wrote " + output + " (" + o.image().length + " bytes) and " + report);
      out.flush();
    }
    return Main.OK;
  }

  /** The first search folder holding {@code path}; an absolute path wins at once. */
  private static Path find(String path, List<Path> dirs) {
    for (Path d : dirs) {
      Path p = d.resolve(path);
      if (Files.exists(p)) return p;
    }
    throw BuildException.user("IMG009", "unable to find program image '" + path + "' in the"
        + " current directory or the search paths", "Error: unable to find program image: '"
        + path + "'");
  }

  private static ElfFile elf(Path p) {
    try {
      return ElfFile.parse(p.toString(), Files.readAllBytes(p));
    } catch (IOException e) {
      throw new CliException(Main.IO_ERROR, "cannot read '" + p + "': "
          + SdfOptions.describe(e));
    }
  }

  private static void writeAtomically(Path target, byte[] data) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        Files.write(tmp, data);
        try {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CliException(Main.IO_ERROR, "cannot write '" + target + "': "
          + SdfOptions.describe(e));
    }
  }

  private void report(BuildException e, PrintWriter out, PrintWriter err) {
    List<Diagnostic.Note> notes = new ArrayList<>();
    if (e.hint() != null) notes.add(Diagnostic.Note.hint(e.hint()));
    ReferenceText ref = e.reference() == null ? null
        : new ReferenceText(e.reference(), null, e.referenceToStderr());
    Diagnostic d = new Diagnostic(Severity.ERROR, e.code(), e.getMessage(),
        SourceSpan.none(system == null ? "cpkit" : system.toString()), notes, ref);
    if (format == MessageFormat.sel4cp && e.reference() != null) {
      (e.referenceToStderr() ? err : out).println(e.reference());
      out.flush();
      err.flush();
      return;
    }
    format.print(List.of(d), ReferenceText.LocationStyle.PYTHON, out, err);
  }
}
