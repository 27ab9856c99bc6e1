// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
  @TempDir Path dir;

  @Test
  void dotToStandardOutputByDefault() {
    CliTest.Run r = CliTest.run("graph", "examples/sdf/ping-pong.system");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("digraph \"ping-pong.system\" {").contains("\"pd:ping\"");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void formatFollowsTheOutputExtension() throws Exception {
    Path svg = dir.resolve("vmm.svg");
    Path html = dir.resolve("vmm.html");
    assertThat(CliTest.run("graph", "--dialect", "sel4cp-dev", "examples/sdf/vmm.system", "-o",
        svg.toString()).code()).isZero();
    assertThat(CliTest.run("graph", "--dialect", "sel4cp-dev", "examples/sdf/vmm.system",
        "--format", "html", "-o", html.toString()).code()).isZero();
    assertThat(Files.readString(svg)).startsWith("<svg xmlns=");
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("data-id=\"vm:linux\"");
  }

  @Test
  void invalidSystemIsALocatedErrorWithExitOne() throws Exception {
    Path bad = dir.resolve("bad.system");
    Files.writeString(bad, "<system>\n  <protection_domain name=\"p\" priority=\"300\">\n"
        + "    <program_image path=\"p.elf\" />\n  </protection_domain>\n</system>\n");
    CliTest.Run r = CliTest.run("graph", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(bad + ":2:").contains("error[").contains("cpkit check")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void missingFileAndBadFormatAreReported() {
    assertThat(CliTest.run("graph", dir.resolve("none.system").toString()).code()).isEqualTo(3);
    CliTest.Run r = CliTest.run("graph", "--format", "png", "examples/sdf/ping-pong.system");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("png");
    CliTest.Run w = CliTest.run("graph", "examples/sdf/ping-pong.system", "-o",
        dir.resolve("no/such/dir/x.dot").toString());
    assertThat(w.code()).isEqualTo(3);
    assertThat(w.err()).contains("does not exist");
  }
}
