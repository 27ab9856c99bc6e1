// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Severity;
import dev.cpkit.sdf.DialectConverter;
import dev.cpkit.sdf.Renames;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.sdf.SdfComments;
import dev.cpkit.sdf.SdfWriter;
import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpkit fmt}: rewrite an SDF canonically, optionally into another dialect. */
@Command(
    name = "fmt",
    mixinStandardHelpOptions = true,
    description = {
      "Rewrite a system description in canonical form (fixed element and attribute order,"
          + " defaults omitted, sizes and addresses in hex, comments kept).",
      "With --dialect, convert it into that dialect and report what cannot be converted;"
          + " the old sel4cp-dev attribute names vm_id and pd_id are rewritten to id.",
      "Nothing is written when the input has errors or cannot be converted (exit 1)."
    })
final class FmtCommand implements Callable<Integer> {

  @Option(names = "--dialect", paramLabel = "DIALECT",
      description = "Dialect to write (default: the dialect the file is written in).")
  String dialect;

  @Option(names = "--from", paramLabel = "DIALECT",
      description = "Dialect of the input (default: the first of sel4cp, sel4cp-dev, microkit"
          + " in which it is valid; the target dialect is tried first).")
  String from;

  @Option(names = "--board", paramLabel = "NAME", description = "Board for the input dialect.")
  String board;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead"
      + " of standard output.")
  Path output;

  @Option(names = {"-i", "--in-place"}, description = "Replace the input file.")
  boolean inPlace;

  @Option(names = "--message-format", paramLabel = "FORMAT", defaultValue = "human",
      description = "human (default), sel4cp, json.")
  MessageFormat format;

  @Parameters(paramLabel = "FILE", description = "System description file.")
  Path file;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Dialect target = parseDialect(dialect, "--dialect");
    Dialect source = parseDialect(from, "--from");
    if (inPlace && output != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--in-place and --output cannot be used together");
    }
    byte[] bytes = SdfOptions.read(file, target == null ? Dialect.SEL4CP : target);
    String text = new String(bytes, StandardCharsets.UTF_8);
    Renames.Result renamed = Renames.apply(text);
    List<Diagnostic> report = new ArrayList<>();

    Sdf.Result parsed = null;
    List<Dialect> candidates = new ArrayList<>();
    if (source != null) {
      candidates.add(source);
    } else {
      if (target != null) candidates.add(target);
      for (Dialect d : Dialect.values()) if (!candidates.contains(d)) candidates.add(d);
    }
    Sdf.Result firstFailure = null;
    for (Dialect d : candidates) {
      String input = d == Dialect.SEL4CP_DEV ? renamed.text() : text;
      Sdf.Result r = Sdf.check(file.toString(), input.getBytes(StandardCharsets.UTF_8),
          new Sdf.Options(d, board(d), List.of()));
      if (r.ok()) {
        parsed = r;
        if (d == Dialect.SEL4CP_DEV) {
          for (Renames.Rename rn : renamed.renames()) {
            report.add(new Diagnostic(Severity.NOTE, "SDF107", "'" + rn.from()
                + "' rewritten to '" + rn.to() + "'", r.file().point(rn.offset()), List.of(),
                null));
          }
        }
        break;
      }
      if (firstFailure == null) firstFailure = r;
    }
    if (parsed == null) {
      format.print(firstFailure.diagnostics(), firstFailure.system() == null
          ? candidates.get(0).locationStyle() : firstFailure.system().dialect().locationStyle(),
          out, err);
      return Main.INPUT_ERRORS;
    }
    Dialect sourceDialect = parsed.system().dialect();
    Dialect to = target == null ? sourceDialect : target;
    // to Microkit, fmt takes the same path as `cpkit upgrade` to the latest release
    DialectConverter.Result converted = to == Dialect.MICROKIT && sourceDialect != to
        ? DialectConverter.upgrade(parsed.system(), null, DialectConverter.Release.LATEST,
            board(to))
        : DialectConverter.convert(parsed.system(), to, board(to));
    report.addAll(converted.report());
    List<Diagnostic> shown = new ArrayList<>(parsed.diagnostics());
    shown.addAll(report);
    if (!converted.ok()) {
      format.print(shown, to.locationStyle(), out, err);
      return Main.INPUT_ERRORS;
    }
    String written = SdfWriter.write(converted.system(), to, SdfComments.collect(text));
    Sdf.Result again = Sdf.check(file.toString(), written.getBytes(StandardCharsets.UTF_8),
        new Sdf.Options(to, board(to), List.of()));
    if (!again.ok()) {
      List<Diagnostic> why = new ArrayList<>(shown);
      why.addAll(again.diagnostics());
      format.print(why, to.locationStyle(), out, err);
      err.println("cpkit: the converted system is not valid " + to + "; nothing was written");
      return Main.INPUT_ERRORS;
    }
    if (format != MessageFormat.sel4cp) format.print(report, to.locationStyle(), out, err);
    emit(written, out);
    return Main.OK;
  }

  private void emit(String written, PrintWriter out) {
    Path dest = inPlace ? file : output;
    if (dest == null) {
      out.print(written);
      out.flush();
      return;
    }
    try {
      Path dir = dest.toAbsolutePath().getParent();
      Path tmp = Files.createTempFile(dir, ".cpkit-fmt", ".tmp");
      Files.writeString(tmp, written);
      Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliException(Main.IO_ERROR, "cannot write '" + dest + "': "
          + SdfOptions.describe(e));
    }
  }

  private Board board(Dialect d) {
    BoardTable t = BoardTable.get();
    if (board != null && t.board(d, board) != null) return t.board(d, board);
    return t.defaultBoard(d);
  }

  private Dialect parseDialect(String id, String option) {
    if (id == null) return null;
    Dialect d = Dialect.byId(id);
    if (d == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "unknown dialect '" + id
          + "' for " + option + " (expected sel4cp, sel4cp-dev or microkit)");
    }
    return d;
  }
}
