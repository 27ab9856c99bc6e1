// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradeCommandTest {
  static final String PROJECT = "src/test/resources/upgrade/project/";
  @TempDir Path dir;

  @Test
  void upgradesSdfAndSourcesWithAReport() throws Exception {
    CliTest.Run r = CliTest.run("upgrade", "--dialect", "sel4cp-dev", PROJECT + "vmm.system",
        PROJECT + "vmm.c", PROJECT + "vmm_config.h", "-o", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("upgraded to microkit-2.3.0").contains("9 items need a person");
    assertThat(Files.readString(dir.resolve("vmm.system"))).contains("<vcpu id=\"0\" />");
    assertThat(Files.readString(dir.resolve("vmm.c"))).isEqualTo(Files.readString(
        Path.of("src/test/resources/upgrade/expected/vmm.c")));
    String report = Files.readString(dir.resolve("upgrade-report.md"));
    assertThat(report).contains("## Needs a person (9)")
        .contains("`" + PROJECT + "vmm.c:43:5` UPG003: 'sel4cp_fault_reply' has no Microkit"
            + " counterpart");
  }

  @Test
  void olderTargetAndPp() throws Exception {
    CliTest.Run r = CliTest.run("upgrade", "examples/sdf/passive-server.system", "-o",
        dir.toString(), "--to", "microkit-2.0.0");
    assertThat(r.code()).isZero();
    assertThat(Files.readString(dir.resolve("passive-server.system")))
        .contains("<end pd=\"client\" id=\"0\" pp=\"true\" />");
    assertThat(Files.readString(dir.resolve("upgrade-report.md"))).doesNotContain("stack");
  }

  @Test
  void unconvertibleSystemWritesNothing() throws Exception {
    Path sdf = Files.writeString(dir.resolve("both.system"), """
        <system>
            <protection_domain name="a" priority="1" pp="true"><program_image path="a" /></protection_domain>
            <protection_domain name="b" priority="2" pp="true"><program_image path="b" /></protection_domain>
            <channel><end pd="a" id="0" /><end pd="b" id="0" /></channel>
        </system>
        """);
    Path out = dir.resolve("out");
    CliTest.Run r = CliTest.run("upgrade", sdf.toString(), "-o", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("error[SDF109]").contains("nothing was written");
    assertThat(out).doesNotExist();
  }

  @Test
  void usageErrors() {
    assertThat(CliTest.run("upgrade", "examples/sdf/driver.system", "-o", dir.toString(),
        "--to", "microkit-1.4.1").err()).contains("unknown release 'microkit-1.4.1'");
    assertThat(CliTest.run("upgrade", "examples/sdf/driver.system", "-o", dir.toString(),
        "--from-release", "2.0.0").code()).isEqualTo(2);
    assertThat(CliTest.run("upgrade", "--dialect", "microkit", "examples/sdf/driver.system",
        "-o", dir.toString()).err()).contains("needs --from-release");
    assertThat(CliTest.run("upgrade", "examples/sdf/driver.system", "x.c", "sub/x.c", "-o",
        dir.toString()).code()).isEqualTo(2);
  }
}
