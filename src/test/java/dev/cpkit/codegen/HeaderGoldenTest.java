// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated headers compared with reviewed files under src/test/resources/codegen/expected.
 * After a deliberate change, regenerate them with {@code -Dcpkit.updateGolden=true} and review
 * the diff before committing.
 */
class HeaderGoldenTest {
  static final boolean UPDATE = Boolean.getBoolean("cpkit.updateGolden");

  /** name, SDF, dialect, prefix, language. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("ping-pong", Path.of("examples/sdf/ping-pong.system"), Dialect.SEL4CP, "",
            HeaderGenerator.Lang.C),
        Arguments.of("driver", Path.of("examples/sdf/driver.system"), Dialect.SEL4CP, "",
            HeaderGenerator.Lang.C),
        Arguments.of("passive-server", Path.of("examples/sdf/passive-server.system"),
            Dialect.SEL4CP, "", HeaderGenerator.Lang.C),
        Arguments.of("vmm", Path.of("examples/sdf/vmm.system"), Dialect.SEL4CP_DEV, "",
            HeaderGenerator.Lang.C),
        Arguments.of("names", TestSystems.resource("codegen", "names.system"),
            Dialect.SEL4CP_DEV, "", HeaderGenerator.Lang.C),
        Arguments.of("names-prefixed", TestSystems.resource("codegen", "names.system"),
            Dialect.SEL4CP_DEV, "SYS_", HeaderGenerator.Lang.C),
        Arguments.of("names-rust", TestSystems.resource("codegen", "names.system"),
            Dialect.SEL4CP_DEV, "", HeaderGenerator.Lang.RUST),
        Arguments.of("passive-server-rust", Path.of("examples/sdf/passive-server.system"),
            Dialect.SEL4CP, "", HeaderGenerator.Lang.RUST));
  }

  static List<HeaderGenerator.GeneratedFile> generate(Path sdf, Dialect d, String prefix,
      HeaderGenerator.Lang lang) {
    SystemDescription s = TestSystems.load(sdf, d);
    HeaderGenerator.Result r = HeaderGenerator.generate(s,
        new HeaderGenerator.Options(lang, prefix, sdf.getFileName().toString()));
    assertThat(r.diagnostics()).isEmpty();
    return r.files();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesReviewedOutput(String name, Path sdf, Dialect d, String prefix,
      HeaderGenerator.Lang lang) throws IOException {
    Path dir = TestSystems.resource("codegen", "expected", name);
    List<HeaderGenerator.GeneratedFile> files = generate(sdf, d, prefix, lang);
    if (UPDATE) {
      Files.createDirectories(dir);
      try (Stream<Path> old = Files.list(dir)) {
        for (Path p : old.toList()) Files.delete(p);
      }
      for (HeaderGenerator.GeneratedFile f : files) {
        Files.writeString(dir.resolve(f.fileName()), f.text());
      }
    }
    List<String> expectedNames = new ArrayList<>();
    try (Stream<Path> listed = Files.list(dir)) {
      listed.forEach(p -> expectedNames.add(p.getFileName().toString()));
    }
    assertThat(files).extracting(HeaderGenerator.GeneratedFile::fileName)
        .containsExactlyInAnyOrderElementsOf(expectedNames);
    for (HeaderGenerator.GeneratedFile f : files) {
      assertThat(f.text()).as("%s/%s (rerun with -Dcpkit.updateGolden=true after a deliberate"
          + " change)", name, f.fileName()).isEqualTo(Files.readString(dir.resolve(f.fileName())));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isDeterministic(String name, Path sdf, Dialect d, String prefix,
      HeaderGenerator.Lang lang) {
    assertThat(generate(sdf, d, prefix, lang)).isEqualTo(generate(sdf, d, prefix, lang));
  }
}
