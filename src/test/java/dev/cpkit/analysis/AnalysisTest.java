// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import static dev.cpkit.graph.TestSystems.end;
import static dev.cpkit.graph.TestSystems.map;
import static dev.cpkit.graph.TestSystems.microkitPd;
import static dev.cpkit.graph.TestSystems.region;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Severity;
import dev.cpkit.graph.TestSystems;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each finding triggered by a system written for it; clean systems give none. */
class AnalysisTest {
  @TempDir Path dir;

  static Report analyse(Dialect d, String sdf) {
    return Analysis.run("test.system", TestSystems.parse(d, sdf), Analysis.Options.defaults());
  }

  static List<String> codes(Report r) {
    return r.findings().stream().map(Diagnostic::code).toList();
  }

  static Diagnostic only(Report r, AnaCode code) {
    List<Diagnostic> ds = r.findings().stream().filter(d -> d.code().equals(code.name()))
        .toList();
    assertThat(ds).as(code + " in " + codes(r)).hasSize(1);
    assertThat(ds.get(0).severity()).isEqualTo(code.severity());
    return ds.get(0);
  }

  static String pd(String name, String attrs, String body) {
    return "<protection_domain name=\"" + name + "\" " + attrs + ">\n<program_image path=\""
        + name + ".elf\" />\n" + body + "</protection_domain>\n";
  }

  static String channel(String a, int ida, String b, int idb) {
    return "<channel><end pd=\"" + a + "\" id=\"" + ida + "\" /><end pd=\"" + b + "\" id=\""
        + idb + "\" /></channel>\n";
  }

  static String system(String... parts) {
    return "<system>\n" + String.join("", parts) + "</system>\n";
  }

  /** Uses every feature the checks look at, the right way: no findings at all. */
  static final String CLEAN = system(
      "<memory_region name=\"uart\" size=\"0x1000\" phys_addr=\"0x9000000\" />\n",
      "<memory_region name=\"ring\" size=\"0x2000\" />\n",
      pd("driver", "priority=\"200\" budget=\"200\" period=\"1000\" pp=\"true\"",
          "<map mr=\"uart\" vaddr=\"0x2000000\" perms=\"rw\" cached=\"false\" />\n"
          + "<map mr=\"ring\" vaddr=\"0x3000000\" perms=\"rw\" cached=\"false\" />\n"
          + "<irq irq=\"33\" id=\"1\" />\n"),
      pd("client", "priority=\"100\" budget=\"300\" period=\"1000\"",
          "<map mr=\"ring\" vaddr=\"0x3000000\" perms=\"r\" cached=\"false\" />\n"),
      pd("logger", "priority=\"150\" budget=\"100\" period=\"1000\" passive=\"true\"", ""),
      channel("driver", 0, "client", 0),
      channel("client", 1, "logger", 0));

  @Test
  void cleanSystemsHaveNoFindings() throws Exception {
    assertThat(codes(analyse(Dialect.SEL4CP, CLEAN))).isEmpty();
    for (String ex : List.of("ping-pong", "passive-server")) {
      Report r = Analysis.run(ex, TestSystems.example(ex, "sel4cp"), Analysis.Options.defaults());
      assertThat(codes(r)).as(ex).isEmpty();
    }
    SystemDescription mk = TestSystems.microkit(List.of(region("buf", 0x1000, null)),
        List.of(microkitPd("client", 10, false, List.of(map("buf", 0x2000000, "rw", true))),
            microkitPd("server", 20, true, List.of(map("buf", 0x2000000, "r", true)))),
        List.of(new Channel(end("client", 0, true, true), end("server", 1, false, true), null)));
    Report r = Analysis.run("mk", mk, Analysis.Options.defaults());
    assertThat(codes(r)).isEmpty();
  }

  @Test
  void ana001CallToEqualPriority() {
    Report r = analyse(Dialect.SEL4CP, system(
        pd("server", "priority=\"100\" pp=\"true\"", ""), pd("client", "priority=\"100\"", ""),
        channel("server", 0, "client", 0)));
    Diagnostic d = only(r, AnaCode.ANA001);
    assertThat(d.message()).isEqualTo("'client' (priority 100) may call 'server' (priority 100),"
        + " which is not of strictly higher priority");
    assertThat(d.span().line()).as("the <channel>").isEqualTo(8);
  }

  @Test
  void ana002CallCycle() {
    Report r = analyse(Dialect.SEL4CP, system(
        pd("a", "priority=\"100\" pp=\"true\"", ""), pd("b", "priority=\"100\" pp=\"true\"", ""),
        channel("a", 0, "b", 0)));
    assertThat(only(r, AnaCode.ANA002).message())
        .isEqualTo("protected procedure calls form a cycle: a → b → a");
  }

