// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.system.Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dtb(...)} queries answered from a device tree (src/test/resources/migrate/dtb/
 * board.dts, committed compiled as board.dtb): seL4DTBHardware devices and VM passthrough
 * become page-rounded device regions and irqs; without a tree they are reported as manual.
 */
class MigrateDtbTest {
  static final Path DIR = Fixtures.DATA.resolve("dtb");
  static final Path DTB = DIR.resolve("board.dtb");

  private static Migrator.Result migrate(String file, Dialect d, Path dtb) {
    Path camkes = DIR.resolve(file);
    Migrator.Result r = Fixtures.migrate(camkes, Fixtures.options(camkes, d), dtb);
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    return r;
  }

  private static List<String> entries(Migrator.Result r, Kind kind) {
    List<String> out = new ArrayList<>();
    for (ReportEntry e : r.report().entries()) {
      if (e.kind() == kind) out.add(e.construct() + " -> " + e.result());
    }
    return out;
  }

  @Test
  void hardwareDevicesBecomeRegionsAndIrqs() {
    Migrator.Result r = migrate("dtb.camkes", Dialect.MICROKIT, DTB);
    String sdf = r.sdf();
    // UART: page-aligned, one page, SPI 1 -> 33 (flags 4: level)
    assertThat(sdf).contains("<memory_region name=\"drv_uart_0\" size=\"0x1000\" phys_addr=\"0x9000000\"");
    // timer: 0x2040/0x20 on the bus -> 0x50002040 through 'ranges', rounded to its page;
    // 0x5000/0x1800 -> two pages
    assertThat(sdf).contains("<memory_region name=\"drv_timer_0\" size=\"0x1000\" phys_addr=\"0x50002000\"");
    assertThat(sdf).contains("<memory_region name=\"drv_timer_1\" size=\"0x2000\" phys_addr=\"0x50005000\"");
    assertThat(sdf).contains("<memory_region name=\"drv_sram_0\" size=\"0x2000\" phys_addr=\"0x50008000\"");
    assertThat(sdf).containsPattern("<map mr=\"drv_uart_0\" vaddr=\"0x[0-9a-f]+\" perms=\"rw\""
        + " cached=\"false\" setvar_vaddr=\"uart_0\"");
    assertThat(sdf).containsPattern("<irq irq=\"33\" id=\"\\d+\"");
    assertThat(sdf).containsPattern("<irq irq=\"67\" id=\"\\d+\" trigger=\"edge\"");
    assertThat(sdf).containsPattern("<irq irq=\"68\" id=\"\\d+\"");
    // the SRAM has no generate_interrupts and no interrupts: regions only
    assertThat(r.plan().pd("drv").irqs()).hasSize(3);
    assertThat(entries(r, Kind.MANUAL)).noneMatch(s -> s.contains("seL4DTBHardware"));
    assertThat(entries(r, Kind.EXACT)).anyMatch(s -> s.contains("/soc@40000000/timer@2040")
        && s.contains("registers at +0x40"));
    // no setting left unused
    assertThat(entries(r, Kind.MANUAL)).noneMatch(s -> s.contains("not used"));
  }

  @Test
  void glueDispatchesByInterruptNumber() {
    Migrator.Result r = migrate("dtb.camkes", Dialect.SEL4CP, DTB);
    Project.Files files = Project.build(r, Project.ReportFormat.MD);
    String glue = new String(files.files().get("src/drv_glue.c"), StandardCharsets.UTF_8);
    String header = new String(files.files().get("include/drv.h"), StandardCharsets.UTF_8);
    assertThat(header).contains("void timer_irq_handle(ps_irq_t *irq);")
        .contains("volatile void *uart_0;").contains("#define IRQ_TIMER_67 ");
    assertThat(glue).contains("case 67: sel4cp_irq_ack(IRQ_TIMER_67); return 0;")
        .contains("{ .irq = { .type = PS_INTERRUPT, .irq = { .number = 68 } }, .channel ="
            + " IRQ_TIMER_68, .handle = timer_irq_handle },")
        .contains("case IRQ_TIMER_68: camkes_irq_arrived(&camkes_allocated_irqs[2]); break;")
        .contains("int camkes_io_ops(ps_io_ops_t *ops) {");
    assertThat(header).contains("static inline int ps_irq_register(ps_irq_ops_t *irq_ops,"
        + " ps_irq_t irq, irq_callback_fn_t callback, void *callback_data) {")
        .contains("typedef struct ps_io_ops { ps_irq_ops_t irq_ops; } ps_io_ops_t;");
    // sel4cp cannot say "edge": the timer is approximate, the UART exact
    assertThat(entries(r, Kind.APPROXIMATE)).anyMatch(s -> s.contains("timer@2040"));
    assertThat(entries(r, Kind.EXACT)).anyMatch(s -> s.contains("/pl011@9000000"));
    // the report names both ways a driver gets its interrupts
    assertThat(entries(r, Kind.EXACT)).anyMatch(s -> s.contains("/pl011@9000000")
        && s.contains("ps_irq_register() (camkes_io_ops()), else uart_irq_handle()"));
  }

