// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.system.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * seL4DTBHardware interrupts registered the libplatsupport way: dtb.camkes's driver glue,
 * host-compiled with gcc and linked with a driver that registers two timer handlers with
 * tokens through {@code camkes_io_ops()} and {@code ps_irq_register()} (the UART keeps
 * {@code uart_irq_handle()}) and a fake runtime that delivers the interrupts through
 * {@code notified()} and records {@code irq_ack}: each handler gets its token and acknowledges
 * its channel; unknown, duplicate, edge and NULL registrations fail with libplatsupport's codes;
 * after unregistering, the interface's handle function gets the interrupt again. Both dialects.
 */
class PsIrqRoundTripTest {
  static final Path DATA = Fixtures.DATA.resolve("psirq");

  @Test
  void registeredHandlersGetTheirInterrupts(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Fixtures.onPath("gcc"), "gcc not installed");
    for (Dialect d : List.of(Dialect.SEL4CP, Dialect.MICROKIT)) {
      Path out = migrate(dir, d);
      List<String> base = List.of("gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-O1", "-c",
          "-I" + Fixtures.SDK.toAbsolutePath(), "-Iinclude", "-DCAMKES_PD_HEADER=\"drv.h\"");
      compile(out, base, "src/drv_glue.c");
      compile(out, base, DATA.resolve("driver.c").toAbsolutePath().toString());
      compile(out, base, DATA.resolve("fake_runtime.c").toAbsolutePath().toString(),
          d == Dialect.MICROKIT ? "-DMICROKIT" : "-DSEL4CP");
      Fixtures.Run linked = Fixtures.run(out, List.of("gcc", "-o", "psirq", "drv_glue.o",
          "driver.o", "fake_runtime.o"));
      assertThat(linked.exit()).as(linked.output()).isZero();
      Fixtures.Run run = Fixtures.run(out, List.of("./psirq"));
      assertThat(run.output()).as("%s", d).doesNotContain("FAIL").contains("passes 33 fails 0");
      assertThat(run.exit()).isZero();
    }
  }

  /** The driver compiles freestanding against the generated header, for the host and aarch64. */
  @Test
  void driverCompilesFreestanding(@TempDir Path dir) throws Exception {
    List<String> ccs = new ArrayList<>();
    for (String cc : List.of("gcc", "aarch64-linux-gnu-gcc")) if (Fixtures.onPath(cc)) ccs.add(cc);
    Assumptions.assumeFalse(ccs.isEmpty(), "no compiler installed");
    for (Dialect d : List.of(Dialect.SEL4CP, Dialect.MICROKIT)) {
      Path out = migrate(dir, d);
      for (String cc : ccs) {
        for (String file : List.of("src/drv_glue.c",
            DATA.resolve("driver.c").toAbsolutePath().toString())) {
          Fixtures.Run run = Fixtures.run(out, Fixtures.syntaxCheck(cc, Fixtures.SDK, "drv",
              List.of(), file));
          assertThat(run.exit()).as("%s %s %s\n%s", cc, d, file, run.output()).isZero();
        }
      }
    }
  }

  /**
   * The headers a libplatsupport driver includes exist where a PD has DTB interrupts and
   * refuse to compile in a PD without them; projects without DTB interrupts do not get them.
   */
  @Test
  void platsupportHeadersOnlyWithDtbInterrupts(@TempDir Path dir) throws Exception {
    Path camkes = MigrateDtbTest.DIR.resolve("dtb.camkes");
    Migrator.Result r = Fixtures.migrate(camkes, Fixtures.options(camkes, Dialect.SEL4CP),
        MigrateDtbTest.DTB);
    var files = Project.build(r, Project.ReportFormat.MD).files();
    for (String h : PsIrqWriter.SHIMS) {
      assertThat(new String(files.get("include/" + h), java.nio.charset.StandardCharsets.UTF_8))
          .contains("#include <camkes.h>", "#ifndef CAMKES_PS_IRQ_T", "#error");
    }
    Migrator.Result none = Fixtures.migrate(camkes, Fixtures.options(camkes, Dialect.SEL4CP));
    assertThat(Project.build(none, Project.ReportFormat.MD).files().keySet())
        .noneMatch(f -> f.contains("platsupport") || f.startsWith("include/camkes/"));
    Assumptions.assumeTrue(Fixtures.onPath("gcc"), "gcc not installed");
    Path out = dir.resolve("out");
    Fixtures.writeAll(out, files);
    Files.writeString(out.resolve("other.h"), "#pragma once\n");
    Files.writeString(out.resolve("uses.c"), "#include <platsupport/irq.h>\n");
    Fixtures.Run run = Fixtures.run(out, Fixtures.syntaxCheck("gcc", Fixtures.SDK, "../other",
        List.of(), "uses.c"));
    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).contains("no seL4DTBHardware interrupts");
  }

  private static Path migrate(Path dir, Dialect d) throws Exception {
    Path camkes = MigrateDtbTest.DIR.resolve("dtb.camkes");
    Migrator.Result r = Fixtures.migrate(camkes, Fixtures.options(camkes, d), MigrateDtbTest.DTB);
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    Path out = dir.resolve("out-" + d.name());
    Fixtures.writeAll(out, Project.build(r, Project.ReportFormat.MD).files());
    return out;
  }

  private static void compile(Path out, List<String> base, String src, String... extra)
      throws Exception {
    List<String> cmd = new ArrayList<>(base);
    cmd.addAll(List.of(extra));
    cmd.add(src);
    cmd.add("-o");
    cmd.add(Path.of(src).getFileName().toString().replace(".c", ".o"));
    Fixtures.Run run = Fixtures.run(out, cmd);
    assertThat(run.exit()).as("%s\n%s", String.join(" ", cmd), run.output()).isZero();
    assertThat(Files.exists(out.resolve(cmd.get(cmd.size() - 1)))).isTrue();
  }
}