  @Test
  void ana003PassivePdNothingRuns() {
    Report r = analyse(Dialect.SEL4CP, system(pd("idle", "priority=\"10\" passive=\"true\"", ""),
        pd("busy", "priority=\"5\" budget=\"100\" period=\"1000\"", "")));
    assertThat(only(r, AnaCode.ANA003).message()).startsWith("passive protection domain 'idle'");
    // Microkit: the partner may neither notify nor call it
    SystemDescription mk = TestSystems.microkit(List.of(),
        List.of(microkitPd("client", 10, false, List.of()), microkitPd("server", 20, true,
            List.of())),
        List.of(new Channel(end("client", 0, false, false), end("server", 1, false, true),
            null)));
    assertThat(codes(Analysis.run("mk", mk, Analysis.Options.defaults()))).contains("ANA003")
        .doesNotContain("ANA301");
  }

  @Test
  void ana101CoreOverCommitted() {
    Report r = analyse(Dialect.SEL4CP, system(
        pd("a", "priority=\"20\" budget=\"600\" period=\"1000\"", ""),
        pd("b", "priority=\"10\" budget=\"600\" period=\"1000\"", "")));
    Diagnostic d = only(r, AnaCode.ANA101);
    assertThat(d.message()).isEqualTo("the budgets on the core add up to 120.0% of its time");
    assertThat(d.notes()).hasSize(3);
    assertThat(codes(r)).doesNotContain("ANA102");
  }

  @Test
  void ana101CountsEachCoreSeparately() {
    String sdf = system(
        pd("a", "priority=\"20\" budget=\"600\" period=\"1000\" cpu=\"0\"", ""),
        pd("b", "priority=\"10\" budget=\"600\" period=\"1000\" cpu=\"1\"", ""));
    var board = dev.cpkit.system.BoardTable.get().board(Dialect.SEL4CP_DEV, "imx8mm_evk_2_cores");
    var res = dev.cpkit.sdf.Sdf.check("t", sdf.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        new dev.cpkit.sdf.Sdf.Options(Dialect.SEL4CP_DEV, board, List.of()));
    assertThat(res.ok()).isTrue();
    Report r = Analysis.run("t", res.system(), Analysis.Options.defaults());
    assertThat(codes(r)).doesNotContain("ANA101");
  }

  @Test
  void ana102StarvedByHigherBudgets() {
    Report r = analyse(Dialect.SEL4CP, system(
        pd("a", "priority=\"30\" budget=\"500\" period=\"1000\"", ""),
        pd("b", "priority=\"20\" budget=\"500\" period=\"1000\"", ""),
        pd("low", "priority=\"10\"", "")));
    assertThat(only(r, AnaCode.ANA102).message()).isEqualTo("protection domain 'low'"
        + " (priority 10) can be starved: higher priorities may use 100.0% of its core");
    assertThat(codes(r)).doesNotContain("ANA101", "ANA103");
  }

  @Test
  void ana103DefaultBudgetAboveOthers() throws Exception {
    Report r = Analysis.run("driver", TestSystems.example("driver", "sel4cp"),
        Analysis.Options.defaults());
    assertThat(codes(r)).containsExactly("ANA103");
    assertThat(r.findings().get(0).message()).isEqualTo("protection domain 'mydriver' (priority"
        + " 150) has a full budget (1000/1000 µs, the default) above 'myclient'");
  }

  @Test
  void ana201OverlappingMaps() {
    Report r = analyse(Dialect.SEL4CP, system(
        "<memory_region name=\"a\" size=\"0x2000\" />\n<memory_region name=\"b\" size=\"0x1000\" />\n",
        pd("p", "priority=\"1\"", "<map mr=\"a\" vaddr=\"0x2000000\" />\n"
            + "<map mr=\"b\" vaddr=\"0x2001000\" />\n")));
    assertThat(only(r, AnaCode.ANA201).message()).isEqualTo("map of 'b' [0x2001000..0x2002000)"
        + " overlaps map of 'a' [0x2000000..0x2002000) in protection domain 'p'");
  }

  /** A minimal little-endian ELF64 with one PT_LOAD segment. */
  static byte[] elf(long vaddr, long memsz) {
    ByteBuffer b = ByteBuffer.allocate(64 + 56).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
    b.putShort(0x10, (short) 2).putShort(0x12, (short) 183).putInt(0x14, 1);
    b.putLong(0x20, 64).putShort(0x34, (short) 64).putShort(0x36, (short) 56)
        .putShort(0x38, (short) 1);
    b.putInt(64, 1).putInt(68, 5).putLong(64 + 16, vaddr).putLong(64 + 24, vaddr)
        .putLong(64 + 32, memsz).putLong(64 + 40, memsz);
    return b.array();
  }

