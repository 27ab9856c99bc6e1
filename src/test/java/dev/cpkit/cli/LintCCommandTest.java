// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCCommandTest {
  static final String SYSTEM = "src/test/resources/lint/system.system";
  @TempDir Path dir;

  @Test
  void cleanMapExitsZero() {
    CliTest.Run r = CliTest.run("lint-c", SYSTEM, "--map", "src/test/resources/lint/clean.map");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("4 protection domains linted, no errors");
    assertThat(r.err()).doesNotContain("LNT");
  }

  @Test
  void findingsCarryFileLineColumn() {
    CliTest.Run r = CliTest.run("lint-c", SYSTEM, "--pd", "client",
        "src/test/resources/lint/bad/client.c");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("src/test/resources/lint/bad/client.c:10:5: error[LNT001]:"
        + " sel4cp_notify(BAD): 9 is not a channel of 'client'")
        .contains("6 errors, 5 warnings"); // 4 lint warnings and the SDF's own SDF104
  }

  @Test
  void jsonFormat() {
    CliTest.Run r = CliTest.run("lint-c", SYSTEM, "--pd", "driver", "--message-format", "json",
        "src/test/resources/lint/bad/driver.c");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("\"code\":\"LNT002\"");
  }

  @Test
  void usageErrors() throws Exception {
    assertThat(CliTest.run("lint-c", SYSTEM).code()).isEqualTo(2);
    assertThat(CliTest.run("lint-c", SYSTEM, "--pd", "client").code()).isEqualTo(2);
    CliTest.Run r = CliTest.run("lint-c", SYSTEM, "--pd", "cliant",
        "src/test/resources/lint/clean/client.c");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("did you mean 'client'?");
    assertThat(CliTest.run("lint-c", SYSTEM, "--pd", "client", "nope.c").code()).isEqualTo(3);
    Path map = Files.writeString(dir.resolve("m.map"), "client clean/client.c\n");
    CliTest.Run m = CliTest.run("lint-c", SYSTEM, "--map", map.toString());
    assertThat(m.code()).isEqualTo(1);
    assertThat(m.err()).contains(map + ":1: expected 'pd: source...'");
  }

  @Test
  void dashDAndIncludeDirs() throws Exception {
    Files.writeString(dir.resolve("ids.h"), "#define MY_CH 40\n");
    Path c = Files.writeString(dir.resolve("c.c"), "#include <ids.h>\nuintptr_t client_buf;\n"
        + "void notified(sel4cp_channel ch) { (void)ch; }\n"
        + "void init(void) { sel4cp_notify(MY_CH); sel4cp_notify(OTHER); }\n");
    CliTest.Run r = CliTest.run("lint-c", SYSTEM, "--pd", "client", "-I", dir.toString(), "-D",
        "OTHER=41", c.toString());
    assertThat(r.err()).contains("sel4cp_notify(MY_CH): 40 is not a channel")
        .contains("sel4cp_notify(OTHER): 41 is not a channel");
  }
}
