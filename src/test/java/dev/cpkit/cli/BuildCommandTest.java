// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.image.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cpkit build} on bad inputs: the reference's messages (texts below are what the
 * reference printed on the same inputs), exit codes, and no output files left behind.
 */
class BuildCommandTest {
  @TempDir Path dir;
  Path hello;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    hello = Fixtures.write(Fixtures.cases().get(0), dir.resolve("hello"));
    BuildCommand.env = name -> null;
  }

  @AfterEach
  void tearDown() {
    BuildCommand.env = System::getenv;
  }

  Run build(String system, String format, String... extra) {
    return buildOn("zcu102", "debug", system, format, extra);
  }

  Run buildOn(String board, String config, String system, String format, String... extra) {
    List<String> args = new ArrayList<>(List.of("build", hello.resolve(system).toString(),
        "--board", board, "--config", config, "-o", dir.resolve("out.img").toString(),
        "-r", dir.resolve("out.txt").toString(), "--search-path", hello.toString(),
        "--message-format", format));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  Run withSdk(String system, String format) {
    return build(system, format, "--sdk", hello.resolve("sdk").toString());
  }

  private void system(String name, String head, String inPd) throws IOException {
    String s = Files.readString(hello.resolve("case.system"))
        .replace("<system>", "<system>" + head)
        .replace("<program_image path=\"hello.elf\" />",
            "<program_image path=\"hello.elf\" />" + inPd);
    Files.writeString(hello.resolve(name), s);
  }

  private static void assertLocatedCrash(Run r, String code, String file) {
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).doesNotContain("Error");
    assertThat(r.err()).contains(code).contains(file).doesNotContain("Exception")
        .doesNotContain("Traceback");
  }

  private void assertNoOutputs() {
    assertThat(dir.resolve("out.img")).doesNotExist();
    assertThat(dir.resolve("out.txt")).doesNotExist();
  }

  @Test
  void sdkMustBeGiven() {
    Run r = build("case.system", "sel4cp");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("Error: SEL4CP_SDK must be set\n");
    Run h = build("case.system", "human");
    assertThat(h.err()).contains("IMG000").contains("--sdk").doesNotContain("Exception");
  }

  @Test
  void environmentNamesTheSdk() {
    BuildCommand.env = name -> name.equals("SEL4CP_SDK") ? hello.resolve("sdk").toString() : null;
    assertThat(build("case.system", "human").code()).isZero();
    assertThat(dir.resolve("out.img")).exists();
  }

  @Test
  void missingSdkPartsAsReference() throws IOException {
    Run r = build("case.system", "sel4cp", "--sdk", "/nonexist");
    assertThat(r.out()).isEqualTo("Error: SDK directory '/nonexist' does not exist. Check"
        + " SEL4CP_SDK environment variable is set correctly\n");
    Path nob = Files.createDirectories(dir.resolve("nob"));
    r = build("case.system", "sel4cp", "--sdk", nob.toString());
    assertThat(r.out()).isEqualTo("Error: SDK  directory '" + nob + "' does not have a 'board'"
        + " sub-directory. Check SEL4CP_SDK environment variable is set correctly\n");
    Path kernel = hello.resolve("sdk/board/zcu102/debug/elf/sel4.elf");
    Files.delete(kernel);
    r = withSdk("case.system", "sel4cp");
    // the reference's copy-paste slip: "loader ELF" for the kernel
    assertThat(r.out()).isEqualTo("Error: loader ELF '" + kernel + "' does not exist\n");
    assertThat(r.code()).isEqualTo(1);
    assertNoOutputs();
  }

  @Test
  void unknownBoardOrConfigIsAUsageError() {
    Run r = buildOn("nope", "debug", "case.system", "sel4cp", "--sdk",
        hello.resolve("sdk").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("usage: sel4cp [-h] [-o OUTPUT] [-r REPORT] --board {zcu102}"
        + " --config CONFIG\n              [--search-path [SEARCH_PATH ...]]\n"
        + "              system\nsel4cp: error: argument --board: invalid choice: 'nope'"
        + " (choose from 'zcu102')\n");
    r = buildOn("zcu102", "example", "case.system", "human", "--sdk",
        hello.resolve("sdk").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("IMG004").contains("unknown config 'example'")
        .contains("this SDK has: debug");
  }

  @Test
  void missingProgramImage() throws IOException {
    Files.writeString(hello.resolve("e5.system"), Files.readString(hello.resolve("case.system"))
        .replace("hello.elf", "missing.elf"));
    Run r = withSdk("e5.system", "sel4cp");
    assertThat(r.out()).isEqualTo("Error: unable to find program image: 'missing.elf'\n");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void outOfMemoryAsReferenceWithABetterHumanMessage() throws IOException {
    system("e6.system", "<memory_region name=\"big\" size=\"0x90000000\" />",
        "<map mr=\"big\" vaddr=\"0x10000000\" />");
    Run r = withSdk("e6.system", "sel4cp");
    // the reference dies with a traceback ending "Exception: Can't alloc - nos pace"; the
    // sel4cp format prints cpkit's located error instead, on stderr
    assertLocatedCrash(r, "IMG040", "e6.system");
    Run h = withSdk("e6.system", "human");
    assertThat(h.err()).contains("IMG040").contains("out of memory")
        .doesNotContain("nos pace").doesNotContain("at dev.cpkit");
    assertNoOutputs();
  }

  @Test
  void setvarWithoutSymbol() throws IOException {
    system("e8.system", "<memory_region name=\"r\" size=\"0x1000\" />",
        "<setvar symbol=\"nosuch\" region_paddr=\"r\" /><map mr=\"r\" vaddr=\"0x10000000\" />");
    Run r = withSdk("e8.system", "sel4cp");
    // the reference: a traceback ending "Exception: Unable to patch variable 'nosuch' ..."
    assertLocatedCrash(r, "IMG052", "e8.system");
    // located at the <setvar> element
    assertThat(r.err()).contains("e8.system:4:43: error[IMG052]");
    assertThat(r.err()).contains("nosuch");
    assertNoOutputs();
  }

  @Test
  void fixedRegionInRam() throws IOException {
    system("e9.system", "<memory_region name=\"r\" size=\"0x1000\" phys_addr=\"0x10000000\" />",
        "<map mr=\"r\" vaddr=\"0x10000000\" />");
    Run r = withSdk("e9.system", "sel4cp");
    // the reference: a traceback ending "Exception: phys_address=10000000 not in any device
    // untyped"
    assertLocatedCrash(r, "IMG041", "e9.system");
    // located at the <memory_region> with the phys_addr
    assertThat(r.err()).contains("e9.system:2:9: error[IMG041]");
    Run h = withSdk("e9.system", "json");
    assertThat(h.err()).contains("\"code\":\"IMG041\"");
  }

  @Test
  void bootstrapTooLargeForTheMonitor() throws IOException {
    // a monitor whose bootstrap array holds 200 bytes: the 9 bootstrap invocations need more
    Files.write(hello.resolve("sdk/board/zcu102/debug/elf/monitor.elf"),
        dev.cpkit.image.fixture.SyntheticSdk.monitor(
            dev.cpkit.image.fixture.SyntheticSdk.Board.zcu102Like().withMonitorLimits(256, 200)));
    Run r = withSdk("case.system", "sel4cp");
    assertThat(r.code()).isEqualTo(1);
    // the reference's stdout and its invocation dump on stderr, byte for byte
    assertThat(r.out()).isEqualTo(golden("stdout.txt"));
    assertThat(r.err()).isEqualTo(golden("stderr.txt"));
    Run h = withSdk("case.system", "human");
    assertThat(h.err()).contains("IMG061").contains("bootstrap_invocation_data holds 200");
    assertNoOutputs();
  }

  private static String golden(String name) throws IOException {
    try (var in = BuildCommandTest.class.getResourceAsStream(
        "/image/golden/bootstrap-too-large/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void aFailingImageLeavesTheReportAsTheReferenceDoes() throws IOException {
    // a loader whose entry point is not its first byte: the reference has written the
    // report when it finds out (and dies with an assertion); cpkit leaves the same report
    Path loader = hello.resolve("sdk/board/zcu102/debug/elf/loader.elf");
    byte[] elf = Files.readAllBytes(loader);
    java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(24,
        java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(24) + 8);
    Files.write(loader, elf);
    Run r = withSdk("case.system", "sel4cp");
    assertLocatedCrash(r, "IMG071", "case.system");
    assertThat(dir.resolve("out.txt")).exists();
    assertThat(Files.readString(dir.resolve("out.txt"))).startsWith("# Kernel Boot Info");
    assertThat(dir.resolve("out.img")).doesNotExist();
  }

  @Test
  void unwritableImageLeavesTheReportAndExitsAsTheReference() {
    // the reference writes the report, then dies opening the image (traceback, status 1)
    Path img = dir.resolve("no/such/dir/out.img");
    for (String format : new String[] {"sel4cp", "human"}) {
      String[] args = {"build", hello.resolve("case.system").toString(), "--board", "zcu102",
          "--config", "debug", "-o", img.toString(), "-r", dir.resolve("out.txt").toString(),
          "--search-path", hello.toString(), "--sdk", hello.resolve("sdk").toString(),
          "--message-format", format};
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
      assertThat(code).isEqualTo(format.equals("sel4cp") ? 1 : 3);
      assertThat(err.toString()).startsWith("cpkit: error: cannot write '" + img + "'");
      assertThat(dir.resolve("out.txt")).exists();
    }
  }

  @Test
  void invalidSystemReportsSdfDiagnostics() throws IOException {
    Files.writeString(hello.resolve("bad.system"), "<system><protection_domain name=\"x\" />"
        + "</system>");
    Run r = withSdk("bad.system", "human");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("program_image");
    assertNoOutputs();
  }

  @Test
  void otherDialects() {
    // a sel4cp SDK is not a Microkit SDK: its config lacks the ELF and JSON files Microkit
    // reads (MicrokitCommandTest builds on a Microkit SDK)
    Run r = build("case.system", "human", "--sdk", hello.resolve("sdk").toString(),
        "--dialect", "microkit");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("IMG10");
    assertNoOutputs();
    r = build("case.system", "human", "--sdk", hello.resolve("sdk").toString(),
        "--dialect", "camkes");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("IMG007").contains("not a dialect");
    // sel4cp-dev is built; an upstream SDK lacks the fork's config.json
    r = build("case.system", "human", "--sdk", hello.resolve("sdk").toString(),
        "--dialect", "sel4cp-dev");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("IMG006").contains("config.json");
  }

  @Test
  void humanSuccessSummary() {
    Run r = withSdk("case.system", "human");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("wrote ").doesNotContain("BUILT");
    assertThat(dir.resolve("out.img")).exists();
    assertThat(dir.resolve("out.txt")).exists();
  }

  @Test
  void imageTypeElfWrapsTheReferenceImage() throws IOException {
    assertThat(withSdk("case.system", "human").code()).isZero();
    byte[] raw = Files.readAllBytes(dir.resolve("out.img"));
    Run r = build("case.system", "human", "--sdk", hello.resolve("sdk").toString(),
        "--image-type", "elf");
    assertThat(r.code()).as(r.err()).isZero();
    java.nio.ByteBuffer elf = java.nio.ByteBuffer.wrap(Files.readAllBytes(dir.resolve("out.img")))
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertThat(elf.getInt(0)).isEqualTo(0x464c457f); // \x7fELF
    assertThat(elf.getShort(18)).isEqualTo((short) 183); // EM_AARCH64
    int ph = (int) elf.getLong(32);
    assertThat(elf.getInt(ph)).isEqualTo(1); // PT_LOAD
    long offset = elf.getLong(ph + 8);
    long vaddr = elf.getLong(ph + 16);
    assertThat(elf.getLong(24)).isEqualTo(vaddr); // entry = load address
    assertThat(elf.getLong(ph + 32)).isEqualTo(raw.length); // filesz
    byte[] payload = java.util.Arrays.copyOfRange(elf.array(), (int) offset,
        (int) offset + raw.length);
    assertThat(payload).isEqualTo(raw);
  }

  @Test
  void imageTypeUimageIsForRiscvOnly() {
    Run r = build("case.system", "sel4cp", "--sdk", hello.resolve("sdk").toString(),
        "--image-type", "uimage");
    assertThat(r.code()).isEqualTo(2);
    // cpkit's own option: no reference text, cpkit's message even in the sel4cp format
    assertThat(r.err()).contains("IMG113").doesNotContain("microkit: error");
    assertNoOutputs();
  }
}
