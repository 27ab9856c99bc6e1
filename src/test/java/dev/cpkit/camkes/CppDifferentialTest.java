// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in preprocessor must give the same token stream as the system {@code cpp} on our
 * own inputs (the cpp/ inputs and every ok case). Line markers and spacing are ignored; the
 * tokens must be equal, in order. Skipped, with a message, when no {@code cpp} is installed.
 */
class CppDifferentialTest {
  static Stream<Path> inputs() throws IOException {
    List<Path> all = new ArrayList<>();
    for (String dir : List.of("cpp", "ok")) {
      try (Stream<Path> s = Files.list(CamkesCasesTest.ROOT.resolve(dir))) {
        s.filter(p -> p.toString().endsWith(".camkes")).sorted().forEach(all::add);
      }
    }
    return all.stream();
  }

  static boolean cppInstalled() {
    try {
      Process p = new ProcessBuilder("cpp", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void builtinMatchesSystemCpp(Path file) throws Exception {
    Assumptions.assumeTrue(cppInstalled(), "system cpp is not installed; differential test skipped");
    Path include = file.getParent().resolve("include");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    SourceFile source = new SourceFile(file.toString(), text);
    SourceSet sources = new SourceSet();
    sources.add(source);
    Preprocessed ours = new BuiltinCpp(List.of(include), java.util.Map.of("CPKIT_TEST", "1"), sources)
        .run(source, file.getParent(), new DiagnosticSink());

    Process p = new ProcessBuilder("cpp", "-I" + include, "-DCPKIT_TEST=1", file.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(tokens(ours.output().text())).isEqualTo(tokens(theirs));
  }

  /** Tokens of preprocessed text, one string per token, line markers dropped. */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.stripLeading().startsWith("#")) continue;
      for (PpToken t : PpLines.tokens(line)) out.add(t.text());
    }
    return out;
  }
}
