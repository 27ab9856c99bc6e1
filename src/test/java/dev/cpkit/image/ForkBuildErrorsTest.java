// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.cli.Main;
import dev.cpkit.image.fixture.SyntheticSdk;
import dev.cpkit.image.fixture.SyntheticSdk.Board;
import dev.cpkit.image.fixture.SyntheticSdk.ForkConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cpkit build --dialect sel4cp-dev} on broken or unsupported fork SDKs: the fork's own
 * message where it prints one (checked against the fork's output), a located IMG error with
 * exit status 1 where it crashes, IMG007 with status 2 for what cpkit does not build yet.
 */
class ForkBuildErrorsTest {
  @TempDir Path dir;
  Path hello;
  Path config;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void writeHello() throws IOException {
    hello = ForkFixtures.write(ForkFixtures.cases().get(0), dir.resolve("hello"));
    config = hello.resolve("sdk/board/zcu102/debug/config.json");
  }

  Run build(String format) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"build", hello.resolve("case.system").toString(),
        "--sdk", hello.resolve("sdk").toString(), "--board", "zcu102", "--config", "debug",
        "-o", dir.resolve("out.img").toString(), "-r", dir.resolve("out.txt").toString(),
        "--search-path", hello.toString(), "--dialect", "sel4cp-dev", "--message-format",
        format}, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void missingConfigJsonIsCheckedBeforeTheElfFolder() throws IOException {
    Files.delete(config);
    Files.walk(hello.resolve("sdk/board/zcu102/debug/elf")).sorted(java.util.Comparator
        .reverseOrder()).forEach(p -> p.toFile().delete());
    // the fork's output (its exit status is 1, nothing on stderr)
    Run r = build("sel4cp");
    assertThat(r.out()).isEqualTo("Error: auto-generated kernel config '" + config
        + "' does not exist\n");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(1);
    r = build("human");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("IMG006").contains(config.toString());
    assertNoOutputs();
  }

  @Test
  void missingKeyIsALocatedError() throws IOException {
    // the fork dies with KeyError: 'MAX_NUM_NODES' (a traceback, exit status 1)
    Files.writeString(config, Files.readString(config)
        .replace(",\n    \"MAX_NUM_NODES\": \"1\"", ""));
    for (String format : new String[] {"sel4cp", "human"}) {
      Run r = build(format);
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).contains("IMG081").contains("MAX_NUM_NODES")
          .contains(hello.resolve("case.system").toString());
    }
    assertNoOutputs();
  }

  @Test
  void x86IsRefusedAsTheForkFails() throws IOException {
    // the fork accepts the configuration, then dies with NameError in its boot emulation
    Files.writeString(config, Files.readString(config).replace("aarch64", "x86_64"));
    Run r = build("sel4cp");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("IMG007").contains("x86_64 SDKs are not supported");
    assertNoOutputs();
  }

  @Test
  void riscvOtherThanSv39IsRefusedAsTheForkFails() throws IOException {
    // the fork: PT_LEVELS 4 fails its Sv39 assertion, none fails its kernel-base computation
    Files.writeString(config, new ForkConfig("riscv64", false, false, 1L << 38, 12, 256, true,
        1, 4).toJson());
    Run r = build("sel4cp");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("IMG007").contains("PT_LEVELS 4 are not supported");
    Files.writeString(config, Files.readString(config).replace("    \"PT_LEVELS\": \"4\",\n",
        ""));
    r = build("human");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("IMG007").contains("no PT_LEVELS");
    assertNoOutputs();
  }

  @Test
  void virtualMachinesNeedAHypervisorKernel() throws IOException {
    Files.writeString(hello.resolve("case.system"), Files.readString(hello.resolve(
        "case.system")).replace("</protection_domain>",
            "<virtual_machine name=\"vm\" id=\"1\" /></protection_domain>"));
    // the fork's output on the same inputs
    Run r = build("sel4cp");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("virtual_machine only available when kernel is built"
        + " as a hypervisor\n");
    Files.writeString(config, ForkConfig.aarch64().withHypervisor(true).toJson());
    assertThat(build("sel4cp").code()).isZero();
  }

  @Test
  void cpuAffinityIsCheckedAgainstTheConfiguredCores() throws IOException {
    Files.writeString(hello.resolve("case.system"), Files.readString(hello.resolve(
        "case.system")).replace("priority=\"254\"", "priority=\"254\" cpu=\"1\""));
    Run r = build("sel4cp");
    assertThat(r.code()).isEqualTo(1);
    // the fork's output on the same inputs (3.4: the element's line and column)
    assertThat(r.out()).isEqualTo("Error: CPU affinity must be between 0 and 0 on element"
        + " 'protection_domain': " + hello.resolve("case.system") + ":3.4\n");
    Files.writeString(config, ForkConfig.aarch64().withCpus(2).toJson());
    assertThat(build("sel4cp").code()).isZero();
    // MAX_NUM_NODES 0: the fork rejects even cpu 0 (its output on the same inputs)
    Files.writeString(config, ForkConfig.aarch64().withCpus(0).toJson());
    r = build("sel4cp");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("Error: CPU affinity must be between 0 and -1 on element"
        + " 'protection_domain': " + hello.resolve("case.system") + ":3.4\n");
  }

  @Test
  void irqIdsOver63AreALocatedError() throws IOException {
    // the fork accepts any <irq> id, then fails packing the badge 1 << id (struct.error)
    Files.writeString(hello.resolve("case.system"), Files.readString(hello.resolve(
        "case.system")).replace("</protection_domain>",
            "<irq irq=\"40\" id=\"70\" /></protection_domain>"));
    Run r = build("sel4cp");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("IMG").contains("70");
    assertNoOutputs();
  }

  @Test
  void bootstrapTooLargeForTheMonitor() throws IOException {
    Files.write(hello.resolve("sdk/board/zcu102/debug/elf/monitor.elf"),
        SyntheticSdk.monitor(Board.zcu102Like().withMonitorLimits(256, 200)));
    Run r = build("sel4cp");
    // the fork: the BUILT lines, then on stderr three lines and a TypeError traceback (its
    // dump calls invocation_to_str wrongly); cpkit: the same lines, then its located error
    assertThat(r.out()).isEqualTo(ForkGoldenBuildTest.golden(ForkFixtures.cases().get(0),
        "stdout.txt"));
    assertThat(r.err()).startsWith("INTERNAL ERROR: bootstrap invocations too large\n"
        + "bootstrap invocation array size   : 200\n"
        + "bootstrap invocation required size: 576\n").contains("IMG061");
    assertThat(r.code()).isEqualTo(1);
    assertNoOutputs();
    assertThat(build("human").err()).doesNotContain("INTERNAL ERROR").contains("IMG061");
  }

  @Test
  void invocationTablePagesOverTheFanOutLimit() throws IOException {
    // the fork asserts that the table's pages from one untyped fit one retype (here 9 > 8):
    // an AssertionError in its second pass, after one BUILT line (its output, same inputs)
    Fixtures.Case many = Fixtures.many("many", Board.zcu102Like(), 12, 2);
    Files.writeString(hello.resolve("case.system"), many.system());
    for (String p : many.programs().keySet()) {
      Files.write(hello.resolve(p), SyntheticSdk.program(many.programs().get(p), 0));
    }
    Files.writeString(config, ForkConfig.aarch64().withFanOutLimit(8).toJson());
    Run r = build("sel4cp");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("BUILT: system_cnode_size=2 built_system.number_of_system_caps"
        + "=392 invocation_table_size=4096 built_system.invocation_data_size=36360\n");
    assertThat(r.err()).contains("IMG034").contains("9 pages").contains("at most 8");
    assertNoOutputs();
  }

  private void assertNoOutputs() {
    assertThat(dir.resolve("out.img")).doesNotExist();
    assertThat(dir.resolve("out.txt")).doesNotExist();
  }
}
