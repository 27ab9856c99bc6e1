// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.SourceSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --cpp=system}: runs the system {@code cpp} once per file, as CAmkES does, and turns
 * its messages ({@code file:line:col: error: text}) into diagnostics.
 */
final class SystemCpp implements Preprocessor {
  static final long TIMEOUT_SECONDS = 60;
  private static final Pattern MESSAGE =
      Pattern.compile("^(.*?):(\\d+):(\\d+): (fatal error|error|warning): (.*)$");

  private final String executable;
  private final List<Path> includeDirs;
  private final Map<String, String> defines;

  SystemCpp(String executable, List<Path> includeDirs, Map<String, String> defines) {
    this.executable = executable;
    this.includeDirs = List.copyOf(includeDirs);
    this.defines = Map.copyOf(defines);
  }

  @Override
  public Preprocessed run(SourceFile file, Path dir, DiagnosticSink sink) {
    List<String> cmd = new ArrayList<>(List.of(executable));
    for (Path d : includeDirs) cmd.add("-I" + d);
    if (dir != null) cmd.add("-iquote" + dir);
    for (var d : new java.util.TreeMap<>(defines).entrySet()) cmd.add("-D" + d.getKey() + "=" + d.getValue());
    cmd.add("-");
    SourceSpan whole = file.point(0);
    try {
      Process p = new ProcessBuilder(cmd).start();
      CompletableFuture<byte[]> stdout = read(p.getInputStream());
      CompletableFuture<byte[]> stderr = read(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        // cpp names stdin "<stdin>"; the marker makes it name the real file instead.
        in.write(("# 1 \"" + CppOutput.escape(file.name()) + "\"\n").getBytes(StandardCharsets.UTF_8));
        in.write(file.text().getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        sink.report(Diags.error("CAM031", "'" + executable + "' did not finish within "
            + TIMEOUT_SECONDS + " s", whole));
        return empty(file);
      }
      String text = new String(stdout.get(), StandardCharsets.UTF_8);
      for (String line : new String(stderr.get(), StandardCharsets.UTF_8).split("\n")) {
        Matcher m = MESSAGE.matcher(line);
        if (!m.matches()) continue;
        boolean warning = m.group(4).equals("warning");
        SourceSpan at = new SourceSpan(file, 0, 0, new SourceSpan.Origin(m.group(1),
            Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), null));
        if (m.group(1).equals(file.name())) at = locate(file, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        sink.report(new Diagnostic(warning ? Severity.WARNING : Severity.ERROR, "CAM030",
            m.group(5), at, List.of(), null));
      }
      return new Preprocessed(new SourceFile(file.name() + " (preprocessed)", text), Map.of(), List.of(file.name()));
    } catch (IOException e) {
      sink.report(Diags.error("CAM031", "cannot run '" + executable + "': " + e.getMessage(), whole,
          Diagnostic.Note.hint("install cpp or use --cpp=builtin")));
      return empty(file);
    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
      Thread.currentThread().interrupt();
      sink.report(Diags.error("CAM031", "'" + executable + "' was interrupted", whole));
      return empty(file);
    }
  }

  private static SourceSpan locate(SourceFile f, int line, int column) {
    int offset = 0;
    for (int l = 1; l < line && offset >= 0; l++) offset = f.text().indexOf('\n', offset) + 1;
    offset = Math.max(0, Math.min(f.text().length(), offset + column - 1));
    return f.point(offset);
  }

  private static Preprocessed empty(SourceFile file) {
    return new Preprocessed(new SourceFile(file.name(), ""), Map.of(), List.of());
  }

  private static CompletableFuture<byte[]> read(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return in.readAllBytes();
      } catch (IOException e) {
        return new byte[0];
      }
    });
  }
}