  @Test
  void ana202MapOverProgramImage() throws Exception {
    Files.write(dir.resolve("p.elf"), elf(0x200000, 0x2800));
    SystemDescription s = TestSystems.parse(Dialect.SEL4CP, system(
        "<memory_region name=\"a\" size=\"0x1000\" />\n<memory_region name=\"b\" size=\"0x1000\" />\n",
        pd("p", "priority=\"1\"", "<map mr=\"a\" vaddr=\"0x202000\" />\n"
            + "<map mr=\"b\" vaddr=\"0x203000\" />\n")));
    Report r = Analysis.run("t", s, new Analysis.Options(List.of(dir), null));
    assertThat(only(r, AnaCode.ANA202).message()).isEqualTo("map of 'a' [0x202000..0x203000)"
        + " overlaps the program image's rx segment [0x200000..0x203000)");
    assertThat(r.memory().spaces().get(0).image()).isEqualTo(0x3000);
    assertThat(r.remarks()).noneMatch(x -> x.contains("not found"));
  }

  @Test
  void ana203WritableExecutableMapButNotForGuestRam() throws Exception {
    Report r = analyse(Dialect.SEL4CP, system("<memory_region name=\"jit\" size=\"0x1000\" />\n",
        pd("p", "priority=\"1\"", "<map mr=\"jit\" vaddr=\"0x2000000\" perms=\"rwx\" />\n")));
    assertThat(only(r, AnaCode.ANA203).message())
        .isEqualTo("region 'jit' is mapped writable and executable into protection domain 'p'");
    Report vmm = Analysis.run("vmm", TestSystems.example("vmm", "sel4cp-dev"),
        Analysis.Options.defaults());
    assertThat(codes(vmm)).doesNotContain("ANA203").containsExactly("ANA103", "ANA302");
  }

  static final String DEVICE_CACHED = system(
      "<memory_region name=\"regs\" size=\"0x1000\" phys_addr=\"0x9000000\" />\n",
      pd("p", "priority=\"1\"", "<map mr=\"regs\" vaddr=\"0x2000000\" />\n"));

  @Test
  void ana204DeviceMappedCachedUnlessItIsRam() {
    assertThat(only(analyse(Dialect.SEL4CP, DEVICE_CACHED), AnaCode.ANA204).message())
        .isEqualTo("device region 'regs' (phys_addr 0x9000000) is mapped cached into"
            + " protection domain 'p'");
    BoardMemory.Ram ram = new BoardMemory.Ram("x", List.of(new BoardMemory.Range(0x8000000,
        0x8000000)), "test");
    Report r = Analysis.run("t", TestSystems.parse(Dialect.SEL4CP, DEVICE_CACHED),
        new Analysis.Options(List.of(), ram));
    assertThat(codes(r)).doesNotContain("ANA204");
    assertThat(r.memory().map()).extracting(MemoryReport.MapEntry::kind)
        .containsExactly("RAM", "RAM, fixed");
  }

  @Test
  void ana205DifferentCachingInTwoPds() {
    Report r = analyse(Dialect.SEL4CP, system("<memory_region name=\"buf\" size=\"0x1000\" />\n",
        pd("a", "priority=\"1\"", "<map mr=\"buf\" vaddr=\"0x2000000\" perms=\"r\" />\n"),
        pd("b", "priority=\"1\"", "<map mr=\"buf\" vaddr=\"0x2000000\" perms=\"rw\""
            + " cached=\"false\" />\n")));
    assertThat(only(r, AnaCode.ANA205).message()).isEqualTo("region 'buf' is mapped uncached"
        + " into protection domain 'b' but cached into protection domain 'a'");
  }

  @Test
  void ana301ChannelWithoutRights() {
    SystemDescription mk = TestSystems.microkit(List.of(),
        List.of(microkitPd("a", 10, false, List.of()), microkitPd("b", 10, false, List.of())),
        List.of(new Channel(end("a", 0, false, false), end("b", 1, false, false), null)));
    assertThat(codes(Analysis.run("mk", mk, Analysis.Options.defaults()))).containsExactly(
        "ANA301");
  }

