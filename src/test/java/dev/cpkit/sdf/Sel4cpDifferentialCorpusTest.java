// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.ReferenceRenderer;
import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The regression corpus of the differential test against the reference Python parsers
 * ({@code scripts/difftest-sel4cp.sh}): each case under {@code src/test/resources/sdf/<dialect>/}
 * with the reference's verdict and printed output recorded in {@code expected.tsv}
 * ({@code file, board, status, output}). Status is OK (accepted; output = the warnings, which
 * the reference prints in set order, so compared as a set), ERROR (output = the message) or
 * CRASH (the reference died with a traceback; cpkit must report some error instead).
 *
 * <p>{@link #main} is the cpkit side of the differential script: it checks every case of a
 * folder in one JVM and writes the same TSV the reference runner writes.
 */
class Sel4cpDifferentialCorpusTest {
  private static final Path ROOT = Path.of("src", "test", "resources", "sdf");
  private static final int[] TALLY = new int[2];

  @TestFactory
  Stream<DynamicTest> sel4cp() throws IOException {
    return corpus(Dialect.SEL4CP);
  }

  @TestFactory
  Stream<DynamicTest> sel4cpDev() throws IOException {
    return corpus(Dialect.SEL4CP_DEV);
  }

  private Stream<DynamicTest> corpus(Dialect dialect) throws IOException {
    Path folder = ROOT.resolve(dialect.id());
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : Files.readAllLines(folder.resolve("expected.tsv"))) {
      if (line.startsWith("#") || line.isBlank()) continue;
      String[] cells = line.split("\t", -1);
      String file = cells[0];
      Board board = board(dialect, cells[1]);
      String status = cells[2];
      String expected = unescape(cells[3]);
      tests.add(DynamicTest.dynamicTest(file + " [" + cells[1] + "]", () -> {
        Outcome actual = run(folder.resolve(file), dialect, board);
        synchronized (TALLY) {
          TALLY[1]++;
        }
        assertThat(actual.status().equals("OK")).as("accepted: %s", file)
            .isEqualTo(status.equals("OK"));
        if (status.equals("ERROR")) {
          assertThat(actual.output()).as("first error of %s", file).isEqualTo(expected);
        } else if (status.equals("OK")) {
          assertThat(sortedLines(actual.output())).as("warnings of %s", file)
              .isEqualTo(sortedLines(expected));
        }
        synchronized (TALLY) {
          TALLY[0]++;
        }
      }));
    }
    assertThat(tests).as("corpus of %s", dialect).isNotEmpty();
    return tests.stream();
  }

  @AfterAll
  static void printPassCount() {
    System.out.printf("sel4cp differential corpus: %d/%d passed%n", TALLY[0], TALLY[1]);
  }

  /** cpkit's verdict on one file, named by its bare file name as the reference CLI is. */
  record Outcome(String status, String output, String message) {}

  static Outcome run(Path path, Dialect dialect, Board board) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    String name = path.getFileName().toString();
    Sdf.Result result = Sdf.check(name, bytes, new Sdf.Options(dialect, board, List.of()));
    String out = new ReferenceRenderer(dialect.locationStyle()).render(result.diagnostics())
        .stdout();
    Diagnostic first = result.diagnostics().stream().filter(Diagnostic::isError).findFirst()
        .orElse(null);
    return new Outcome(first != null ? "ERROR" : "OK", out, first == null ? "" : first.message());
  }

  static Board board(Dialect dialect, String name) {
    Board b = name.isEmpty() || name.equals("-")
        ? BoardTable.get().defaultBoard(dialect) : BoardTable.get().board(dialect, name);
    if (b == null) throw new IllegalArgumentException("no board " + name + " for " + dialect);
    return b;
  }

  private static List<String> sortedLines(String s) {
    List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
    lines.removeIf(String::isEmpty);
    lines.sort(null);
    return lines;
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
  }

  static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      sb.append(switch (e) {
        case 'n' -> '\n';
        case 't' -> '\t';
        case 'r' -> '\r';
        default -> e;
      });
    }
    return sb.toString();
  }

  /**
   * The cpkit side of {@code scripts/difftest-sel4cp.sh}: {@code DIALECT BOARD CASE_DIR
   * OUT_TSV}; one row {@code file, status, output, cpkit's own message} per {@code *.system} file, sorted by name.
   */
  public static void main(String[] args) throws IOException {
    Dialect dialect = Dialect.byId(args[0]);
    Board board = board(dialect, args[1]);
    Path dir = Path.of(args[2]);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".system")).sorted().toList();
    }
    StringBuilder out = new StringBuilder();
    for (Path p : files) {
      Outcome o;
      try {
        o = run(p, dialect, board);
      } catch (RuntimeException | StackOverflowError e) {
        o = new Outcome("CRASH", e.toString() + "\n", "");
      }
      out.append(p.getFileName()).append('\t').append(o.status()).append('\t')
          .append(escape(o.output())).append('\t').append(escape(o.message())).append('\n');
    }
    try {
      Files.writeString(Path.of(args[3]), out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
