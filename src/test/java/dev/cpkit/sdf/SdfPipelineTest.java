// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.JsonRenderer;
import dev.cpkit.diag.ReferenceRenderer;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two-thread reader ({@link SdfPipeline}) gives exactly what the sequential reader gives:
 * the same diagnostics in the same order, the same reference output, the same model.
 */
class SdfPipelineTest {
  private final int saved = SdfPipeline.threshold;

  @AfterEach
  void restore() {
    SdfPipeline.threshold = saved;
  }

  /** Everything observable about a result, as text. */
  static String observe(Sdf.Result r, Dialect d) {
    StringBuilder sb = new StringBuilder(new JsonRenderer().render(r.diagnostics()));
    ReferenceRenderer.Output ref = new ReferenceRenderer(d.locationStyle()).render(
        r.diagnostics());
    sb.append("stdout:").append(ref.stdout()).append("stderr:").append(ref.stderr());
    for (Diagnostic x : r.diagnostics()) sb.append(x.notes());
    if (r.system() != null) sb.append(SdfWriter.write(r.system(), d));
    return sb.toString();
  }

  private String both(String name, byte[] bytes, Dialect d) {
    Sdf.Options options = new Sdf.Options(d, BoardTable.get().defaultBoard(d), List.of());
    SdfPipeline.threshold = Integer.MAX_VALUE;
    String sequential = observe(Sdf.check(name, bytes, options), d);
    SdfPipeline.threshold = 0;
    String pipelined = observe(Sdf.check(name, bytes, options), d);
    assertThat(pipelined).as(name).isEqualTo(sequential);
    return sequential;
  }

  private static List<Path> corpus() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("src/test/resources/sdf/sel4cp", "src/test/resources/sdf/sel4cp-dev",
        "examples/sdf")) {
      Path p = Path.of(dir);
      if (!Files.isDirectory(p)) continue;
      try (Stream<Path> s = Files.list(p)) {
        s.filter(f -> f.toString().endsWith(".xml") || f.toString().endsWith(".system"))
            .sorted().forEach(files::add);
      }
    }
    return files;
  }

  @Test
  void sameResultsOnTheCorpus() throws IOException {
    List<Path> files = corpus();
    assertThat(files).hasSizeGreaterThan(100);
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      both(f.toString(), bytes, Dialect.SEL4CP);
      both(f.toString(), bytes, Dialect.SEL4CP_DEV);
    }
  }

  @Test
  void sameResultsOnDamagedInput() throws IOException {
    List<Path> files = corpus();
    Random rnd = new Random(7);
    String[] tokens = {"<", ">", "&", "x", "</system>", "<end pd=\"a\" id=\"1\"/>", "\u00e9",
        "<!--", "-->", " id=\"0x\""};
    for (int i = 0; i < 400; i++) {
      // bytes as ISO-8859-1 characters, so that files that are not UTF-8 survive the round trip
      StringBuilder t = new StringBuilder(new String(
          Files.readAllBytes(files.get(rnd.nextInt(files.size()))), StandardCharsets.ISO_8859_1));
      if (t.length() == 0) continue;
      for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
        int at = rnd.nextInt(t.length());
        if (rnd.nextBoolean()) t.insert(at, tokens[rnd.nextInt(tokens.length)]);
        else t.delete(at, Math.min(t.length(), at + 1 + rnd.nextInt(20)));
      }
      both("damaged-" + i, t.toString().getBytes(StandardCharsets.ISO_8859_1),
          i % 2 == 0 ? Dialect.SEL4CP : Dialect.SEL4CP_DEV);
    }
  }
}