  @Test
  void ana302TwoWriters() {
    Report r = analyse(Dialect.SEL4CP, system("<memory_region name=\"buf\" size=\"0x1000\" />\n",
        pd("a", "priority=\"1\"", "<map mr=\"buf\" vaddr=\"0x2000000\" />\n"),
        pd("b", "priority=\"1\"", "<map mr=\"buf\" vaddr=\"0x2000000\" />\n")));
    assertThat(only(r, AnaCode.ANA302).message()).isEqualTo("region 'buf' is writable by 2"
        + " address spaces: protection domain 'a', protection domain 'b'");
  }

  @Test
  void ana303ProcedureOpenToEveryPartner() {
    Report r = analyse(Dialect.SEL4CP, system(
        pd("server", "priority=\"100\" pp=\"true\" passive=\"true\"", ""),
        pd("c1", "priority=\"10\" budget=\"100\" period=\"1000\"", ""),
        pd("c2", "priority=\"10\" budget=\"100\" period=\"1000\"", ""),
        channel("server", 0, "c1", 0), channel("server", 1, "c2", 0)));
    assertThat(codes(r)).containsExactly("ANA303");
    assertThat(r.findings().get(0).message())
        .isEqualTo("every channel partner of 'server' may call it: 'c1', 'c2'");
  }

  @Test
  void ana401FixedRegionsOverlap() {
    Report r = analyse(Dialect.SEL4CP, system(
        "<memory_region name=\"a\" size=\"0x2000\" phys_addr=\"0x9000000\" />\n",
        "<memory_region name=\"b\" size=\"0x1000\" phys_addr=\"0x9001000\" />\n",
        pd("p", "priority=\"1\"", "<map mr=\"a\" vaddr=\"0x2000000\" cached=\"false\" />\n"
            + "<map mr=\"b\" vaddr=\"0x3000000\" cached=\"false\" />\n")));
    assertThat(only(r, AnaCode.ANA401).message()).isEqualTo("region 'b' [0x9001000..0x9002000)"
        + " overlaps region 'a' [0x9000000..0x9002000) in physical memory");
  }

  @Test
  void ana402And403AgainstTheBoardsRam() {
    String sdf = system(
        "<memory_region name=\"big\" size=\"0x200000\" page_size=\"0x200000\" />\n",
        "<memory_region name=\"edge\" size=\"0x2000\" phys_addr=\"0x400ff000\" />\n",
        pd("p", "priority=\"1\"", "<map mr=\"big\" vaddr=\"0x4000000\" />\n"
            + "<map mr=\"edge\" vaddr=\"0x2000000\" cached=\"false\" />\n"));
    BoardMemory.Ram ram = new BoardMemory.Ram("tiny", List.of(new BoardMemory.Range(0x40000000L,
        0x100000)), "test");
    Report r = Analysis.run("t", TestSystems.parse(Dialect.SEL4CP, sdf),
        new Analysis.Options(List.of(), ram));
    assertThat(only(r, AnaCode.ANA402).message()).startsWith("the system needs about 2.02 MiB")
        .endsWith("but board tiny has 1020 KiB free");
    assertThat(only(r, AnaCode.ANA403).message()).isEqualTo("region 'edge'"
        + " [0x400ff000..0x40101000) is partly inside RAM of board tiny");
  }

  @Test
  void ana501And502NearTheLimits() {
    StringBuilder channels = new StringBuilder();
    for (int i = 0; i < 57; i++) channels.append(channel("a", i, "b", i));
    Report r = analyse(Dialect.SEL4CP, system(pd("a", "priority=\"2\"", ""),
        pd("b", "priority=\"2\"", ""), channels.toString()));
    assertThat(codes(r)).containsExactly("ANA501", "ANA501");
    assertThat(r.findings().get(0).message()).isEqualTo("'a' uses 57 of its 63 channel and irq"
        + " ids");
    StringBuilder pds = new StringBuilder();
    for (int i = 0; i < 57; i++) pds.append(pd("p" + i, "priority=\"1\"", ""));
    Report many = analyse(Dialect.SEL4CP, system(pds.toString()));
    assertThat(only(many, AnaCode.ANA502).message())
        .isEqualTo("the system has 57 of the 63 protection domains it may have");
    assertThat(many.capacity().pds()).isEqualTo(57);
  }

