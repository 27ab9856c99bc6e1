// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.system.Dialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated C (glue, compat runtime) and the examples' unchanged component code compile
 * with {@code -std=gnu11 -Wall -Wextra -Werror -ffreestanding -fsyntax-only} against the
 * libsel4cp/libmicrokit declaration headers in src/test/resources/migrate/sdk: with the host
 * gcc always, and with Debian's aarch64-linux-gnu-gcc when it is installed.
 */
class MigrateCompileTest {
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String name : new TreeSet<>(Fixtures.EXAMPLE_DIALECTS.keySet())) {
      for (String cc : List.of("gcc", "aarch64-linux-gnu-gcc")) {
        out.add(Arguments.of(name, Fixtures.EXAMPLE_DIALECTS.get(name), cc));
        out.add(Arguments.of(name, Dialect.MICROKIT, cc));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void compiles(String name, Dialect d, String cc, @TempDir Path dir) throws Exception {
    if (!Fixtures.onPath(cc)) {
      System.out.println("skipped: " + cc + " is not installed (scripts/install-deps.sh installs"
          + " gcc-aarch64-linux-gnu)");
      Assumptions.abort(cc + " not installed");
    }
    Migrator.Result r = Fixtures.migrate(Fixtures.example(name), d);
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    Project.Files files = Project.build(r, Project.ReportFormat.MD);
    Fixtures.writeAll(dir, files.files());
    List<String> failures = new ArrayList<>();
    check(dir, cc, "x", List.of(), "src/camkes_libc.c", failures);
    for (var e : files.pdSources().entrySet()) {
      for (String src : e.getValue()) {
        List<String> defs = new ArrayList<>(files.pdIncludes().get(e.getKey()));
        check(dir, cc, e.getKey(), defs, src, failures);
      }
    }
    assertThat(failures).isEmpty();
  }

  private static void check(Path dir, String cc, String pd, List<String> includes, String src,
      List<String> failures) throws Exception {
    List<String> cmd = Fixtures.syntaxCheck(cc, Fixtures.SDK, pd, includes, src);
    cmd.add(cmd.size() - 1, "-DLWIP_DEMO=1"); // the ethdriver example's CMake C_FLAGS
    Fixtures.Run run = Fixtures.run(dir, cmd);
    if (run.exit() != 0) failures.add(src + ":\n" + run.output());
  }
}
