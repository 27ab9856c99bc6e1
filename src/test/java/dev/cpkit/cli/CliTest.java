// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end tests of the command line: exit codes, streams and formats. */
class CliTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  static final String VALID = """
      <system>
          <memory_region name="buf" size="0x1000" />
          <protection_domain name="ping" priority="1">
              <program_image path="ping.elf" />
              <map mr="buf" vaddr="0x2000000" />
          </protection_domain>
      </system>
      """;

  static final String BAD_MAP = """
      <system>
          <memory_region name="buf" size="0x1000" />
          <protection_domain name="ping" priority="1">
              <program_image path="ping.elf" />
              <map mr="buff" vaddr="0x2000000" />
              <map mr="buf" vaddr="0x2000000" perms="w" />
          </protection_domain>
      </system>
      """;

  @Test
  void validFileExitsZeroWithSummary() throws IOException {
    Run r = run("check", file("ok.system", VALID).toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("ok.system: ok (sel4cp, board default: 1 protection domain,"
        + " 1 memory region, 0 channels)");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void humanFormatShowsEveryErrorWithSourceCaretAndHint() throws IOException {
    Path p = file("bad.system", BAD_MAP);
    Run r = run("check", p.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(p + ":6:48: error[SDF026]: perms must not be 'w', write-only mappings are not"
            + " allowed")
        .contains(" 6 |         <map mr=\"buf\" vaddr=\"0x2000000\" perms=\"w\" />")
        .contains(p + ":5:9: error[SDF013]: Invalid memory region name 'buff' on 'map'")
        .contains("= hint: did you mean 'buf'?")
        .contains("2 errors, 0 warnings");
    // the caret sits under the offending value
    String[] lines = r.err().split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("perms=\"w\"") && lines[i].startsWith(" 6 |")) {
        int caret = lines[i + 1].indexOf('^');
        assertThat(lines[i].charAt(caret)).isEqualTo('w');
      }
    }
  }

  @Test
  void sel4cpFormatPrintsOnlyTheReferenceFirstErrorOnStdout() throws IOException {
    Path p = file("bad.system", BAD_MAP);
    Run r = run("check", "--message-format", "sel4cp", p.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("Error: perms must not be 'w', write-only mappings are not"
        + " allowed on element 'map': " + p + ":6.8\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void sel4cpFormatPrintsReferenceWarningsWhenValid() throws IOException {
    Path p = file("w.system", VALID.replace("<memory_region name=\"buf\" size=\"0x1000\" />",
        "<memory_region name=\"buf\" size=\"0x1000\" /><memory_region name=\"spare\""
            + " size=\"0x1000\" />"));
    Run r = run("check", "--message-format=sel4cp", p.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("WARNING: Unused memory region: spare\n");
  }

  @Test
  void jsonFormatIsOneObjectPerLine() throws IOException {
    Path p = file("bad.system", BAD_MAP);
    Run r = run("check", "--message-format", "json", p.toString());
    assertThat(r.code()).isEqualTo(1);
    String[] lines = r.err().strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("{\"severity\":\"error\",\"code\":\"SDF026\",")
        .contains("\"line\":6,\"column\":48")
        .endsWith("\"notes\":[{\"message\":\"seL4 cannot map pages write-only; use perms=\\\"rw\\\"\"}]}");
  }

  @Test
  void missingFileIsAnIoError() {
    Run r = run("check", dir.resolve("nope.system").toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("does not exist");
  }

  @Test
  void unknownDialectAndBoardAreUsageErrors() throws IOException {
    Path p = file("ok.system", VALID);
    Run r = run("check", "--dialect", "camkes", p.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown dialect 'camkes'");
    r = run("check", "--dialect", "sel4cp-dev", "--board", "qemu_arm_virtt", p.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown board 'qemu_arm_virtt'")
        .contains("did you mean 'qemu_arm_virt'?");
  }

  @Test
  void unknownOptionIsAUsageError() throws IOException {
    Run r = run("check", "--frobnicate", file("ok.system", VALID).toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void helpAndVersion() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("check").contains("fmt");
    r = run("check", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--message-format").contains("--dialect");
    r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("cpkit ");
    assertThat(run().code()).isEqualTo(2);
  }

  /** The start-up fast path and picocli must agree; --kernel-config forces picocli. */
  @Test
  void fastPathAndPicocliAgree() throws IOException {
    Path p = file("bad.system", BAD_MAP);
    Path empty = file("empty.conf", "# no overrides\n");
    for (String format : new String[] {"human", "sel4cp", "json"}) {
      Run fast = run("check", "--message-format", format, p.toString());
      Run slow = run("check", "--message-format", format, "--kernel-config", empty.toString(),
          p.toString());
      assertThat(fast).isEqualTo(slow);
    }
    Run fast = run("check", "-q", file("ok.system", VALID).toString());
    assertThat(fast.out()).isEmpty();
  }

  @Test
  void kernelConfigOverridesBoardFacts() throws IOException {
    Path vm = file("vm.system", """
        <system>
            <memory_region name="ram" size="0x1000" />
            <protection_domain name="vmm" priority="10" cpu="1">
                <program_image path="vmm.elf" />
                <virtual_machine name="guest" id="0"><map mr="ram" vaddr="0x0" /></virtual_machine>
            </protection_domain>
        </system>
        """);
    Run r = run("check", "--dialect", "sel4cp-dev", "--message-format", "sel4cp", vm.toString());
    assertThat(r.out()).startsWith("Error: CPU affinity must be between 0 and 0 on element"
        + " 'protection_domain'");
    Path conf = file("k.conf", "cores = 2\nhypervisor = false\n");
    r = run("check", "--dialect", "sel4cp-dev", "--kernel-config", conf.toString(),
        "--message-format", "sel4cp", vm.toString());
    assertThat(r.out()).isEqualTo(
        "virtual_machine only available when kernel is built as a hypervisor\n");
    Path bad = file("bad.conf", "cores = many\n");
    r = run("check", "--dialect", "sel4cp-dev", "--kernel-config", bad.toString(), vm.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("'cores' must be a number, not 'many'");
  }

  @Test
  void fmtWritesCanonicalTextAndKeepsComments() throws IOException {
    Path p = file("in.system", """
        <system>
          <!-- the only PD -->
          <protection_domain priority = '7' name="a" budget="1000"><program_image path="a.elf"/></protection_domain>
        </system>
        """);
    Run r = run("fmt", p.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("""
        <?xml version="1.0" encoding="UTF-8"?>
        <system>
            <!-- the only PD -->
            <protection_domain name="a" priority="7">
                <program_image path="a.elf" />
            </protection_domain>
        </system>
        """);
  }

  @Test
  void fmtRewritesVmIdForSel4cpDev() throws IOException {
    Path p = file("vm.system", """
        <system>
            <memory_region name="ram" size="0x1000" />
            <protection_domain name="vmm" priority="10">
                <program_image path="vmm.elf" />
                <virtual_machine name="guest" vm_id="3"><map mr="ram" vaddr="0x0" /></virtual_machine>
            </protection_domain>
        </system>
        """);
    Path out = dir.resolve("out.system");
    Run r = run("fmt", "--dialect", "sel4cp-dev", "-o", out.toString(), p.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("'vm_id' rewritten to 'id'");
    assertThat(Files.readString(out)).contains("<virtual_machine name=\"guest\" id=\"3\">");
    assertThat(run("check", "--dialect", "sel4cp-dev", out.toString()).code()).isZero();
  }

  @Test
  void fmtRefusesInvalidInputAndWritesNothing() throws IOException {
    Path p = file("bad.system", BAD_MAP);
    Path out = dir.resolve("out.system");
    Run r = run("fmt", "-o", out.toString(), p.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void searchPathFindsProgramImagesAsTheReferenceBuildDoes() throws IOException {
    Path sys = file("ok.system", VALID);
    Path elfs = Files.createDirectories(dir.resolve("elfs"));
    Run r = run("check", "--search-path", elfs.toString(), "--message-format", "sel4cp",
        sys.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("Error: unable to find program image: 'ping.elf'\n");
    Path conf = file("none.conf", "");
    Run slow = run("check", "--search-path", elfs.toString(), "--kernel-config", conf.toString(),
        "--message-format", "sel4cp", sys.toString());
    assertThat(slow).isEqualTo(r);
    Files.writeString(elfs.resolve("ping.elf"), "");
    assertThat(run("check", "--search-path", elfs.toString(), sys.toString()).code()).isZero();
    assertThat(run("check", sys.toString()).code()).as("no lookup without --search-path")
        .isZero();
  }
}
