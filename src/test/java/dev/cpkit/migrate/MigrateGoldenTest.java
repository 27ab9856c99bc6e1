// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled examples' migrated outputs are golden files (reviewed like code); rerun with
 * {@code -Dcpkit.updateGolden=true} to rewrite them after an intended change.
 */
class MigrateGoldenTest {
  static final Path GOLDEN = Fixtures.DATA.resolve("golden");

  static final List<String> RUNTIME_FILES = List.of("include/camkes.h", "src/camkes_libc.c");

  static Stream<String> examples() {
    return new TreeSet<>(Fixtures.EXAMPLE_DIALECTS.keySet()).stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void matchesGolden(String name) throws IOException {
    Dialect d = Fixtures.EXAMPLE_DIALECTS.get(name);
    Migrator.Result r = Fixtures.migrate(Fixtures.example(name), d);
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    Map<String, byte[]> files = new java.util.TreeMap<>(
        Project.build(r, Project.ReportFormat.MD).files());
    // The compatibility runtime is the same for every example of an API (sel4cp or microkit):
    // one golden copy per API, under _runtime/, instead of one per example.
    Map<String, byte[]> runtime = new java.util.TreeMap<>();
    for (String f : RUNTIME_FILES) {
      byte[] b = files.remove(f);
      if (b != null) runtime.put(f, b);
    }
    Path dir = GOLDEN.resolve(name);
    // sel4cp and sel4cp-dev share the sel4cp API, so they share one runtime golden
    String api = d == Dialect.MICROKIT ? "microkit" : "sel4cp";
    Path runtimeDir = GOLDEN.resolve("_runtime").resolve(api);
    if (Boolean.getBoolean("cpkit.updateGolden")) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.walk(dir)) {
          for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
      }
      Fixtures.writeAll(dir, files);
      Fixtures.writeAll(runtimeDir, runtime);
    }
    for (var e : runtime.entrySet()) {
      assertThat(new String(e.getValue(), StandardCharsets.UTF_8))
          .as("%s/%s against _runtime/%s", name, e.getKey(), api)
          .isEqualTo(Files.readString(runtimeDir.resolve(e.getKey())));
    }
    List<String> golden;
    try (Stream<Path> s = Files.walk(dir)) {
      golden = s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()
          .replace('\\', '/')).sorted().toList();
    }
    assertThat(files.keySet()).containsExactlyElementsOf(golden);
    for (var e : files.entrySet()) {
      assertThat(new String(e.getValue(), StandardCharsets.UTF_8))
          .as("%s/%s (rerun with -Dcpkit.updateGolden=true if the change is intended)", name,
              e.getKey())
          .isEqualTo(Files.readString(dir.resolve(e.getKey())));
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void systemPassesCheckAndIsDeterministic(String name) {
    Dialect d = Fixtures.EXAMPLE_DIALECTS.get(name);
    Migrator.Result a = Fixtures.migrate(Fixtures.example(name), d);
    Migrator.Result b = Fixtures.migrate(Fixtures.example(name), d);
    Sdf.Result check = Sdf.check(name + ".system", a.sdf().getBytes(StandardCharsets.UTF_8),
        Sdf.Options.of(d));
    assertThat(check.ok()).as("%s", check.diagnostics()).isTrue();
    assertThat(check.diagnostics()).as("no warnings from cpkit check either").isEmpty();
    Map<String, byte[]> fa = Project.build(a, Project.ReportFormat.MD).files();
    Map<String, byte[]> fb = Project.build(b, Project.ReportFormat.MD).files();
    assertThat(fa.keySet()).isEqualTo(fb.keySet());
    for (String k : fa.keySet()) assertThat(fa.get(k)).as(k).isEqualTo(fb.get(k));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleAlsoMigratesToMicrokit(String name) {
    Migrator.Result r = Fixtures.migrate(Fixtures.example(name), Dialect.MICROKIT);
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    Sdf.Result check = Sdf.check(name + ".system", r.sdf().getBytes(StandardCharsets.UTF_8),
        Sdf.Options.of(Dialect.MICROKIT));
    assertThat(check.ok()).as("%s", check.diagnostics()).isTrue();
  }
}