  @Test
  void withoutDeviceTreeTheDevicesAreManual() {
    Migrator.Result r = migrate("dtb.camkes", Dialect.SEL4CP, null);
    assertThat(entries(r, Kind.MANUAL)).filteredOn(s -> s.contains("seL4DTBHardware"))
        .hasSize(3).allMatch(s -> s.contains("no device tree given"));
    assertThat(r.sdf()).doesNotContain("phys_addr").doesNotContain("<irq ");
    assertThat(r.diagnostics()).anyMatch(d -> d.code().equals("MIG104"));
  }

  @Test
  void vmPassthroughFromDeviceTree() {
    Migrator.Result r = migrate("vm.camkes", Dialect.SEL4CP_DEV, DTB);
    String sdf = r.sdf();
    assertThat(sdf).contains("phys_addr=\"0x9000000\"").contains("phys_addr=\"0x50002000\"")
        .contains("phys_addr=\"0x50005000\"");
    assertThat(sdf).containsPattern("<map mr=\"vm_mmio_0\" vaddr=\"0x9000000\" perms=\"rw\""
        + " cached=\"false\"");
    // 33 from the UART node and dtb_irqs once; 67, 68 from the timer; 27 from dtb_irqs
    List<Long> irqs = r.plan().pd("vm").irqs().stream().map(PdPlan.IrqUse::irq).toList();
    assertThat(irqs).containsExactly(33L, 67L, 68L, 27L);
    assertThat(entries(r, Kind.EXACT)).anyMatch(s -> s.contains("vm.dtb device /pl011@9000000"));
  }

  @Test
  void vmPassthroughWithoutDeviceTreeIsManual() {
    Migrator.Result r = migrate("vm.camkes", Dialect.SEL4CP_DEV, null);
    assertThat(entries(r, Kind.MANUAL)).anyMatch(s -> s.startsWith("setting vm.dtb")
        && s.contains("no device tree given"));
    assertThat(r.plan().pd("vm").irqs()).extracting(PdPlan.IrqUse::irq).containsExactly(33L, 27L);
  }

  @Test
  void generatedCodeCompiles(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Fixtures.onPath("gcc"));
    for (String cc : List.of("gcc", "aarch64-linux-gnu-gcc")) {
      if (!Fixtures.onPath(cc)) continue;
      for (Dialect d : List.of(Dialect.SEL4CP, Dialect.MICROKIT)) {
        Migrator.Result r = migrate("dtb.camkes", d, DTB);
        Project.Files files = Project.build(r, Project.ReportFormat.MD);
        Path out = dir.resolve(cc + "-" + d.name());
        Fixtures.writeAll(out, files.files());
        Fixtures.Run run = Fixtures.run(out, Fixtures.syntaxCheck(cc, Fixtures.SDK, "drv",
            List.of(), "src/drv_glue.c"));
        assertThat(run.exit()).as(run.output()).isZero();
      }
    }
  }

  @Test
  void aQuerySelectingTwoNodesIsALocatedError(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("two.camkes");
    java.nio.file.Files.writeString(f, """
        import <std_connector.camkes>;
        component D {
            control;
            emits Dummy src;
            consumes Dummy dev;
            composition { connection seL4DTBHardware c(from src, to dev); }
            configuration { dev.dtb = dtb([{"path": "pl011"}, {"path": "timer@2040"}]); }
        }
        assembly { composition { component D d; } }
        """);
    Migrator.Result r = Fixtures.migrate(f, Fixtures.options(f, Dialect.SEL4CP), DTB);
    assertThat(r.ok()).isFalse();
    var d = r.diagnostics().stream().filter(x -> x.code().equals("MIG009")).findFirst()
        .orElseThrow();
    assertThat(d.message()).contains("'d.dev.dtb'", "exactly one", "not 2");
    assertThat(d.span().line()).isEqualTo(7);
  }
}
