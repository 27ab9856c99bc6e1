// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.ReferenceRenderer;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance rows whose cases use {@code prefill_path}, run with the search path upstream
 * test.rs uses ({@code tests/prefills}, copied to {@code microkit-sdf/prefills}). The shared
 * harness passes the case folder itself, where those files are not.
 */
class MicrokitPrefillConformanceTest {
  private static final Path FOLDER = ConformanceTest.ROOT.resolve("microkit-sdf");

  @TestFactory
  Stream<DynamicTest> prefillRows() throws IOException {
    assumeTrue(Files.isRegularFile(FOLDER.resolve("expected.tsv")), "conformance data absent");
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : Files.readAllLines(FOLDER.resolve("expected.tsv"))) {
      String[] cells = line.split("\t", -1);
      if (!cells[0].startsWith("mr_prefill")) continue;
      String expected = cells[2].replace("\\n", "\n");
      tests.add(DynamicTest.dynamicTest(cells[0], () -> {
        String actual = run(cells[0], cells[3]);
        if (expected.equals("OK")) assertThat(actual).isEmpty();
        else assertThat(actual).startsWith(expected);
      }));
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(5);
    return tests.stream();
  }

  private static String run(String file, String config) throws IOException {
    Sdf.Options options = new Sdf.Options(Dialect.MICROKIT, ConformanceTest.board(config),
        List.of(FOLDER.resolve("prefills")));
    Sdf.Result result = Sdf.check(file, Files.readAllBytes(FOLDER.resolve(file)), options);
    ReferenceRenderer renderer = new ReferenceRenderer(Dialect.MICROKIT.locationStyle());
    for (Diagnostic d : result.diagnostics()) {
      if (d.isError() && d.reference() != null) return renderer.text(d);
    }
    return "";
  }
}