  @Test
  void memoryReportEstimatesPageTablesAndShowsFreeRam() throws Exception {
    Report r = analyse(Dialect.SEL4CP, system(
        "<memory_region name=\"a\" size=\"0x1000\" />\n<memory_region name=\"b\" size=\"0x1000\" />\n",
        pd("p", "priority=\"1\"", "<map mr=\"a\" vaddr=\"0x2000000\" />\n"
            + "<map mr=\"b\" vaddr=\"0x3000000\" perms=\"r\" />\n")));
    MemoryReport.Space p = r.memory().spaces().get(0);
    // two last-level tables (2 MiB apart), one each above, and the root
    assertThat(p.pageTables()).isEqualTo(5 * 0x1000);
    assertThat(p.regions()).isEqualTo(0x2000);
    assertThat(r.memory().ram()).isNull();
    assertThat(r.remarks()).anyMatch(x -> x.contains("does not know the RAM of board 'default'"));

    Report vmm = Analysis.run("vmm", TestSystems.example("vmm", "sel4cp-dev"),
        Analysis.Options.defaults());
    MemoryReport m = vmm.memory();
    assertThat(m.ram().board()).isEqualTo("qemu_arm_virt");
    // 2 GiB of RAM less the kernel image's estimated 2 MiB at its start
    assertThat(m.free()).isEqualTo(0x80000000L - 0x200000);
    assertThat(m.allocated()).isEqualTo(0x10000000L);
    assertThat(m.map()).extracting(MemoryReport.MapEntry::name)
        .containsExactly("gic_vcpu", "serial", "", "seL4 kernel image", "loader.img");
    assertThat(m.map().get(1).users()).containsExactly("linux rw uncached");
    String text = TextReport.render(vmm);
    assertThat(text).contains("[0x9000000..0x9001000)").contains("free RAM: ~2 GiB in 1 range")
        .contains("largest [0x40200000..0xc0000000)")
        .contains("capacity: 1 of 63 protection domains");
    assertThat(vmm.count(Severity.ERROR)).isZero();
  }

  static final String ON_KERNEL = system(
      "<memory_region name=\"low\" size=\"0x1000\" phys_addr=\"0x80100000\" />\n"
      + "<memory_region name=\"high\" size=\"0x1000\" phys_addr=\"0x80400000\" />\n",
      pd("p", "priority=\"1\"", "<map mr=\"low\" vaddr=\"0x2000000\" />\n"
          + "<map mr=\"high\" vaddr=\"0x2001000\" />\n"));

  @Test
  void kernelAndLoaderReservationsOfAKnownBoard() {
    var board = dev.cpkit.system.BoardTable.get().board(Dialect.SEL4CP, "tqma8xqp1gb");
    dev.cpkit.sdf.Sdf.Result res = dev.cpkit.sdf.Sdf.check("t", ON_KERNEL.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        new dev.cpkit.sdf.Sdf.Options(Dialect.SEL4CP, board, List.of()));
    assertThat(res.ok()).as(res.diagnostics().toString()).isTrue();
    Report r = Analysis.run("t", res.system(), Analysis.Options.defaults());
    MemoryReport m = r.memory();
    MemoryReport.MapEntry kernel = m.map().stream().filter(e -> e.kind().equals("reserved"))
        .findFirst().orElseThrow();
    assertThat(kernel.base()).isEqualTo(0x80000000L);
    assertThat(kernel.note()).startsWith("estimate:");
    MemoryReport.MapEntry loader = m.map().stream().filter(e -> e.kind().equals("boot"))
        .findFirst().orElseThrow();
    assertThat(loader.base()).isEqualTo(0x80280000L);
    assertThat(loader.size()).isZero();
    assertThat(loader.note()).doesNotStartWith("estimate").contains("build_sdk.py");
    // free: 1 GiB less the kernel's 2 MiB and the two fixed pages (one inside the kernel's)
    assertThat(m.free()).isEqualTo(0x40000000L - 0x200000 - 0x1000);
    Diagnostic d = only(r, AnaCode.ANA404);
    assertThat(d.message()).isEqualTo("region 'low' [0x80100000..0x80101000) lies on"
        + " [0x80000000..0x80200000), where the seL4 kernel image is on board tqma8xqp1gb"
        + " (an estimate)");
    assertThat(TextReport.render(r)).contains("[0x80280000..)").contains("image  boot");
    // RAM given by hand may be another build: no reservation finding, but the map still shows
    Report given = Analysis.run("t", res.system(), new Analysis.Options(List.of(),
        new BoardMemory.Ram("tqma8xqp1gb", List.of(new BoardMemory.Range(0x80000000L,
            0x40000000L)), "--ram")));
    assertThat(codes(given)).doesNotContain("ANA404");
  }

  @Test
  void boardsWithoutKnownReservationsShowNone() {
    assertThat(BoardMemory.reserved("no-such-board")).isEmpty();
    assertThat(BoardMemory.reserved("zcu102")).extracting(BoardMemory.Reserved::base)
        .containsExactly(0x0L, 0x40000000L);
    assertThat(BoardMemory.reserved("qemu_virt_riscv64")).allMatch(BoardMemory.Reserved::estimate);
  }
}
