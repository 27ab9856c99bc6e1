// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5, "the commands work on the bundled examples": each bundled CAmkES example is
 * migrated (its glue and the app's own component code) and lint-c runs on the result, every
 * PD with exactly the sources its Makefile compiles. The glue is correct by construction, so
 * any finding is a lint-c false positive (or a migrate bug).
 */
class LintCExamplesTest {
  @TempDir Path dir;

  static final Path EXAMPLES = Path.of("examples", "camkes");

  static Stream<Arguments> examples() {
    // vm-passthrough has a virtual machine, which only sel4cp-dev and Microkit can describe
    return Stream.of("sel4cp", "sel4cp-dev", "microkit").flatMap(d -> Stream.of("ethdriver",
        "hw-device", "ping-pong", "rpc-dataport-signal", "virtqueues", "vm-passthrough")
        .filter(app -> !(d.equals("sel4cp") && app.equals("vm-passthrough")))
        .map(app -> Arguments.of(app, d)));
  }

  /** Migrates the example into dir/app and writes dir/app/lint.map from its Makefile. */
  static Path migrate(Path dir, String app, String dialect) throws IOException {
    Path out = dir.resolve(app);
    CliTest.Run m = CliTest.run("migrate", EXAMPLES.resolve(app).resolve(app + ".camkes")
        .toString(), "-o", out.toString(), "--dialect", dialect);
    assertThat(m.code()).as(m.err()).isZero();
    Map<String, StringBuilder> map = new LinkedHashMap<>();
    // every object rule '$(BUILD_DIR)/<pd>/<obj>.o: <source> ...' compiles <source> into <pd>
    Matcher r = Pattern.compile("(?m)^\\$\\(BUILD_DIR\\)/([^/\\s]+)/\\S+\\.o: (\\S+)")
        .matcher(Files.readString(out.resolve("Makefile")));
    while (r.find()) {
      map.computeIfAbsent(r.group(1), k -> new StringBuilder()).append(' ').append(r.group(2));
    }
    assertThat(map).as("PDs compiled by the Makefile of " + app).isNotEmpty();
    StringBuilder text = new StringBuilder();
    map.forEach((pd, sources) -> text.append(pd).append(':').append(sources).append('\n'));
    Files.writeString(out.resolve("lint.map"), text.toString());
    return out;
  }

  static CliTest.Run lint(Path out, String app, String dialect, String... more) {
    String[] base = {"lint-c", "--dialect", dialect, out.resolve(app + ".system").toString(),
        "-I", out.resolve("include").toString()};
    String[] args = Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    return CliTest.run(args);
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("examples")
  void migratedExampleLintsClean(String app, String dialect) throws IOException {
    Path out = migrate(dir, app, dialect);
    CliTest.Run r = lint(out, app, dialect, "--map", out.resolve("lint.map").toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).doesNotContain("warning[").doesNotContain("error[")
        .contains(app + ".system: ").contains("linted, no errors");
  }

  @Test
  void aWrongIdInTheMigratedCodeIsFound() throws IOException {
    Path out = migrate(dir, "ping-pong", "sel4cp");
    Path header = out.resolve("include").resolve("ping.h");
    String h = Files.readString(header);
    assertThat(h).contains("#define CH_N1_PONG 0");
    Files.writeString(header, h.replace("#define CH_N1_PONG 0", "#define CH_N1_PONG 5"));
    CliTest.Run r = lint(out, "ping-pong", "sel4cp", "--map", out.resolve("lint.map")
        .toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("ping_glue.c").contains("error[LNT001]")
        .contains("5 is not a channel of 'ping'");
  }

  @Test
  void oneWayChannelsNeedThePeersCode() throws IOException {
    // ping only emits on channel 0; pong never notifies it. Linted alone, ping's notified()
    // is expected to handle it (sel4cp lets both ends notify); with pong's code it is not.
    Path out = migrate(dir, "ping-pong", "sel4cp");
    CliTest.Run alone = lint(out, "ping-pong", "sel4cp", "--pd", "ping",
        out.resolve("src/ping_glue.c").toString(), out.resolve("src/camkes_libc.c").toString(),
        out.resolve("components/Ping/src/ping.c").toString());
    assertThat(alone.code()).isZero();
    assertThat(alone.err()).contains("warning[LNT007]: notified() never handles channel 0");
  }
}
