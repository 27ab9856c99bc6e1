// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.ReferenceText;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.image.BuildException;
import dev.cpkit.image.BuildInput;
import dev.cpkit.image.ForkSupport;
import dev.cpkit.image.ImageBuilder;
import dev.cpkit.image.KernelAbi;
import dev.cpkit.image.KernelConfig;
import dev.cpkit.image.KernelFacts;
import dev.cpkit.image.Sdk;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.ImageContainers;
import dev.cpkit.image.ImageType;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Board;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.ProtectionDomain;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cpkit build}: the sel4cp image builder, byte-identical to sel4cp 1.2.6 and, with
 * {@code --dialect sel4cp-dev}, to the community fork's tool; {@code --dialect microkit} is
 * {@link MicrokitPlan}.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Build the boot image (loader.img) and report of a sel4cp system from an SDK, as the"
          + " sel4cp 1.2.6 tool (or, with --dialect sel4cp-dev, the community fork's tool)"
          + " does: same inputs, same checks, same bytes.",
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
      description = "The SDK. Default: the SEL4CP_SDK environment variable (MICROKIT_SDK for"
          + " --dialect microkit).")
  Path sdk;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "loader.img",
      description = "The boot image (default loader.img).")
  Path output;

  @Option(names = {"-r", "--report"}, paramLabel = "FILE", defaultValue = "report.txt",
      description = "The report (default report.txt).")
  Path report;

  @Option(names = "--search-path", paramLabel = "DIR", arity = "0..*",
      description = "Where program images are looked for, after the current directory"
          + " (before it for --dialect microkit, as Microkit does).")
  List<Path> searchPaths = new ArrayList<>();

  @Option(names = "--dialect", paramLabel = "DIALECT", defaultValue = "sel4cp",
      description = "sel4cp (default, the sel4cp 1.2.6 tool's build), sel4cp-dev (the"
          + " community fork's build, SDKs with config.json) or microkit (checks a Microkit"
          + " 2.x SDK and system and prints a plan; no image: see docs/microkit-build.md).")
  String dialect;

  @Option(names = "--image-type", paramLabel = "TYPE",
      description = "binary (default: the reference's raw loader.img), elf (an ELF file with"
          + " one loadable segment, for QEMU's -device loader or a bootloader that loads ELF) or"
          + " uimage (U-Boot legacy image, RISC-V only), as Microkit's --image-type.")
  String imageType;

  @Option(names = "--message-format", paramLabel = "FORMAT", defaultValue = "human",
      description = "human (default), sel4cp (the reference tool's exact output), json.")
  MessageFormat format;

  @Option(names = {"-v", "--verbose"},
      description = "Print the reference's progress lines (BUILT: ...).")
  boolean verbose;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The environment, replaceable in tests (a class, not a method reference: start-up). */
  static java.util.function.Function<String, String> env = new SystemEnv();

  private static final class SystemEnv implements java.util.function.Function<String, String> {
    @Override
    public String apply(String name) {
      return System.getenv(name);
    }
  }

  /** One build's options, filled in by picocli ({@link #call}) or by {@link FastBuild}. */
  static final class Request {
    Path system;
    String board;
    String config;
    Path sdk;
    Path output = Path.of("loader.img");
    Path report = Path.of("report.txt");
    List<Path> searchPaths = new ArrayList<>();
    String dialect = "sel4cp";
    /** {@code --image-type}, or null for the raw image. */
    String imageType;
    MessageFormat format = MessageFormat.human;
    boolean verbose;
  }

  @Override
  public Integer call() {
    Request r = new Request();
    r.system = system;
    r.board = board;
    r.config = config;
    r.sdk = sdk;
    r.output = output;
    r.report = report;
    r.searchPaths = searchPaths;
    r.dialect = dialect;
    r.imageType = imageType;
    r.format = format;
    r.verbose = verbose;
    return execute(r, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Builds and returns the exit status; errors are printed in the request's format. */
  static int execute(Request r, PrintWriter out, PrintWriter err) {
    try {
      return build(r, out, err);
    } catch (BuildException e) {
      report(r, e, out, err);
      return e.isUsage() ? Main.USAGE : Main.INPUT_ERRORS;
    } catch (CliException e) {
      // an unreadable input or unwritable output: the reference dies with a traceback (exit
      // status 1), so the sel4cp format gives cpkit's message with status 1; the others keep
      // cpkit's I/O status
      out.flush();
      err.println("cpkit: error: " + e.getMessage());
      err.flush();
      return r.format == MessageFormat.sel4cp ? Main.INPUT_ERRORS : e.exitCode();
    }
  }

  /** The SDK folder: {@code --sdk}, else {@code $SEL4CP_SDK}, else the reference's error. */
  static Path sdkRoot(Path given) {
    if (given != null) return given;
    String e = env.apply("SEL4CP_SDK");
    if (e == null) {
      throw BuildException.user("IMG000", "no SDK given: use --sdk DIR or set SEL4CP_SDK",
          "Error: SEL4CP_SDK must be set");
    }
    return Path.of(e);
  }

  private static int build(Request r, PrintWriter out, PrintWriter err) {
    boolean fork = r.dialect.equals("sel4cp-dev");
    if (r.dialect.equals("microkit")) return MicrokitPlan.run(r, out, err);
    if (!r.dialect.equals("sel4cp") && !fork) {
      throw BuildException.usage("IMG007", "'" + r.dialect + "' is not a dialect (sel4cp,"
          + " sel4cp-dev, microkit)", null);
    }
    // checked before anything is read: a bad value is a usage error
    ImageType requested = imageType(r.imageType);
    Dialect dialect = fork ? Dialect.SEL4CP_DEV : Dialect.SEL4CP;
    Path root = sdkRoot(r.sdk);
    Sdk kit = Sdk.open(root, r.board, r.config, env.apply("COLUMNS"), fork);
    Path system = r.system;
    if (!Files.exists(system)) {
      throw BuildException.user("IMG008", "system description file '" + system
          + "' does not exist", "Error: system description file '" + system + "' does not exist");
    }
    KernelAbi abi = KernelAbi.sel4cp126();
    Sdf.Options options = Sdf.Options.of(dialect);
    if (fork) {
      // the fork reads config.json before the system description
      KernelConfig config = KernelConfig.read(kit.configJson());
      ForkSupport.check(config, kit.configJson());
      abi = KernelAbi.fork(config);
      options = new Sdf.Options(dialect, ForkSupport.board(options.board(), r.board, config),
          List.of());
    }
    Board.Arch arch = abi.riscv() ? Board.Arch.RISCV64 : Board.Arch.AARCH64;
    ImageType type = imageType(requested, arch, r.board);
    byte[] bytes = SdfOptions.read(system, dialect);
    // the sel4cp format never shows cpkit's own warnings: do not compute them
    if (r.format == MessageFormat.sel4cp) options = options.withoutLint();
    Sdf.Result parsed = Sdf.check(system.toString(), bytes, options);
    r.format.print(parsed.diagnostics(), ReferenceText.LocationStyle.PYTHON, out, err);
    if (!parsed.ok()) return Main.INPUT_ERRORS;
    ElfFile kernel = elf(kit.kernel());
    ElfFile monitor = elf(kit.monitor());
    ElfFile loader = elf(kit.loader());
    List<Path> dirs = new ArrayList<>();
    dirs.add(Path.of("").toAbsolutePath());
    dirs.addAll(r.searchPaths);
    List<ElfFile> programs = new ArrayList<>();
    List<ProtectionDomain> pds = fork ? parsed.system().allProtectionDomains()
        : parsed.system().protectionDomains();
    for (ProtectionDomain pd : pds) {
      programs.add(elf(find(pd.programImage().path(), dirs)));
    }
    dev.cpkit.diag.Trace.mark("ELF files read");
    BuildInput in = BuildInput.of(parsed.system(), KernelFacts.of(kernel, abi), monitor, programs,
        abi);
    boolean progress = r.verbose || r.format == MessageFormat.sel4cp;
    ImageBuilder.Output o;
    try {
      o = ImageBuilder.build(in, kernel, loader, new Progress(progress ? out : null));
    } catch (BuildException e) {
      // the reference writes the report before it builds the loader image, so a failing
      // image leaves the report behind; so does cpkit
      if (e.partialReport() != null) writeAtomically(r.report, utf8(e.partialReport()));
      throw e;
    }
    out.flush();
    byte[] image = o.image();
    if (type != null) {
      // cpkit's own option (the reference writes the raw image only): elf and uimage wrap
      // the reference's bytes as Microkit's --image-type does
      long entry = loader.entry();
      image = ImageContainers.wrap(type, image, entry, entry, arch,
          abi.riscv() ? ImageContainers.EM_RISCV : ImageContainers.EM_AARCH64);
    }
    dev.cpkit.diag.Trace.mark("image built");
    // the reference's order: the report, then the image; each through a temporary file and
    // a rename, so that a reader never sees half a file
    writeAtomically(r.report, utf8(o.report()));
    writeAtomically(r.output, image);
    dev.cpkit.diag.Trace.mark("files written");
    if (r.format == MessageFormat.human) {
      out.println("wrote " + r.output + " (" + image.length + " bytes) and " + r.report);
      out.flush();
    }
    return Main.OK;
  }

  /**
   * {@code --image-type} for the sel4cp dialects, or null when not given. The option is cpkit's
   * own there (the reference has none), so its errors carry no reference text.
   */
  private static ImageType imageType(String value) {
    if (value == null) return null;
    try {
      return ImageType.parse(value);
    } catch (BuildException e) {
      throw BuildException.usage(e.code(), e.getMessage(), null);
    }
  }

  /** The container for {@code requested} on {@code arch}: null for the raw image. */
  private static ImageType imageType(ImageType requested, Board.Arch arch, String board) {
    if (requested == null) return null;
    try {
      return ImageType.resolve(requested, arch, board);
    } catch (BuildException e) {
      throw BuildException.usage(e.code(), e.getMessage(), null);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Prints the reference's BUILT lines when asked to (a class, not a lambda: start-up). */
  private static final class Progress implements java.util.function.Consumer<String> {
    private final PrintWriter out;

    Progress(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void accept(String line) {
      if (out != null) out.println(line);
    }
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

  static ElfFile elf(Path p) {
    try {
      return ElfFile.parse(p.toString(), Files.readAllBytes(p));
    } catch (IOException e) {
      throw new CliException(Main.IO_ERROR, "cannot read '" + p + "': "
          + SdfOptions.describe(e));
    }
  }

  /**
   * Writes through a temporary file in the target's folder and a rename. The temporary name
   * is made from the process id, not by {@code Files.createTempFile}, whose SecureRandom
   * costs milliseconds to seed at start-up.
   */
  static void writeAtomically(Path target, byte[] data) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid()
        + "." + System.nanoTime() + ".tmp");
    try {
      try {
        // one channel write instead of Files.write's 8 KiB chunks (a 2 MB image: 250 calls)
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(data);
          while (buf.hasRemaining()) ch.write(buf);
        }
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

  static void report(Request r, BuildException e, PrintWriter out, PrintWriter err) {
    if (r.format == MessageFormat.sel4cp && e.reference() != null && !e.isCrash()) {
      if (e.referenceDump() != null) {
        err.print(e.referenceDump());
        err.flush();
      }
      // Microkit prints all its errors on stderr
      boolean toErr = e.referenceToStderr() || r.dialect.equals("microkit");
      (toErr ? err : out).println(e.reference());
      out.flush();
      err.flush();
      return;
    }
    if (r.format == MessageFormat.sel4cp && e.isCrash() && e.referenceDump() != null) {
      // what the reference prints on stderr before it crashes (the fork's bootstrap sizes)
      out.flush();
      err.print(e.referenceDump());
      err.flush();
    }
    List<Diagnostic.Note> notes = new ArrayList<>();
    if (e.hint() != null) notes.add(Diagnostic.Note.hint(e.hint()));
    // located at the element the error is about where there is one, else at the file
    SourceSpan where = e.span() != null ? e.span()
        : SourceSpan.none(r.system == null ? "cpkit" : r.system.toString());
    Diagnostic d = new Diagnostic(Severity.ERROR, e.code(), e.getMessage(), where, notes, null);
    // where the reference dies with a Python traceback, the sel4cp format prints cpkit's
    // located error instead (the project's rule for reference crashes), on stderr as the
    // traceback would be
    MessageFormat f = r.format == MessageFormat.sel4cp ? MessageFormat.human : r.format;
    f.print(List.of(d), ReferenceText.LocationStyle.PYTHON, out, err);
  }
}
