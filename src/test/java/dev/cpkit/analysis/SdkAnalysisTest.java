// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import static dev.cpkit.analysis.ReportFormatsTest.arr;
import static dev.cpkit.analysis.ReportFormatsTest.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.cli.Main;
import dev.cpkit.image.Fixtures;
import dev.cpkit.image.ForkFixtures;
import dev.cpkit.image.fixture.SyntheticSdk;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cpkit analyse --sdk}: on the image build's fixtures, the memory map shows the kernel
 * image where the synthetic SDK put it, and the PD images and the monitor where the reference
 * tools' reports (the build's golden files) say they are.
 */
class SdkAnalysisTest {
  private static final Pattern REGION = Pattern.compile(
      "<Region name=(.+?) addr=0x([0-9a-f]+)(?: offset=0x([0-9a-f]+))? size=(\\d+)>");
  private static final Pattern MONITOR = Pattern.compile(
      "physical memory: MemoryRegion\\(base=0x([0-9a-f]+), end=0x([0-9a-f]+)\\)");

  private static final Pattern OBJECT = Pattern.compile(
      "(?m)^ {4}(\\S.*?) +\\d+ cap_addr=[0-9a-f]+ phys_addr=([0-9a-f]+)$");

  @TempDir Path tmp;

  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(status, out.toString(), err.toString());
  }

  static Stream<String> upstreamCases() {
    return Fixtures.cases().stream().map(Fixtures.Case::name);
  }

  static Stream<String> forkCases() {
    return ForkFixtures.cases().stream().map(ForkFixtures.Case::name);
  }

  @ParameterizedTest
  @MethodSource("upstreamCases")
  void upstreamMapMatchesTheReferenceReport(String name) throws IOException {
    Fixtures.Case c = Fixtures.cases().stream().filter(x -> x.name().equals(name)).findFirst()
        .orElseThrow();
    Path dir = Fixtures.write(c, tmp.resolve(name));
    Result r = run("analyse", "--format", "json", "--fail-on", "never", "--sdk",
        dir.resolve("sdk").toString(), "--board", "zcu102", "--config", Fixtures.CONFIG,
        "--search-path", dir.toString(), dir.resolve("case.system").toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertMap(r.out(), c.board(), golden("golden", name), imageSize("golden", name));
  }

  @ParameterizedTest
  @MethodSource("forkCases")
  void forkMapMatchesTheForkReport(String name) throws IOException {
    ForkFixtures.Case c = ForkFixtures.cases().stream().filter(x -> x.name().equals(name))
        .findFirst().orElseThrow();
    Path dir = ForkFixtures.write(c, tmp.resolve(name));
    Result r = run("analyse", "--dialect", "sel4cp-dev", "--format", "json", "--fail-on",
        "never", "--sdk", dir.resolve("sdk").toString(), "--board", c.board().name(),
        "--config", Fixtures.CONFIG, "--search-path", dir.toString(),
        dir.resolve("case.system").toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertMap(r.out(), c.board(), golden("golden-dev", name), imageSize("golden-dev", name));
  }

  private static String golden(String set, String name) throws IOException {
    return Files.readString(Path.of("src/test/resources/image", set, name, "report.txt"));
  }

  /** The length of the reference's loader.img, the second field of image.sha256. */
  private static long imageSize(String set, String name) throws IOException {
    String line = Files.readString(Path.of("src/test/resources/image", set, name,
        "image.sha256")).strip();
    return Long.parseLong(line.split("\\s+")[1]);
  }

  /**
   * Kernel and loader rows as the fixture's SDK has them, the loader image as long as the
   * reference's; PD images and monitor as the report says.
   */
  private static void assertMap(String json, SyntheticSdk.Board board, String report,
      long imageSize) {
    Map<String, Object> memory = obj(obj(MiniJson.parse(json)).get("memory"));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object o : arr(memory.get("physicalMap"))) rows.add(obj(o));
    assertThat(obj(memory.get("ram")).get("source").toString()).contains("sel4.elf");
    long kernel = board.kernelPaddr();
    long boot = kernel + board.kernelBootSize();
    assertRow(rows, "seL4 kernel boot code", kernel, board.kernelBootSize(), "boot");
    assertRow(rows, "seL4 kernel image", boot, board.kernelSize() - board.kernelBootSize(),
        "reserved");
    // the map shows RAM: split-ram's synthetic loader is linked below it
    if (board.ram().stream().anyMatch(r -> r[0] <= board.loaderLink()
        && board.loaderLink() < r[1])) {
      assertRow(rows, "loader.img", board.loaderLink(), imageSize, "boot");
    } else {
      assertThat(rows).noneMatch(r -> "loader.img".equals(r.get("region")));
    }
    Matcher m = REGION.matcher(report);
    long lo = Long.MAX_VALUE;
    long hi = 0;
    int n = 0;
    while (m.find()) {
      long addr = Long.parseLong(m.group(2), 16);
      long size = Long.parseLong(m.group(4)) + (m.group(3) == null ? 0
          : Long.parseLong(m.group(3), 16));
      assertRow(rows, m.group(1), addr, size, "image");
      lo = Math.min(lo, addr);
      hi = Math.max(hi, addr + size);
      n++;
    }
    assertThat(n).isPositive();
    Matcher mon = MONITOR.matcher(report);
    assertThat(mon.find()).isTrue();
    long monBase = Long.parseLong(mon.group(1), 16);
    long monEnd = Long.parseLong(mon.group(2), 16);
    assertRow(rows, "monitor (initial task)", monBase, monEnd - monBase, "image");
    Map<String, Object> reserved = row(rows, "reserved region: invocation table and PD images");
    long base = num(reserved.get("base"));
    long end = base + num(reserved.get("size"));
    assertThat(base).isLessThan(lo);
    assertThat(end).isGreaterThanOrEqualTo(hi).isLessThanOrEqualTo(monBase);
    Map<String, Object> table = row(rows, "invocation table");
    assertThat(num(table.get("base"))).isEqualTo(base);
    assertThat(base + num(table.get("size"))).isLessThanOrEqualTo(lo);
    Map<String, Object> build = obj(memory.get("build"));
    assertThat(arr(build.get("objects"))).isNotEmpty();
    // no object the reference allocated lies in what analyse calls free after the build
    List<long[]> free = new ArrayList<>();
    for (Object o : arr(obj(memory.get("ram")).get("freeRanges"))) {
      long b = num(obj(o).get("base"));
      free.add(new long[] {b, b + num(obj(o).get("size"))});
    }
    assertThat(free).isNotEmpty();
    Matcher objects = OBJECT.matcher(report);
    int seen = 0;
    while (objects.find()) {
      long phys = Long.parseUnsignedLong(objects.group(2), 16);
      for (long[] f : free) {
        assertThat(phys >= f[0] && phys < f[1]).as(objects.group(1) + " at 0x"
            + objects.group(2) + " is not in a free range").isFalse();
      }
      seen++;
    }
    assertThat(seen).isPositive();
  }

  private static void assertRow(List<Map<String, Object>> rows, String name, long base,
      long size, String kind) {
    Map<String, Object> r = row(rows, name);
    assertThat(num(r.get("base"))).as(name + " base").isEqualTo(base);
    assertThat(num(r.get("size"))).as(name + " size").isEqualTo(size);
    assertThat(r.get("kind")).as(name + " kind").isEqualTo(kind);
  }

  private static Map<String, Object> row(List<Map<String, Object>> rows, String name) {
    return rows.stream().filter(r -> name.equals(r.get("region"))).findFirst()
        .orElseThrow(() -> new AssertionError("no row '" + name + "' in " + rows));
  }

  private static long num(Object o) {
    return ((Number) o).longValue();
  }

  @Test
  void aSystemTooLargeForRamIsAnAnalyseError() throws IOException {
    Fixtures.Case hello = Fixtures.cases().get(0);
    Path dir = Fixtures.write(hello, tmp.resolve("big"));
    Path big = dir.resolve("big.system");
    Files.writeString(big, """
        <system>
            <memory_region name="huge" size="0x80000000" page_size="0x200000" />
            <protection_domain name="hello" priority="254">
                <program_image path="hello.elf" />
                <map mr="huge" vaddr="0x40000000" perms="rw" />
            </protection_domain>
        </system>
        """);
    Result r = run("analyse", "--sdk", dir.resolve("sdk").toString(), "--board", "zcu102",
        "--config", "debug", "--search-path", dir.toString(), big.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("error[ANA405]").contains("IMG040").contains("out of memory")
        .doesNotContain("Exception");
    assertThat(r.out()).doesNotContain("(from the image build)");
  }

  @Test
  void aForkSystemTooLargeForRamIsAnAnalyseError() throws IOException {
    ForkFixtures.Case hello = ForkFixtures.cases().get(0);
    Path dir = ForkFixtures.write(hello, tmp.resolve("fork-big"));
    Path big = dir.resolve("big.system");
    Files.writeString(big, Files.readString(dir.resolve("case.system"))
        .replace("<protection_domain name=\"hello\" priority=\"254\">",
            "<memory_region name=\"huge\" size=\"0x80000000\" page_size=\"0x200000\" />\n"
                + "<protection_domain name=\"hello\" priority=\"254\">\n"
                + "<map mr=\"huge\" vaddr=\"0x40000000\" perms=\"rw\" />"));
    Result r = run("analyse", "--dialect", "sel4cp-dev", "--format", "sarif", "--sdk",
        dir.resolve("sdk").toString(), "--board", "zcu102", "--config", "debug",
        "--search-path", dir.toString(), big.toString());
    assertThat(r.status()).as(r.err()).isEqualTo(1);
    ReportFormatsTest.assertValidSarif(r.out(), 2);
    assertThat(r.out()).contains("\"ruleId\": \"ANA405\"").contains("IMG0");
  }

  @Test
  void aBootstrapTooLargeForTheMonitorIsAnAnalyseError() throws IOException {
    Fixtures.Case hello = Fixtures.cases().get(0);
    Fixtures.Case small = new Fixtures.Case("small", hello.board().withMonitorLimits(256, 200),
        hello.system(), hello.programs());
    Path dir = Fixtures.write(small, tmp.resolve("small"));
    Result r = run("analyse", "--format", "json", "--sdk", dir.resolve("sdk").toString(),
        "--board", "zcu102", "--config", "debug", "--search-path", dir.toString(),
        dir.resolve("case.system").toString());
    assertThat(r.status()).as(r.err()).isEqualTo(1);
    Map<String, Object> report = obj(MiniJson.parse(r.out()));
    List<Object> findings = arr(report.get("findings"));
    assertThat(findings).hasSize(1);
    assertThat(obj(findings.get(0)).get("code")).isEqualTo("ANA405");
    assertThat(obj(report.get("memory")).get("build")).isNull();
  }

  @Test
  void aFixedRegionOnTheKernelImageIsReportedAsAFact() throws IOException {
    Fixtures.Case hello = Fixtures.cases().get(0);
    Path dir = Fixtures.write(hello, tmp.resolve("onkernel"));
    Path sys = dir.resolve("onkernel.system");
    Files.writeString(sys, """
        <system>
            <memory_region name="k" size="0x1000" phys_addr="0x40014000" />
            <protection_domain name="hello" priority="254">
                <program_image path="hello.elf" />
                <map mr="k" vaddr="0x40000000" perms="r" />
            </protection_domain>
        </system>
        """);
    Result r = run("analyse", "--fail-on", "never", "--sdk", dir.resolve("sdk").toString(),
        "--board", "zcu102", "--config", "debug", "--search-path", dir.toString(),
        sys.toString());
    assertThat(r.out()).contains("warning[ANA404]: region 'k' [0x40014000..0x40015000) lies on"
        + " [0x40012000..0x40020000), where the seL4 kernel image is on board zcu102\n");
  }

  @Test
  void missingProgramsShowTheKernelFactsOnly() throws IOException {
    Fixtures.Case hello = Fixtures.cases().get(0);
    Path dir = Fixtures.write(hello, tmp.resolve("missing"));
    Files.delete(dir.resolve("hello.elf"));
    Result r = run("analyse", "--sdk", dir.resolve("sdk").toString(), "--board", "zcu102",
        "--config", "debug", dir.resolve("case.system").toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("seL4 kernel image  (from sel4.elf")
        .contains("program image not found for the image build (hello.elf")
        .doesNotContain("estimate:").doesNotContain("monitor (initial task)");
  }

  @Test
  void badSdkArgumentsAreLocatedErrorsNotCrashes() throws IOException {
    Fixtures.Case hello = Fixtures.cases().get(0);
    Path dir = Fixtures.write(hello, tmp.resolve("bad"));
    String sys = dir.resolve("case.system").toString();
    String sdk = dir.resolve("sdk").toString();
    Result noConfig = run("analyse", "--sdk", sdk, "--board", "zcu102", sys);
    assertThat(noConfig.status()).isEqualTo(2);
    assertThat(noConfig.err()).contains("--sdk needs --board");
    Result badConfig = run("analyse", "--sdk", sdk, "--board", "zcu102", "--config", "nope",
        sys);
    assertThat(badConfig.status()).isEqualTo(2);
    assertThat(badConfig.err()).contains("IMG004").doesNotContain("Exception");
    Result noSdk = run("analyse", "--sdk", tmp.resolve("none").toString(), "--board",
        "zcu102", "--config", "debug", sys);
    assertThat(noSdk.status()).isEqualTo(1);
    assertThat(noSdk.err()).contains("IMG001");
    Result microkit = run("analyse", "--dialect", "microkit", "--sdk", sdk, "--board",
        "zcu102", "--config", "debug", sys);
    assertThat(microkit.status()).isEqualTo(2);
    assertThat(microkit.err()).contains("not Microkit");
  }
}
