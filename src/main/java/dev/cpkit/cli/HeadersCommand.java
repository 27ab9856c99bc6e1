// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.codegen.CNames;
import dev.cpkit.codegen.HeaderGenerator;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.sdf.Sdf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpkit headers}: one C header (or Rust module) of ids per protection domain. */
@Command(
    name = "headers",
    mixinStandardHelpOptions = true,
    description = {
      "Write DIR/<pd>.h for every protection domain: its channel ids named after the peer,"
          + " irq ids named after the irq number, extern declarations of the symbols the tool"
          + " patches with their region sizes, whether it may ppcall each peer and whether it"
          + " is passive. The naming rule is in docs/headers.md.",
      "Nothing is written when the system has errors or two names would clash (exit 1)."
    })
final class HeadersCommand implements Callable<Integer> {

  @Mixin SdfOptions sdf;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
      description = "Directory to write into (created if missing).")
  Path output;

  @Option(names = "--prefix", paramLabel = "P", defaultValue = "",
      description = "Put P in front of every constant name (default: none).")
  String prefix;

  @Option(names = "--lang", paramLabel = "LANG", defaultValue = "c",
      description = "c (default: DIR/<pd>.h) or rust (DIR/<pd>.rs, constants for the rust-sel4"
          + " Microkit crate).")
  String lang;

  @Option(names = "--message-format", paramLabel = "FORMAT", defaultValue = "human",
      description = "human (default), sel4cp, json.")
  MessageFormat format;

  @Parameters(paramLabel = "SYSTEM", description = "System description file.")
  Path file;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HeaderGenerator.Lang language = switch (lang.toLowerCase(Locale.ROOT)) {
      case "c" -> HeaderGenerator.Lang.C;
      case "rust" -> HeaderGenerator.Lang.RUST;
      default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown language"
          + " '" + lang + "' for --lang (expected c or rust)");
    };
    if (!CNames.isValidPrefix(prefix)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--prefix '" + prefix
          + "' cannot start a C identifier (letters, digits and '_', not starting with a"
          + " digit)");
    }
    Sdf.Options options = sdf.options(spec.commandLine());
    Sdf.Result parsed = load(file, options, format, out, err);
    if (parsed == null) return Main.INPUT_ERRORS;
    HeaderGenerator.Result r = HeaderGenerator.generate(parsed.system(),
        new HeaderGenerator.Options(language, prefix, file.getFileName().toString()));
    List<Diagnostic> shown = new ArrayList<>(parsed.diagnostics());
    shown.addAll(r.diagnostics());
    format.print(shown, options.dialect().locationStyle(), out, err);
    if (!r.ok()) {
      err.println("cpkit: nothing was written");
      err.flush();
      return Main.INPUT_ERRORS;
    }
    for (HeaderGenerator.GeneratedFile f : r.files()) {
      Path dest = writeInside(output, f.fileName(), f.text());
      if (format == MessageFormat.human) out.println("wrote " + dest);
    }
    out.flush();
    return Main.OK;
  }

  /**
   * Reads and checks the SDF, printing its diagnostics when it has errors; null then. Shared
   * by headers, lint-c and upgrade.
   */
  static Sdf.Result load(Path file, Sdf.Options options, MessageFormat format, PrintWriter out,
      PrintWriter err) {
    byte[] bytes = SdfOptions.read(file, options.dialect());
    Sdf.Result parsed = Sdf.check(file.toString(), bytes, options);
    if (!parsed.ok()) {
      format.print(parsed.diagnostics(), options.dialect().locationStyle(), out, err);
      return null;
    }
    return parsed;
  }

  /**
   * Writes {@code dir/name} through a temporary file, refusing a name that would leave the
   * directory (generated names never do; this is the last line of defence).
   */
  static Path writeInside(Path dir, String name, String text) {
    Path base = dir.toAbsolutePath().normalize();
    Path dest = base.resolve(name).normalize();
    if (!base.equals(dest.getParent())) {
      throw new CliException(Main.INTERNAL, "refusing to write '" + name + "' outside '" + dir
          + "'");
    }
    try {
      if (Files.exists(base) && !Files.isDirectory(base)) {
        throw new CliException(Main.IO_ERROR, "'" + dir + "' exists and is not a directory");
      }
      Files.createDirectories(base);
      Path tmp = Files.createTempFile(base, ".cpkit-", ".tmp");
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
    return dir.resolve(name);
  }
}
