// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cpkit migrate} end to end: files, reruns, refusing to overwrite, bad input. */
class MigrateCliTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static final String PING_PONG = "examples/camkes/ping-pong/ping-pong.camkes";

  static Map<String, byte[]> snapshot(Path dir) throws Exception {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }

  @Test
  void writesTheProjectAndASecondRunIsByteIdentical() throws Exception {
    Path out = tmp.resolve("out");
    Run r = run("migrate", PING_PONG, "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 protection domains");
    assertThat(out.resolve("ping-pong.system")).exists();
    assertThat(out.resolve("include/ping.h")).exists();
    assertThat(out.resolve("src/pong_glue.c")).exists();
    assertThat(out.resolve("include/camkes.h")).exists();
    assertThat(out.resolve("components/Ping/src/ping.c")).exists();
    assertThat(out.resolve("MIGRATION.md")).exists();
    assertThat(Files.readString(out.resolve("Makefile"))).contains("SEL4CP_SDK",
        "TOOLCHAIN ?= aarch64-none-elf", "$(BUILD_DIR)/loader.img", "-lsel4cp -Tsel4cp.ld");
    Map<String, byte[]> first = snapshot(out);
    assertThat(run("migrate", PING_PONG, "-o", out.toString()).code()).isZero();
    Map<String, byte[]> second = snapshot(out);
    assertThat(second.keySet()).isEqualTo(first.keySet());
    for (String k : first.keySet()) assertThat(second.get(k)).as(k).isEqualTo(first.get(k));
    // and the result passes cpkit check
    assertThat(run("check", out.resolve("ping-pong.system").toString()).code()).isZero();
  }

  @Test
  void neverOverwritesAFileItDidNotWrite() throws Exception {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("Makefile"), "# mine\n");
    Run r = run("migrate", PING_PONG, "-o", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("MIG011", "Makefile", "--force");
    assertThat(Files.readString(out.resolve("Makefile"))).isEqualTo("# mine\n");
    assertThat(snapshot(out)).containsOnlyKeys("Makefile");
    assertThat(run("migrate", PING_PONG, "-o", out.toString(), "--force").code()).isZero();
    assertThat(Files.readString(out.resolve("Makefile"))).contains("SEL4CP_SDK");
  }

  @Test
  void anEditedGeneratedFileIsKept() throws Exception {
    Path out = tmp.resolve("out");
    assertThat(run("migrate", PING_PONG, "-o", out.toString()).code()).isZero();
    Files.writeString(out.resolve("components/Ping/src/ping.c"), "/* edited */\n");
    Run r = run("migrate", PING_PONG, "-o", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("components/Ping/src/ping.c");
    assertThat(Files.readString(out.resolve("components/Ping/src/ping.c")))
        .isEqualTo("/* edited */\n");
  }

  @Test
  void jsonReportAndMicrokitDialect() throws Exception {
    Path out = tmp.resolve("out");
    Run r = run("migrate", PING_PONG, "-o", out.toString(), "--report-format", "json",
        "--dialect", "microkit");
    assertThat(r.code()).as(r.err()).isZero();
    String json = Files.readString(out.resolve("MIGRATION.json"));
    assertThat(json).contains("\"dialect\": \"microkit\"", "\"summary\": {\"exact\": ");
    assertThat(Files.readString(out.resolve("Makefile"))).contains("MICROKIT_SDK",
        "-lmicrokit -Tmicrokit.ld");
    assertThat(Files.readString(out.resolve("src/ping_glue.c"))).contains("#include <microkit.h>",
        "microkit_notify(").doesNotContain("have_signal");
    assertThat(run("check", "--dialect", "microkit", out.resolve("ping-pong.system").toString())
        .code()).isZero();
    Path md = tmp.resolve("md");
    assertThat(run("migrate", PING_PONG, "-o", md.toString(), "--dialect", "microkit").code())
        .isZero();
    assertThat(Files.readString(md.resolve("MIGRATION.md")))
        .contains("# Migration of ping-pong.camkes to Microkit\n");
  }

  @Test
  void badInputGivesALocatedErrorAndNoOutput() throws Exception {
    Path app = tmp.resolve("bad.camkes");
    Files.writeString(app, """
        import <std_connector.camkes>;
        component A { control; }
        component VM { control; }
        assembly { composition { component A a; component VM vm; } }
        """);
    Path out = tmp.resolve("out");
    Run r = run("migrate", app.toString(), "-o", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("bad.camkes:4:", "MIG003", "--dialect sel4cp-dev");
    assertThat(out).doesNotExist();
    Files.writeString(app, "component A {\n");
    r = run("migrate", app.toString(), "-o", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("bad.camkes:", "MIG001");
    assertThat(out).doesNotExist();
  }

  @Test
  void usageErrors() {
    assertThat(run("migrate", PING_PONG, "-o", tmp.toString(), "--dialect", "nope").code())
        .isEqualTo(2);
    assertThat(run("migrate", PING_PONG, "-o", tmp.toString(), "--board", "nope").code())
        .isEqualTo(2);
    assertThat(run("migrate", "missing.camkes", "-o", tmp.toString()).code()).isEqualTo(3);
  }

  @Test
  void sourcesOverride() throws Exception {
    Path out = tmp.resolve("out");
    Path extra = tmp.resolve("alt.c");
    Files.writeString(extra, "#include <camkes.h>\nint run(void) { return 0; }\n");
    Run r = run("migrate", PING_PONG, "-o", out.toString(), "--sources", "Ping=" + extra);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(out.resolve("external/alt.c")).exists();
    assertThat(Files.readString(out.resolve("Makefile"))).contains("external/alt.c")
        .doesNotContain("components/Ping/src/ping.c");
  }

  static final String DTB_APP = "src/test/resources/migrate/dtb/dtb.camkes";

  @Test
  void deviceTreeBlobAndSourceGiveTheSameProject() throws Exception {
    Path a = tmp.resolve("a");
    Run r = run("migrate", DTB_APP, "-o", a.toString(), "--dtb",
        "src/test/resources/migrate/dtb/board.dtb");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(a.resolve("dtb.system"))).contains("phys_addr=\"0x50002000\"");
    assertThat(Files.readString(a.resolve("MIGRATION.md"))).contains("/soc@40000000/timer@2040");
    boolean dtc = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, "dtc")));
    if (dtc) {
      Path b = tmp.resolve("b");
      r = run("migrate", DTB_APP, "-o", b.toString(), "--dts",
          "src/test/resources/migrate/dtb/board.dts");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(snapshot(b)).containsOnlyKeys(snapshot(a).keySet());
      assertThat(Files.readString(b.resolve("dtb.system")))
          .isEqualTo(Files.readString(a.resolve("dtb.system")));
    }
  }

  @Test
  void deviceTreeErrors() {
    Run r = run("migrate", DTB_APP, "-o", tmp.resolve("x").toString(), "--dtb", "a.dtb",
        "--dts", "a.dts");
    assertThat(r.code()).isEqualTo(2);
    r = run("migrate", DTB_APP, "-o", tmp.resolve("x").toString(), "--dtb",
        "src/test/resources/migrate/dtb/board.dts");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("CAM150");
    assertThat(tmp.resolve("x")).doesNotExist();
  }
}
