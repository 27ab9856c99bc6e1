// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadersCommandTest {
  @TempDir Path dir;

  @Test
  void writesOneHeaderPerPd() throws Exception {
    Path out = dir.resolve("gen");
    CliTest.Run r = CliTest.run("headers", "examples/sdf/ping-pong.system", "-o", out.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("wrote " + out.resolve("ping.h"));
    assertThat(Files.readString(out.resolve("pong.h"))).contains("#define CH_PING_0 0");
  }

  @Test
  void rustAndPrefix() throws Exception {
    CliTest.Run r = CliTest.run("headers", "examples/sdf/driver.system", "-o", dir.toString(),
        "--lang", "rust", "--prefix", "SYS_");
    assertThat(r.code()).isZero();
    assertThat(Files.readString(dir.resolve("mydriver.rs")))
        .contains("pub const SYS_IRQ_142: usize = 7;");
  }

  @Test
  void clashesWriteNothing() {
    Path out = dir.resolve("gen");
    CliTest.Run r = CliTest.run("headers", "src/test/resources/codegen/clash.system", "-o",
        out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error[HDR001]").contains("nothing was written");
    assertThat(out).doesNotExist();
  }

  @Test
  void usageAndIoErrors() throws Exception {
    assertThat(CliTest.run("headers", "examples/sdf/driver.system", "-o", dir.toString(),
        "--prefix", "9x").code()).isEqualTo(2);
    assertThat(CliTest.run("headers", "examples/sdf/driver.system", "-o", dir.toString(),
        "--lang", "go").err()).contains("unknown language 'go'");
    Path file = Files.writeString(dir.resolve("f"), "x");
    CliTest.Run r = CliTest.run("headers", "examples/sdf/driver.system", "-o", file.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("is not a directory").doesNotContain("Exception");
    assertThat(CliTest.run("headers", "missing.system", "-o", dir.toString()).code())
        .isEqualTo(3);
  }

  @Test
  void invalidSdfIsReportedWithItsLocation() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.system"), CliTest.BAD_MAP);
    CliTest.Run r = CliTest.run("headers", bad.toString(), "-o", dir.resolve("gen").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(bad + ":5:9: error[SDF013]");
    assertThat(dir.resolve("gen")).doesNotExist();
  }
}
