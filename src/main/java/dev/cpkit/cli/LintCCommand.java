// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.codegen.CNames;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.lint.CLint;
import dev.cpkit.sdf.Sdf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** {@code cpkit lint-c}: check a PD's C code against the system description. */
@Command(
    name = "lint-c",
    mixinStandardHelpOptions = true,
    description = {
      "Check the C sources of a protection domain against the system description: notify,"
          + " ppcall and irq_ack of ids that the SDF does not allow, notified() and"
          + " protected() against the PD's channels, irqs and pp, setvar symbols both ways."
          + " Ids are followed through #define, enum constants and the names of the header"
          + " 'cpkit headers' generates. The rules are in docs/lint-c.md.",
      "Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage, 3 I/O."
    })
final class LintCCommand implements Callable<Integer> {

  @Mixin SdfOptions sdf;

  @Mixin CSources code;

  @Option(names = "--message-format", paramLabel = "FORMAT", defaultValue = "human",
      description = "human (default), json.")
  MessageFormat format;

  @Parameters(index = "0", paramLabel = "SYSTEM", description = "System description file.")
  Path file;

  @Parameters(index = "1..*", paramLabel = "SOURCES", description = "C sources of --pd.")
  List<Path> sources = new ArrayList<>();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!code.given()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give either --pd NAME with its SOURCES, or --map FILE");
    }
    code.validate(spec.commandLine(), sources);
    CLint.Options lintOptions = code.lintOptions(spec.commandLine());
    Sdf.Options options = sdf.options(spec.commandLine());
    Sdf.Result parsed = HeadersCommand.load(file, options, format, out, err);
    if (parsed == null) return Main.INPUT_ERRORS;

    Map<String, List<SourceFile>> work = code.read(sources);
    List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
    try {
      all.addAll(CLint.checkAll(parsed.system(), work, lintOptions));
    } catch (IllegalArgumentException ex) {
      throw new CliException(Main.INPUT_ERRORS, ex.getMessage());
    }
    format.print(all, options.dialect().locationStyle(), out, err);
    boolean errors = all.stream().anyMatch(Diagnostic::isError);
    if (!errors && format == MessageFormat.human) {
      out.println(file + ": " + work.size() + " protection domain" + (work.size() == 1 ? "" : "s")
          + " linted, no errors");
      out.flush();
    }
    return errors ? Main.INPUT_ERRORS : Main.OK;
  }

  /**
   * Which C sources belong to which PD, and how to read them: {@code --pd NAME} with the
   * command's SOURCES, or {@code --map FILE}; {@code -I}, {@code -D}, {@code --prefix}. Shared
   * by lint-c and analyse, so that both read a project's code the same way.
   */
  static final class CSources {
    @Option(names = "--pd", paramLabel = "NAME", description = "The protection domain the"
        + " SOURCES belong to.")
    String pd;

    @Option(names = "--map", paramLabel = "FILE", description = "Lines 'pd: source...' (paths"
        + " relative to FILE) giving the C sources of several protection domains.")
    Path map;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = "",
        description = "The --prefix the generated headers were made with.")
    String prefix;

    @Option(names = "-D", paramLabel = "NAME[=VALUE]", description = "A macro value, as given"
        + " to the compiler (default value 1).")
    List<String> defines = new ArrayList<>();

    @Option(names = "-I", paramLabel = "DIR", description = "Where #include files are looked"
        + " up (after the including file's directory for \"...\").")
    List<Path> includeDirs = new ArrayList<>();

    /** Whether any C was given (--pd or --map). */
    boolean given() {
      return pd != null || map != null;
    }

    void validate(CommandLine cl, List<Path> sources) {
      if (pd != null && map != null) {
        throw new CommandLine.ParameterException(cl,
            "give either --pd NAME with its SOURCES, or --map FILE");
      }
      if (map != null && !sources.isEmpty()) {
        throw new CommandLine.ParameterException(cl,
            "SOURCES are taken from --map; do not list them as well");
      }
      if (pd != null && sources.isEmpty()) {
        throw new CommandLine.ParameterException(cl, "--pd " + pd
            + " needs at least one C source");
      }
      if (pd == null && map == null && !sources.isEmpty()) {
        throw new CommandLine.ParameterException(cl, "C SOURCES need --pd NAME");
      }
      if (!CNames.isValidPrefix(prefix)) {
        throw new CommandLine.ParameterException(cl, "--prefix '" + prefix
            + "' cannot start a C identifier");
      }
    }

    /** PD name to its sources, read; empty when no C was given. */
    Map<String, List<SourceFile>> read(List<Path> sources) {
      Map<String, List<Path>> paths = new LinkedHashMap<>();
      if (pd != null) paths.put(pd, sources);
      else if (map != null) paths.putAll(readMap(map));
      Map<String, List<SourceFile>> out = new LinkedHashMap<>();
      paths.forEach((name, ps) -> {
        List<SourceFile> files = new ArrayList<>();
        for (Path p : ps) files.add(readSource(p, true));
        out.put(name, files);
      });
      return out;
    }

    CLint.Options lintOptions(CommandLine cl) {
      return new CLint.Options(prefix, parseDefines(cl), this::resolve);
    }

    private Map<String, Long> parseDefines(CommandLine cl) {
      Map<String, Long> out = new LinkedHashMap<>();
      for (String d : defines) {
        int eq = d.indexOf('=');
        String name = eq < 0 ? d : d.substring(0, eq);
        String value = eq < 0 ? "1" : d.substring(eq + 1);
        if (!CNames.isValidPrefix(name) || name.isEmpty()) {
          throw new CommandLine.ParameterException(cl, "-D " + d + ": '" + name
              + "' is not a macro name");
        }
        try {
          out.put(name, Long.decode(value));
        } catch (NumberFormatException e) {
          throw new CommandLine.ParameterException(cl, "-D " + d + ": only"
              + " integer values are understood");
        }
      }
      return out;
    }

    private SourceFile resolve(String name, boolean quoted, SourceFile from) {
      List<Path> dirs = new ArrayList<>();
      if (quoted) {
        Path parent = Path.of(from.name()).getParent();
        dirs.add(parent == null ? Path.of("") : parent);
      }
      dirs.addAll(includeDirs);
      for (Path d : dirs) {
        Path p = d.resolve(name).normalize();
        if (Files.isRegularFile(p)) return readSource(p, false);
      }
      return null;
    }
  }

  /** The map file: 'pd: a.c b.c' per line, '#' comments, paths relative to the map. */
  static Map<String, List<Path>> readMap(Path map) {
    List<String> lines;
    try {
      lines = Files.readAllLines(map, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException(Main.IO_ERROR, "map file '" + map + "' does not exist");
    } catch (IOException e) {
      throw new CliException(Main.IO_ERROR, "cannot read '" + map + "': "
          + SdfOptions.describe(e));
    }
    Path base = map.toAbsolutePath().getParent();
    Map<String, List<Path>> out = new LinkedHashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new CliException(Main.INPUT_ERRORS, map + ":" + (n + 1) + ": expected"
            + " 'pd: source...'");
      }
      String name = line.substring(0, colon).strip();
      String rest = line.substring(colon + 1).strip();
      if (rest.isEmpty()) {
        throw new CliException(Main.INPUT_ERRORS, map + ":" + (n + 1) + ": no sources for '"
            + name + "'");
      }
      List<Path> files = out.computeIfAbsent(name, k -> new ArrayList<>());
      for (String s : rest.split("\\s+")) files.add(base.resolve(s).normalize());
    }
    if (out.isEmpty()) {
      throw new CliException(Main.INPUT_ERRORS, map + ": names no protection domain");
    }
    return out;
  }

  static SourceFile readSource(Path p, boolean required) {
    try {
      if (Files.isDirectory(p)) throw new CliException(Main.IO_ERROR, "'" + p + "' is a directory");
      if (Files.size(p) > SdfOptions.MAX_FILE_BYTES) {
        throw new CliException(Main.INPUT_ERRORS, "'" + p + "' is too large for a C source");
      }
      return new SourceFile(p.toString(), new String(Files.readAllBytes(p),
          StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      if (!required) return null;
      throw new CliException(Main.IO_ERROR, "source file '" + p + "' does not exist");
    } catch (IOException e) {
      if (!required) return null;
      throw new CliException(Main.IO_ERROR, "cannot read '" + p + "': " + SdfOptions.describe(e));
    }
  }
}
