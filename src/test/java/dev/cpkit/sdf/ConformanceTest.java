// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.ReferenceRenderer;
import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The acceptance suite: the reference tools' own SDF test cases, read from
 * {@code ../shared/conformance/} (data, read-only, not part of this repository), each run
 * through {@code --message-format sel4cp} and compared with the expected first error exactly as
 * the reference test asserts it (a prefix), or with "no error" for {@code OK} rows.
 */
class ConformanceTest {
  static final Path ROOT = Path.of("..", "shared", "conformance");
  private static final Map<String, int[]> TALLY = new LinkedHashMap<>();

  @TestFactory
  Stream<DynamicTest> sel4cp() throws IOException {
    return suite("sel4cp-sdf", Dialect.SEL4CP);
  }

  @TestFactory
  Stream<DynamicTest> microkit() throws IOException {
    return suite("microkit-sdf", Dialect.MICROKIT);
  }

  private Stream<DynamicTest> suite(String dir, Dialect dialect) throws IOException {
    Path folder = ROOT.resolve(dir);
    assumeTrue(Files.isRegularFile(folder.resolve("expected.tsv")),
        "conformance data not found at " + folder.toAbsolutePath()
            + " (it lives in ../shared/conformance beside the repository); suite skipped");
    List<String> lines = Files.readAllLines(folder.resolve("expected.tsv"));
    List<DynamicTest> tests = new ArrayList<>();
    int[] tally = TALLY.computeIfAbsent(dialect.id(), k -> new int[2]);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t", -1);
      String file = cells[0];
      String expected = cells[2].replace("\\n", "\n");
      if (expected.equals("UNTESTED")) continue;
      String config = dialect == Dialect.MICROKIT ? cells[3] : null;
      String observed = dialect == Dialect.SEL4CP ? cells[3] : null;
      tests.add(DynamicTest.dynamicTest(file + (config == null ? "" : " [" + config + "]"), () -> {
        String actual = run(folder, file, dialect, config);
        boolean pass = expected.equals("OK") ? actual.isEmpty()
            : actual.startsWith(expected) && (observed == null || actual.equals(observed));
        tally[1]++;
        if (pass) tally[0]++;
        assertThat(actual).as("first error of %s", file)
            .isEqualTo(expected.equals("OK") ? "" : observed != null ? observed : actual);
        if (!expected.equals("OK")) assertThat(actual).startsWith(expected);
      }));
    }
    return tests.stream();
  }

  /** The reference-format first error for one case, or "" when it is accepted. */
  static String run(Path folder, String file, Dialect dialect, String config) throws IOException {
    Board board = dialect == Dialect.MICROKIT ? board(config) : BoardTable.get().defaultBoard(dialect);
    // upstream test.rs passes tests/prefills as the search path; the cases sit beside it
    Sdf.Options options = new Sdf.Options(dialect, board,
        List.of(folder, folder.resolve("prefills")));
    byte[] bytes = Files.readAllBytes(folder.resolve(file));
    Sdf.Result result = Sdf.check(file, bytes, options);
    ReferenceRenderer renderer = new ReferenceRenderer(dialect.locationStyle());
    for (Diagnostic d : result.diagnostics()) {
      if (d.isError() && d.reference() != null) return renderer.text(d);
    }
    return "";
  }

  /** {@code NAME} or {@code NAME{key: value;...}} as written in expected.tsv. */
  static Board board(String config) {
    int brace = config.indexOf('{');
    String name = brace < 0 ? config : config.substring(0, brace);
    Board board = BoardTable.get().board(Dialect.MICROKIT, name);
    if (brace >= 0) {
      Map<String, String> facts = new LinkedHashMap<>();
      for (String kv : config.substring(brace + 1, config.length() - 1).split(";")) {
        String[] p = kv.split(":", 2);
        String key = p[0].trim();
        String value = p[1].trim();
        if (value.startsWith("sel4::Arch::")) value = value.substring("sel4::Arch::".length());
        facts.put(key, value);
      }
      board = board.with(facts);
    }
    return board;
  }

  @AfterAll
  static void printPassRate() {
    TALLY.forEach((dialect, t) -> System.out.printf(
        "conformance %-8s %d/%d passed (%.1f%%)%n", dialect, t[0], t[1],
        t[1] == 0 ? 0.0 : 100.0 * t[0] / t[1]));
  }
}
