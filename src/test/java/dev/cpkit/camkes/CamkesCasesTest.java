// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code .camkes} file directly in {@code src/test/resources/camkes/ok} and
 * {@code .../err}. A file states what it expects in comments:
 *
 * <pre>
 * // expect: error CAM050 .:12 expected ';'        (this line, column 12, message contains)
 * // expect: warning CAM132 +1:5 does not declare  (next line)
 * // expect: error CAM071 lib/b.camkes:3:8 cycle   (a line of another file)
 * </pre>
 *
 * The diagnostics must be exactly the expected ones. A file in {@code ok} must also produce
 * the model dump stored next to it as {@code NAME.expected} ({@code -Dcpkit.updateGolden=true}
 * rewrites it). A folder {@code include} next to the files is passed as {@code -I}.
 */
class CamkesCasesTest {
  static final Path ROOT = Path.of("src/test/resources/camkes");
  private static final Pattern EXPECT = Pattern.compile(
      "//\\s*expect:\\s*(error|warning)\\s+(CAM\\d{3})\\s+(?:([\\w./-]+):)?([.+-]?\\d*):(\\d+)\\s*(.*)$");

  record Expected(String severity, String code, String file, int line, int column, String text) {
    String key() {
      return severity + " " + code + " " + file + ":" + line + ":" + column;
    }
  }

  static Stream<Path> cases() throws IOException {
    List<Path> all = new ArrayList<>();
    for (String dir : List.of("ok", "err")) {
      try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
        s.filter(p -> p.toString().endsWith(".camkes")).sorted().forEach(all::add);
      }
    }
    return all.stream();
  }

  static CamkesFrontEnd.Options options(Path file) {
    Path include = file.getParent().resolve("include");
    return CamkesFrontEnd.Options.defaults()
        .withIncludeDirs(Files.isDirectory(include) ? List.of(include) : List.of())
        .withDefines(java.util.Map.of("CPKIT_TEST", "1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fileMeetsItsExpectations(Path file) throws IOException {
    List<Expected> expected = expectations(file);
    CamkesFrontEnd.Result result = CamkesFrontEnd.load(file, options(file));

    List<String> actualKeys = new ArrayList<>();
    for (Diagnostic d : result.diagnostics()) {
      String name = Path.of(d.span().fileName()).getFileName().toString();
      actualKeys.add(d.severity().label() + " " + d.code() + " " + name + ":" + d.span().line()
          + ":" + d.span().column());
    }
    List<String> expectedKeys = expected.stream().map(Expected::key).toList();
    assertThat(actualKeys).as(render(result)).containsExactlyInAnyOrderElementsOf(expectedKeys);
    for (Expected e : expected) {
      Diagnostic d = result.diagnostics().get(actualKeys.indexOf(e.key()));
      assertThat(d.message()).as(e.key()).contains(e.text());
    }
    if (file.getParent().getFileName().toString().equals("ok")) {
      assertThat(result.ok()).isTrue();
      golden(file, ModelPrinter.text(result.model()));
    } else {
      assertThat(result.ok()).as("an err case must report an error").isFalse();
    }
  }

  private static String render(CamkesFrontEnd.Result r) {
    return "diagnostics were:\n" + new dev.cpkit.diag.HumanRenderer(false).render(r.diagnostics());
  }

  static void golden(Path file, String actual) throws IOException {
    Path golden = file.resolveSibling(file.getFileName().toString().replace(".camkes", ".expected"));
    if (Boolean.getBoolean("cpkit.updateGolden") || !Files.exists(golden)) {
      if (!Boolean.getBoolean("cpkit.updateGolden")) {
        throw new AssertionError("missing golden file " + golden + "; run with -Dcpkit.updateGolden=true");
      }
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  static List<Expected> expectations(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String self = file.getFileName().toString();
    List<Expected> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = EXPECT.matcher(lines.get(i));
      if (!m.find()) continue;
      String where = m.group(4);
      int line = where.equals(".") ? i + 1
          : where.startsWith("+") || where.startsWith("-") ? i + 1 + Integer.parseInt(where)
          : Integer.parseInt(where);
      String f = m.group(3) == null ? self : Path.of(m.group(3)).getFileName().toString();
      out.add(new Expected(m.group(1), m.group(2), f, line, Integer.parseInt(m.group(5)), m.group(6).trim()));
    }
    return out;
  }
}
