// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyseCommandTest {
  @TempDir Path dir;

  static final String EQUAL_PRIORITY_CALL = """
      <system>
          <protection_domain name="server" priority="100" pp="true">
              <program_image path="server.elf" />
          </protection_domain>
          <protection_domain name="client" priority="100">
              <program_image path="client.elf" />
          </protection_domain>
          <channel><end pd="server" id="0" /><end pd="client" id="0" /></channel>
      </system>
      """;

  @Test
  void cleanExampleExitsZeroWithSummary() {
    CliTest.Run r = CliTest.run("analyse", "examples/sdf/ping-pong.system");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("examples/sdf/ping-pong.system: no findings")
        .contains("memory (per address space").contains("capacity: 2 of 63");
  }

  @Test
  void notesDoNotFailButErrorsDo() throws Exception {
    CliTest.Run notes = CliTest.run("analyse", "examples/sdf/driver.system");
    assertThat(notes.code()).isZero();
    assertThat(notes.out()).contains("note[ANA103]");
    Path p = dir.resolve("call.system");
    Files.writeString(p, EQUAL_PRIORITY_CALL);
    CliTest.Run errors = CliTest.run("analyse", p.toString());
    assertThat(errors.code()).isEqualTo(1);
    assertThat(errors.out()).contains(p + ":8:5: error[ANA001]: 'client' (priority 100) may call"
        + " 'server'");
    assertThat(CliTest.run("analyse", "--fail-on", "never", p.toString()).code()).isZero();
    assertThat(CliTest.run("analyse", "--fail-on", "warning", "examples/sdf/driver.system")
        .code()).isZero();
  }

  @Test
  void sarifAndJsonGoToStandardOutputOrAFile() throws Exception {
    Path p = dir.resolve("call.system");
    Files.writeString(p, EQUAL_PRIORITY_CALL);
    CliTest.Run sarif = CliTest.run("analyse", "--format", "sarif", p.toString());
    assertThat(sarif.code()).isEqualTo(1);
    assertThat(sarif.out()).contains("\"version\": \"2.1.0\"").contains("\"ruleId\": \"ANA001\"");
    Path out = dir.resolve("report.json");
    CliTest.Run json = CliTest.run("analyse", "--format", "json", "-o", out.toString(),
        "examples/sdf/passive-server.system");
    assertThat(json.code()).isZero();
    assertThat(Files.readString(out)).startsWith("{\"file\":\"examples/sdf/passive-server.system\"");
  }

  @Test
  void invalidInputIsLocatedAndExitsOne() throws Exception {
    Path bad = dir.resolve("bad.system");
    Files.writeString(bad, "<system>\n  <memory_region name=\"m\" />\n</system>\n");
    CliTest.Run r = CliTest.run("analyse", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(bad + ":2:").contains("nothing was analysed")
        .doesNotContain("Exception");
    CliTest.Run sarif = CliTest.run("analyse", "--format", "sarif", bad.toString());
    assertThat(sarif.code()).isEqualTo(1);
    assertThat(sarif.out()).contains("\"level\": \"error\"");
  }

  @Test
  void ramOptionIsParsedAndChecked() {
    CliTest.Run r = CliTest.run("analyse", "--ram", "0x30000000+0x1000000",
        "examples/sdf/driver.system");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("RAM, fixed").contains("RAM given with --ram")
        .doesNotContain("ANA204");
    CliTest.Run bad = CliTest.run("analyse", "--ram", "lots", "examples/sdf/driver.system");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--ram: expected BASE+SIZE");
  }

  static final String CODE = "src/test/resources/analysis/code/";

  @Test
  void cCodeFromAMapOrOnePd() {
    CliTest.Run map = CliTest.run("analyse", CODE + "code.system", "--map", CODE + "code.map");
    assertThat(map.code()).as(map.err()).isZero(); // warnings do not fail by default
    assertThat(map.out()).contains(CODE + "code.system:13:9: warning[ANA304]: region 'input'")
        .contains("warning[ANA305]").contains("warning[ANA306]")
        .contains("note: cannot tell whether 'reader' writes region 'scratch'");
    assertThat(CliTest.run("analyse", "--fail-on", "warning", CODE + "code.system", "--map",
        CODE + "code.map").code()).isEqualTo(1);

    CliTest.Run one = CliTest.run("analyse", CODE + "code.system", "--pd", "reader",
        CODE + "reader.c");
    assertThat(one.out()).contains("warning[ANA304]").doesNotContain("ANA305")
        .doesNotContain("ANA306");

    CliTest.Run clean = CliTest.run("analyse", CODE + "clean.system", "--map",
        CODE + "code.map");
    assertThat(clean.out()).contains(CODE + "clean.system: no findings")
        .doesNotContain("cannot tell");
  }

  @Test
  void cCodeUsageErrors() {
    CliTest.Run noPd = CliTest.run("analyse", CODE + "code.system", CODE + "reader.c");
    assertThat(noPd.code()).isEqualTo(2);
    assertThat(noPd.err()).contains("C SOURCES need --pd NAME");
    CliTest.Run both = CliTest.run("analyse", CODE + "code.system", "--map", CODE + "code.map",
        "--pd", "reader", CODE + "reader.c");
    assertThat(both.code()).isEqualTo(2);
    CliTest.Run unknown = CliTest.run("analyse", CODE + "code.system", "--pd", "raeder",
        CODE + "reader.c");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("did you mean 'reader'?");
    CliTest.Run missing = CliTest.run("analyse", CODE + "code.system", "--pd", "reader",
        CODE + "nope.c");
    assertThat(missing.code()).isEqualTo(3);
  }
}
