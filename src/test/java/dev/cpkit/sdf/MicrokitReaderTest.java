// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.ReferenceRenderer;
import dev.cpkit.diag.Severity;
import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Domains;
import dev.cpkit.system.Irq;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Microkit reader on small inline systems: rules, messages, locations and the model. */
class MicrokitReaderTest {
  static final String ARM = "DEFAULT_AARCH64_KERNEL_CONFIG";
  static final String X86 = "DEFAULT_X86_64_KERNEL_CONFIG";
  static final String SMP = "SMP_AARCH64_KERNEL_CONFIG";
  static final String RISCV = "qemu_virt_riscv64";

  static Sdf.Result check(String board, String xml) {
    return check(board, xml, List.of());
  }

  static Sdf.Result check(String board, String xml, List<Path> searchPaths) {
    Board b = BoardTable.get().board(Dialect.MICROKIT, board);
    assertThat(b).as("board %s", board).isNotNull();
    return Sdf.check("t.system", xml.getBytes(StandardCharsets.UTF_8),
        new Sdf.Options(Dialect.MICROKIT, b, searchPaths));
  }

  static final ReferenceRenderer RENDERER =
      new ReferenceRenderer(Dialect.MICROKIT.locationStyle());

  /** Reference texts of all errors, in report order. */
  static List<String> errors(Sdf.Result res) {
    return res.diagnostics().stream()
        .filter(d -> d.isError() && d.reference() != null)
        .map(RENDERER::text)
        .toList();
  }

  static String first(Sdf.Result res) {
    List<String> all = errors(res);
    return all.isEmpty() ? "" : all.get(0);
  }

  static List<Diagnostic> warnings(Sdf.Result res) {
    return res.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).toList();
  }

  static SystemDescription ok(Sdf.Result res) {
    assertThat(errors(res)).isEmpty();
    assertThat(res.ok()).isTrue();
    assertThat(res.system()).isNotNull();
    return res.system();
  }

  static String pd(String name, String body) {
    return "    <protection_domain name=\"" + name + "\">\n"
        + "        <program_image path=\"" + name + ".elf\" />\n" + body
        + "    </protection_domain>\n";
  }

  @Nested
  class Model {
    static final String VALID = """
        <system>
            <memory_region name="buf" size="0x200000" />
            <memory_region name="dev" size="0x1000" phys_addr="0x9000000" />
            <memory_region name="big" size="0x400000" page_size="0x1000" />
            <protection_domain name="server" priority="200" budget="500" period="2000" passive="true" stack_size="0x4000" fpu="false">
                <program_image path="server.elf" path_for_symbols="server.dbg" />
                <map mr="buf" vaddr="0x4000000" perms="r" cached="false" setvar_vaddr="buf_vaddr" setvar_size="buf_size" />
                <map mr="dev" vaddr="0x5000000" perms="rw" />
                <map mr="big" vaddr="0x6000000" />
                <irq irq="33" id="3" trigger="edge" setvar_id="irq_ch" />
                <setvar symbol="dev_paddr" region_paddr="dev" />
            </protection_domain>
            <protection_domain name="client" priority="100">
                <program_image path="client.elf" />
                <map mr="buf" vaddr="0x4000000" perms="rw" />
            </protection_domain>
            <channel>
                <end pd="client" id="1" pp="true" setvar_id="server_ch" />
                <end pd="server" id="2" notify="false" />
            </channel>
        </system>
        """;

    @Test
    void validSystemFieldByField() {
      Sdf.Result res = check(ARM, VALID);
      assertThat(res.diagnostics()).isEmpty();
      SystemDescription sys = ok(res);
      assertThat(sys.dialect()).isEqualTo(Dialect.MICROKIT);
      assertThat(sys.board().name()).isEqualTo(ARM);
      assertThat(sys.domains()).isNull();
      assertThat(sys.ioAddressSpaces()).isEmpty();

      assertThat(sys.memoryRegions()).hasSize(3);
      MemoryRegion buf = sys.memoryRegion("buf");
      assertThat(buf.size()).isEqualTo(0x200000L);
      assertThat(buf.sizeGiven()).isTrue();
      // Promoted: 2 MiB size, mapped only at 2 MiB-aligned addresses, no page_size given.
      assertThat(buf.pageSize()).isEqualTo(0x200000L);
      assertThat(buf.pageSizeGiven()).isFalse();
      assertThat(buf.physAddr()).isNull();
      assertThat(buf.prefillPath()).isNull();
      assertThat(buf.prefillBootinfo()).isNull();
      assertThat(buf.span().line()).isEqualTo(2);
      MemoryRegion dev = sys.memoryRegion("dev");
      assertThat(dev.pageSize()).isEqualTo(0x1000L);
      assertThat(dev.physAddr()).isEqualTo(0x9000000L);
      MemoryRegion big = sys.memoryRegion("big");
      assertThat(big.pageSize()).isEqualTo(0x1000L);
      assertThat(big.pageSizeGiven()).isTrue();

      ProtectionDomain server = sys.protectionDomain("server");
      assertThat(server.id()).isNull();
      assertThat(server.priority()).isEqualTo(200);
      assertThat(server.budget()).isEqualTo(500);
      assertThat(server.period()).isEqualTo(2000);
      assertThat(server.passive()).isTrue();
      assertThat(server.pp()).isFalse();
      assertThat(server.stackSize()).isEqualTo(0x4000);
      assertThat(server.fpu()).isFalse();
      assertThat(server.smc()).isFalse();
      assertThat(server.cpu()).isZero();
      assertThat(server.domain()).isNull();
      assertThat(server.setvarId()).isNull();
      assertThat(server.programImage().path()).isEqualTo("server.elf");
      assertThat(server.programImage().pathForSymbols()).isEqualTo("server.dbg");
      assertThat(server.maps()).extracting(Mapping::mr).containsExactly("buf", "dev", "big");
      Mapping m = server.maps().get(0);
      assertThat(m.vaddr()).isEqualTo(0x4000000L);
      assertThat(m.perms()).isEqualTo("r");
      assertThat(m.readable()).isTrue();
      assertThat(m.writable()).isFalse();
      assertThat(m.cached()).isFalse();
      assertThat(m.setvarVaddr()).isEqualTo("buf_vaddr");
      assertThat(m.setvarSize()).isEqualTo("buf_size");
      assertThat(m.setvarPrefillSize()).isNull();
      assertThat(server.irqs()).hasSize(1);
      Irq irq = server.irqs().get(0);
      assertThat(irq.kind()).isEqualTo(Irq.Kind.CONVENTIONAL);
      assertThat(irq.irq()).isEqualTo(33);
      assertThat(irq.id()).isEqualTo(3);
      assertThat(irq.trigger()).isEqualTo("edge");
      assertThat(irq.setvarId()).isEqualTo("irq_ch");
      assertThat(server.setvars()).singleElement().satisfies(s -> {
        assertThat(s.symbol()).isEqualTo("dev_paddr");
        assertThat(s.regionPaddr()).isEqualTo("dev");
      });
      assertThat(server.children()).isEmpty();
      assertThat(server.virtualMachine()).isNull();
      assertThat(server.caps()).isEmpty();
      assertThat(server.ioPorts()).isEmpty();
      assertThat(server.span().line()).isEqualTo(5);
      assertThat(server.span().column()).isEqualTo(5);

      assertThat(sys.channels()).hasSize(1);
      Channel ch = sys.channels().get(0);
      assertThat(ch.a().pd()).isEqualTo("client");
      assertThat(ch.a().id()).isEqualTo(1);
      assertThat(ch.a().pp()).isTrue();
      assertThat(ch.a().notifies()).isTrue();
      assertThat(ch.a().setvarId()).isEqualTo("server_ch");
      assertThat(ch.b().pd()).isEqualTo("server");
      assertThat(ch.b().id()).isEqualTo(2);
      assertThat(ch.b().pp()).isFalse();
      assertThat(ch.b().notifies()).isFalse();
      assertThat(ch.b().setvarId()).isNull();
    }

    @Test
    void everyDefault() {
      SystemDescription sys = ok(check(ARM, """
          <system>
              <memory_region name="m" size="0x1000" />
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <map mr="m" vaddr="0x1000" />
                  <irq irq="5" id="0" />
              </protection_domain>
              <protection_domain name="b" budget="300">
                  <program_image path="b.elf" />
              </protection_domain>
              <channel><end pd="a" id="1" /><end pd="b" id="1" /></channel>
          </system>
          """));
      ProtectionDomain a = sys.protectionDomain("a");
      assertThat(a.priority()).isZero();
      assertThat(a.budget()).isEqualTo(1000);
      assertThat(a.period()).isEqualTo(1000);
      assertThat(a.passive()).isFalse();
      assertThat(a.stackSize()).isEqualTo(0x2000);
      assertThat(a.fpu()).isTrue();
      assertThat(a.smc()).isFalse();
      assertThat(a.cpu()).isZero();
      assertThat(a.programImage().pathForSymbols()).isNull();
      Mapping map = a.maps().get(0);
      assertThat(map.perms()).isEqualTo("rw");
      assertThat(map.cached()).isTrue();
      assertThat(map.setvarVaddr()).isNull();
      assertThat(a.irqs().get(0).trigger()).isEqualTo("level");
      // period defaults to the budget, not to 1000
      assertThat(sys.protectionDomain("b").period()).isEqualTo(300);
      Channel.End end = sys.channels().get(0).a();
      assertThat(end.notifies()).isTrue();
      assertThat(end.pp()).isFalse();
      MemoryRegion m = sys.memoryRegion("m");
      assertThat(m.pageSize()).isEqualTo(0x1000L);
      assertThat(m.pageSizeGiven()).isFalse();
    }

    @Test
    void pageSizePromotionNeedsEveryAddressAligned() {
      SystemDescription sys = ok(check(ARM, """
          <system>
              <memory_region name="aligned" size="0x400000" phys_addr="0x40000000" />
              <memory_region name="offset" size="0x200000" />
              <memory_region name="badphys" size="0x200000" phys_addr="0x40401000" />
              <memory_region name="small" size="0x201000" />
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <map mr="aligned" vaddr="0x600000" />
                  <map mr="offset" vaddr="0x200000" />
                  <map mr="offset" vaddr="0x1401000" />
                  <map mr="badphys" vaddr="0x2000000" />
                  <map mr="small" vaddr="0x4000000" />
              </protection_domain>
          </system>
          """));
      assertThat(sys.memoryRegion("aligned").pageSize()).isEqualTo(0x200000L);
      assertThat(sys.memoryRegion("offset").pageSize()).isEqualTo(0x1000L);
      assertThat(sys.memoryRegion("badphys").pageSize()).isEqualTo(0x1000L);
      assertThat(sys.memoryRegion("small").pageSize()).isEqualTo(0x1000L);
    }

    @Test
    void regionsUsedByAnIomapKeepTheirPageSize() {
      SystemDescription sys = ok(check(X86, """
          <system>
              <memory_region name="dma" size="0x200000" />
              <io_address_space name="nic" peripheral_id="0:3.0" domain_id="1">
                  <iomap mr="dma" iovaddr="0x0" perms="r" />
              </io_address_space>
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <map mr="dma" vaddr="0x200000" />
              </protection_domain>
          </system>
          """));
      assertThat(sys.memoryRegion("dma").pageSize()).isEqualTo(0x1000L);
      assertThat(sys.ioAddressSpaces()).singleElement().satisfies(s -> {
        assertThat(s.name()).isEqualTo("nic");
        assertThat(s.peripheralId()).isEqualTo("00:03.0");
        assertThat(s.domainId()).isEqualTo(1L);
        assertThat(s.maps()).singleElement().satisfies(m -> {
          assertThat(m.mr()).isEqualTo("dma");
          assertThat(m.perms()).isEqualTo("r");
        });
      });
    }
  }

  @Nested
  class Panics {
    @Test
    void hexIrqNumberIsALocatedErrorNotACrash() {
      Sdf.Result res = check(ARM, "<system>\n" + pd("a", "        <irq irq=\"0x21\" id=\"1\" />\n")
          + "</system>\n");
      assertThat(first(res)).isEqualTo("Error: irq '0x21' is not a non-negative decimal integer"
          + " (the Microkit tool crashes on this value) on element 'irq': t.system:4:9");
      assertThat(res.system()).isNull();
    }

    @Test
    void hexChannelEndId() {
      Sdf.Result res = check(ARM, "<system>\n" + pd("a", "") + pd("b", "")
          + "    <channel>\n        <end pd=\"a\" id=\"0x1\" />\n        <end pd=\"b\" id=\"1\" />\n"
          + "    </channel>\n</system>\n");
      assertThat(errors(res)).containsExactly("Error: id '0x1' is not a decimal integer (the"
          + " Microkit tool crashes on this value) on element 'end': t.system:9:9");
    }

    @Test
    void negativeVcpuIdAndIrqIdOverflow() {
      Sdf.Result res = check(ARM, "<system>\n" + pd("vmm", """
                  <virtual_machine name="guest">
                      <vcpu id="-1" />
                  </virtual_machine>
                  <irq irq="3" id="99999999999999999999" />
          """) + "</system>\n");
      assertThat(errors(res)).containsExactly(
          "Error: id '-1' is not a non-negative decimal integer (the Microkit tool crashes on"
              + " this value) on element 'vcpu': t.system:5:13",
          // the VM lost its only vcpu to the error above: the tool would also say so
          "Error: missing 'vcpu' element on virtual_machine: 'guest'",
          "Error: id '99999999999999999999' does not fit in 64 bits (the Microkit tool crashes"
              + " on this value) on element 'irq': t.system:7:9");
    }

    @Test
    void cpuAbove255() {
      Sdf.Result res = check(ARM, """
          <system>
              <protection_domain name="a" cpu="300">
                  <program_image path="a.elf" />
              </protection_domain>
          </system>
          """);
      assertThat(errors(res)).containsExactly("Error: cpu core 300 does not fit in 8 bits (the"
          + " Microkit tool crashes on this value) on element 'protection_domain': t.system:2:5");
    }

    @Test
    void rootNotNamedSystem() {
      Sdf.Result res = check(ARM, "<!-- x -->\n<sys>\n</sys>\n");
      assertThat(errors(res)).containsExactly("Error: the root element must be <system>, not"
          + " <sys> (the Microkit tool crashes on this file) on element 'sys': t.system:2:1");
    }
  }

  @Nested
  class Architectures {
    @Test
    void x86IoPortsAndInterrupts() {
      SystemDescription sys = ok(check(X86, """
          <system>
              <protection_domain name="drv">
                  <program_image path="drv.elf" />
                  <ioport id="4" addr="0x3f8" size="8" setvar_id="port_ch" setvar_addr="port_base" />
                  <irq pin="4" vector="36" id="1" trigger="edge" polarity="low" ioapic="0" />
                  <irq pcidev="0:1f.3" handle="2" vector="40" id="2" setvar_id="msi" />
              </protection_domain>
          </system>
          """));
      ProtectionDomain drv = sys.protectionDomain("drv");
      assertThat(drv.ioPorts()).singleElement().satisfies(p -> {
        assertThat(p.id()).isEqualTo(4);
        assertThat(p.addr()).isEqualTo(0x3f8L);
        assertThat(p.size()).isEqualTo(8L);
        assertThat(p.setvarId()).isEqualTo("port_ch");
        assertThat(p.setvarAddr()).isEqualTo("port_base");
      });
      Irq ioapic = drv.irqs().get(0);
      assertThat(ioapic.kind()).isEqualTo(Irq.Kind.IOAPIC);
      assertThat(ioapic.pin()).isEqualTo(4);
      assertThat(ioapic.vector()).isEqualTo(36);
      assertThat(ioapic.trigger()).isEqualTo("edge");
      assertThat(ioapic.polarity()).isEqualTo("low");
      Irq msi = drv.irqs().get(1);
      assertThat(msi.kind()).isEqualTo(Irq.Kind.MSI);
      assertThat(msi.pcidev()).isEqualTo("00:1f.3");
      assertThat(msi.handle()).isEqualTo(2);
      assertThat(msi.vector()).isEqualTo(40);
      assertThat(msi.setvarId()).isEqualTo("msi");
    }

    @Test
    void x86DuplicateIrqComparesVectors() {
      Sdf.Result res = check(X86, """
          <system>
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <irq pin="4" vector="36" id="1" />
              </protection_domain>
              <protection_domain name="b">
                  <program_image path="b.elf" />
                  <irq pcidev="0:2.0" handle="0" vector="36" id="1" />
              </protection_domain>
          </system>
          """);
      assertThat(errors(res)).containsExactly(
          "Error: duplicate irq: 36 in protection domain: 'b' @ t.system:6:5");
    }

    @Test
    void x86IrqWithoutKindAsksForPin() {
      Sdf.Result res = check(X86, "<system>\n" + pd("a", "        <irq id=\"1\" />\n")
          + "</system>\n");
      assertThat(first(res)).isEqualTo(
          "Error: Missing required attribute 'pin' on element 'irq': t.system:4:9");
    }

    @Test
    void ioPortsOnArmAreReportedOnThePd() {
      Sdf.Result res = check(ARM, "<system>\n"
          + pd("a", "        <ioport id=\"0\" addr=\"0x3f8\" size=\"8\" />\n") + "</system>\n");
      assertThat(errors(res)).containsExactly("Error: I/O Ports are only available on x86 on"
          + " element 'protection_domain': t.system:2:5");
    }

    @Test
    void x86SetvarPaddrNeedsAPhysAddr() {
      Sdf.Result res = check(X86, """
          <system>
              <memory_region name="m" size="0x1000" />
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <map mr="m" vaddr="0x1000" />
                  <setvar symbol="m_paddr" region_paddr="m" />
              </protection_domain>
          </system>
          """);
      assertThat(errors(res)).containsExactly("Error: setvar with 'region_paddr' for MR without a"
          + " specified paddr is unsupported on x86-64 @ 'm' t.system:2:5");
      // the same on AArch64 is fine (the tool allocates the address)
      String arm = """
          <system>
              <memory_region name="m" size="0x1000" />
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <map mr="m" vaddr="0x1000" />
                  <setvar symbol="m_paddr" region_paddr="m" />
              </protection_domain>
          </system>
          """;
      ok(check(ARM, arm));
    }

    @Test
    void riscvHasNoSmcNoHypervisorNoIommu() {
      Sdf.Result res = check(RISCV, """
          <system>
              <io_address_space name="x" peripheral_id="0:3.0" />
              <protection_domain name="a" smc="true">
                  <program_image path="a.elf" />
                  <irq irq="10" id="1" />
                  <virtual_machine name="vm"><vcpu id="0" /></virtual_machine>
              </protection_domain>
          </system>
          """);
      assertThat(errors(res)).containsExactly(
          "Error: io address space requires seL4 to be built with IOMMU support: t.system:2:5",
          "ARM SMC forwarding support is not available for this architecture",
          "Error: seL4 has not been built as a hypervisor, virtual machines are disabled on"
              + " element 'protection_domain': t.system:3:5");
    }

    @Test
    void riscvAcceptsConventionalIrqsAndUsesItsOwnAddressSpaceTop() {
      Board b = BoardTable.get().board(Dialect.MICROKIT, RISCV);
      long limit = MicrokitPdReader.pdMapMaxVaddr(b, 0x2000);
      assertThat(limit).isEqualTo(0x3fffffc000L);
      Sdf.Result res = check(RISCV, """
          <system>
              <memory_region name="m" size="0x1000" />
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <irq irq="10" id="1" trigger="edge" />
                  <map mr="m" vaddr="0x3fffffc000" />
              </protection_domain>
          </system>
          """);
      assertThat(errors(res)).containsExactly("Error: vaddr (0x3fffffc000) must be less than"
          + " 0x3fffffc000 on element 'map': t.system:6:9");
    }

    @Test
    void smpAllowsCpusBelowTheCoreCountAndRefusesDomains() {
      ok(check(SMP, """
          <system>
              <protection_domain name="a" cpu="3">
                  <program_image path="a.elf" />
              </protection_domain>
          </system>
          """));
      Sdf.Result res = check(SMP, """
          <system>
              <domains><domain name="d" /><domain_schedule><schedule_entry domain="d" duration="1 us" /></domain_schedule></domains>
              <protection_domain name="a" cpu="4">
                  <program_image path="a.elf" />
              </protection_domain>
          </system>
          """);
      assertThat(errors(res)).containsExactly(
          "Error: The domain scheduler is not supported in multicore builds of seL4",
          "Error: cpu core must be less than 4, got 4 on element 'protection_domain':"
              + " t.system:3:5");
    }
  }

  @Nested
  class Features {
    @Test
    void domainsAssignIdsAndPdsNameThem() {
      SystemDescription sys = ok(check(ARM, """
          <system>
              <domains>
                  <domain name="first" />
                  <domain name="fixed" id="0" />
                  <domain name="third" />
                  <domain_schedule start_index="1" index_shift="2">
                      <schedule_entry domain="first" duration="1000 us" />
                      <schedule_entry domain="fixed" duration="0x10 ticks" />
                      <schedule_end_marker />
                  </domain_schedule>
              </domains>
              <protection_domain name="a" domain="third">
                  <program_image path="a.elf" />
              </protection_domain>
          </system>
          """));
      Domains d = sys.domains();
      assertThat(d.domains()).extracting(Domains.Domain::name, Domains.Domain::id)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("first", 1L),
              org.assertj.core.groups.Tuple.tuple("fixed", 0L),
              org.assertj.core.groups.Tuple.tuple("third", 2L));
      assertThat(d.startIndex()).isEqualTo(1);
      assertThat(d.indexShift()).isEqualTo(2);
      assertThat(d.schedule()).hasSize(3);
      assertThat(d.schedule().get(0).domain()).isEqualTo("first");
      assertThat(d.schedule().get(0).duration()).isEqualTo(1000);
      assertThat(d.schedule().get(0).unit()).isEqualTo("us");
      assertThat(d.schedule().get(1).duration()).isEqualTo(16);
      assertThat(d.schedule().get(1).unit()).isEqualTo("ticks");
      assertThat(d.schedule().get(2).endMarker()).isTrue();
      assertThat(sys.protectionDomain("a").domain()).isEqualTo("third");
    }

    @Test
    void domainMessages() {
      Sdf.Result res = check(ARM, """
          <system>
              <protection_domain name="early" domain="d">
                  <program_image path="a.elf" />
              </protection_domain>
              <domains>
                  <domain name="dom" />
                  <domain_schedule start_index="0" index_shift="99">
                      <schedule_entry domain="dom" duration="5 us" />
                  </domain_schedule>
              </domains>
              <protection_domain name="late" domain="dmo">
                  <program_image path="a.elf" />
              </protection_domain>
          </system>
          """);
      assertThat(errors(res)).containsExactly(
          "Error: Specifying a domain 'd' without declaring a domain schedule is not allowed: on"
              + " element 'protection_domain': t.system:2:5",
          // sdf.rs prints the start index (0) where it means the shift (99)
          "Error: schedule_index_shift '0' on top of the schedule length '1' would exceed than"
              + " the configured KernelNumDomainSchedules 100 on element 'domain_schedule':"
              + " t.system:7:9",
          "Error: domain 'dmo' not declared in <domains>: on element 'protection_domain':"
              + " t.system:11:5");
      Diagnostic last = res.diagnostics().get(res.diagnostics().size() - 1);
      assertThat(last.notes()).extracting(Diagnostic.Note::message)
          .contains("did you mean 'dom'?");
    }

    @Test
    void cspaceCaps() {
      SystemDescription sys = ok(check(ARM, """
          <system>
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <cspace>
                      <cap_tcb pd="b" slot="1" />
                      <cap_vspace pd="b" slot="0x7f" />
                  </cspace>
              </protection_domain>
              <protection_domain name="b">
                  <program_image path="b.elf" />
              </protection_domain>
          </system>
          """));
      assertThat(sys.protectionDomain("a").caps())
          .extracting(ProtectionDomain.CapMapping::type, ProtectionDomain.CapMapping::pd,
              ProtectionDomain.CapMapping::slot)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("tcb", "b", 1),
              org.assertj.core.groups.Tuple.tuple("vspace", "b", 127));
      Sdf.Result bad = check(ARM, """
          <system>
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <cspace>
                      <cap_sc pd="a" slot="128" />
                      <capture />
                      <cap_tcb pd="zz" slot="5" />
                  </cspace>
              </protection_domain>
          </system>
          """);
      assertThat(errors(bad)).containsExactly(
          "Error: There are only 128 destination cspace slots available. on element 'cap_sc':"
              + " t.system:5:13",
          "Element 'capture' is not supported in a <cspace> element at 't.system:6:13'",
          "Error: unknown PD name 'zz': t.system:7:13");
    }

    @Test
    void prefillSizesComeFromTheFile(@TempDir Path dir) throws IOException {
      Files.write(dir.resolve("four.bin"), new byte[4]);
      Files.write(dir.resolve("big.bin"), new byte[0x1001]);
      SystemDescription sys = ok(check(ARM, """
          <system>
              <memory_region name="p" prefill_path="four.bin" />
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <map mr="p" vaddr="0x1000" setvar_prefill_size="p_len" />
              </protection_domain>
          </system>
          """, List.of(dir)));
      MemoryRegion p = sys.memoryRegion("p");
      assertThat(p.size()).isEqualTo(0x1000L);
      assertThat(p.sizeGiven()).isFalse();
      assertThat(p.prefillPath()).isEqualTo("four.bin");
      assertThat(sys.protectionDomain("a").maps().get(0).setvarPrefillSize()).isEqualTo("p_len");

      Sdf.Result res = check(ARM, """
          <system>
              <memory_region name="p" size="0x1000" prefill_path="big.bin" />
              <memory_region name="q" size="0x1000" />
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <map mr="p" vaddr="0x1000" />
                  <map mr="q" vaddr="0x2000" setvar_prefill_size="q_len" />
              </protection_domain>
          </system>
          """, List.of(dir));
      assertThat(errors(res)).containsExactly(
          "Error: size of prefill file exceeds memory region size: 1001 > 1000 on element"
              + " 'memory_region': t.system:2:5",
          "Error: 'setvar_prefill_size' used for MR without a `prefill_path` @ 'q'"
              + " t.system:3:5");
    }

    @Test
    void stackSizeMovesTheMapLimit() {
      Sdf.Result res = check(ARM, """
          <system>
              <memory_region name="m" size="0x1000" />
              <protection_domain name="a" stack_size="0x10000">
                  <program_image path="a.elf" />
                  <map mr="m" vaddr="0xfffffef000" />
              </protection_domain>
              <protection_domain name="b" stack_size="0x800">
                  <program_image path="b.elf" />
              </protection_domain>
              <protection_domain name="c" stack_size="0x1800">
                  <program_image path="c.elf" />
              </protection_domain>
          </system>
          """);
      assertThat(errors(res)).containsExactly(
          "Error: vaddr (0xfffffef000) must be less than 0xfffffee000 on element 'map':"
              + " t.system:5:9",
          "Error: stack size must be between 0x1000 bytes and 0x1000000 bytes on element"
              + " 'protection_domain': t.system:7:5",
          "Error: stack size must be aligned to the smallest page size, 4096 bytes on element"
              + " 'protection_domain': t.system:10:5");
      // one page lower fits, with a 64 KiB stack
      SystemDescription sys = ok(check(ARM, """
          <system>
              <memory_region name="m" size="0x1000" />
              <protection_domain name="a" stack_size="0x10000">
                  <program_image path="a.elf" />
                  <map mr="m" vaddr="0xfffffed000" />
              </protection_domain>
          </system>
          """));
      assertThat(sys.protectionDomain("a").stackSize()).isEqualTo(0x10000);
    }

    @Test
    void childPdsNestAndPatchTheirIds() {
      Sdf.Result res = check(ARM, """
          <system>
              <protection_domain name="parent" priority="10">
                  <program_image path="parent.elf" />
                  <protection_domain name="kid" id="1" setvar_id="kid_id" priority="5">
                      <program_image path="kid.elf" />
                      <protection_domain name="grandkid" id="0">
                          <program_image path="gk.elf" />
                      </protection_domain>
                  </protection_domain>
                  <protection_domain name="kid2" id="2">
                      <program_image path="kid2.elf" />
                  </protection_domain>
              </protection_domain>
          </system>
          """);
      SystemDescription sys = ok(res);
      assertThat(sys.protectionDomains()).hasSize(1);
      ProtectionDomain parent = sys.protectionDomains().get(0);
      assertThat(parent.children()).extracting(ProtectionDomain::name)
          .containsExactly("kid", "kid2");
      ProtectionDomain kid = parent.children().get(0);
      assertThat(kid.id()).isEqualTo(1);
      assertThat(kid.setvarId()).isEqualTo("kid_id");
      assertThat(kid.priority()).isEqualTo(5);
      assertThat(kid.children()).singleElement().extracting(ProtectionDomain::id).isEqualTo(0);
      assertThat(sys.allProtectionDomains()).extracting(ProtectionDomain::name)
          .containsExactly("parent", "kid", "grandkid", "kid2");
    }

    @Test
    void childSetvarIdClashesWithTheParentsSymbols() {
      Sdf.Result res = check(ARM, """
          <system>
              <memory_region name="m" size="0x1000" />
              <protection_domain name="parent">
                  <program_image path="parent.elf" />
                  <map mr="m" vaddr="0x1000" setvar_vaddr="sym" />
                  <protection_domain name="kid" id="70" setvar_id="sym">
                      <program_image path="kid.elf" />
                  </protection_domain>
              </protection_domain>
          </system>
          """);
      assertThat(errors(res)).containsExactly("Error: setvar on symbol 'sym' already exists on"
          + " element 'protection_domain': t.system:6:9");
      // sdf.rs does not range-check child ids; cpkit warns
      assertThat(warnings(res)).extracting(Diagnostic::code).containsExactly("SDF108");
    }

    @Test
    void vcpuSetvarIdIsDroppedWithAWarning() {
      Sdf.Result res = check(ARM, "<system>\n" + pd("vmm", """
                  <virtual_machine name="guest" priority="300">
                      <vcpu id="0" setvar_id="vcpu0" cpu="0" />
                  </virtual_machine>
          """) + "</system>\n");
      SystemDescription sys = ok(res);
      var vm = sys.protectionDomain("vmm").virtualMachine();
      assertThat(vm.name()).isEqualTo("guest");
      assertThat(vm.priority()).isEqualTo(300 & 0xff);
      assertThat(vm.budget()).isEqualTo(1000);
      assertThat(vm.vcpus()).singleElement().satisfies(v -> {
        assertThat(v.id()).isZero();
        assertThat(v.cpu()).isZero();
        assertThat(v.setvarId()).isNull();
      });
      assertThat(warnings(res)).extracting(Diagnostic::code)
          .containsExactlyInAnyOrder("SDF100", "SDF108");
    }

    @Test
    void selfChannelWithOneIdPassesAsInTheTool() {
      ok(check(ARM, "<system>\n" + pd("a", "")
          + "    <channel><end pd=\"a\" id=\"4\" /><end pd=\"a\" id=\"4\" /></channel>\n"
          + "</system>\n"));
    }

    @Test
    void monitorIsReserved() {
      assertThat(errors(check(ARM, "<system>\n" + pd("monitor", "") + "</system>\n")))
          .containsExactly("Error: the PD name 'monitor' is reserved for the Microkit Monitor.");
    }
  }

  @Nested
  class Syntax {
    @Test
    void numbers() {
      ok(check(ARM, "<system>\n    <memory_region name=\"m\" size=\"0x1_000\" />\n"
          + "    <memory_region name=\"n\" size=\"+4096\" />\n"
          + pd("a", "        <map mr=\"m\" vaddr=\"0x1000\" />\n"
              + "        <map mr=\"n\" vaddr=\"0x2000\" />\n") + "</system>\n"));
      Sdf.Result res = check(ARM, """
          <system>
              <memory_region name="a" size="0X1000" />
              <memory_region name="b" size="" />
              <memory_region name="c" size="99999999999999999999" />
              <memory_region name="d" size="-4096" />
          </system>
          """);
      assertThat(errors(res)).containsExactly(
          "Error: failed to parse integer '0X1000' on element 'memory_region': invalid digit"
              + " found in string",
          "Error: failed to parse integer '' on element 'memory_region': cannot parse integer"
              + " from empty string",
          "Error: failed to parse integer '99999999999999999999' on element 'memory_region':"
              + " number too large to fit in target type",
          "Error: failed to parse integer '-4096' on element 'memory_region': invalid digit"
              + " found in string",
          "Error: at least one protection domain must be defined");
      // the tool prints no location; cpkit still points at the value
      Diagnostic d = res.diagnostics().get(0);
      assertThat(d.span().line()).isEqualTo(2);
      assertThat(d.span().column()).isEqualTo(35);
    }

    @Test
    void booleansAreCaseSensitive() {
      Sdf.Result res = check(ARM, """
          <system>
              <protection_domain name="a" passive="True">
                  <program_image path="a.elf" />
              </protection_domain>
          </system>
          """);
      assertThat(errors(res)).containsExactly("Error: passive must be 'true' or 'false' on"
          + " element 'protection_domain': t.system:2:5");
      assertThat(res.diagnostics().get(0).notes()).extracting(Diagnostic.Note::message)
          .anyMatch(n -> n.contains("'true'"));
    }

    @Test
    void textAfterACommentIsInElementWithNoName() {
      Sdf.Result res = check(ARM, """
          <system>
            <!-- c --> hello
            <protection_domain name="a">
              <program_image path="a.elf" />
              deeper text is not checked
            </protection_domain>
          </system>
          """);
      assertThat(errors(res)).containsExactly(
          "Error: unexpected text found in element '' @ t.system:2:13");
    }

    @Test
    void textFirstInSystemIsLocatedAtSystem() {
      Sdf.Result res = check(ARM, "<system>oops" + pd("a", "") + "</system>");
      assertThat(errors(res)).containsExactly(
          "Error: unexpected text found in element 'system' @ t.system:1:1");
    }
  }

  @Nested
  class AllErrors {
    @Test
    void independentErrorsAreAllReportedInTheToolsOrder() {
      Sdf.Result res = check(ARM, """
          <system>
              <channel>
                  <end pd="a" id="1" />
                  <end pd="nobody" id="2" />
              </channel>
              <memory_region name="m" size="0x1000" page_size="0x3000" />
              <protection_domain name="a" colour="blue">
                  <program_image path="a.elf" />
              </protection_domain>
          </system>
          """);
      // The channel comes first in the file but sdf.rs reads channels last.
      assertThat(errors(res)).containsExactly(
          "Error: page size 0x3000 not supported on element 'memory_region': t.system:6:5",
          "Error: invalid attribute 'colour' on element 'protection_domain': t.system:7:5",
          "Error: invalid PD name 'nobody' on element 'end': t.system:4:9");
      assertThat(res.diagnostics()).extracting(Diagnostic::code)
          .containsExactly("SDF010", "SDF005", "SDF013"); // no unused-region warning with errors
    }

    @Test
    void noCascadeFromABrokenDeclaration() {
      Sdf.Result res = check(ARM, """
          <system>
              <memory_region name="m" size="0x10zz" />
              <protection_domain priority="1">
                  <program_image path="x.elf" />
              </protection_domain>
              <protection_domain name="b">
                  <program_image path="b.elf" />
                  <map mr="m" vaddr="0x1000" />
              </protection_domain>
              <channel><end pd="x" id="1" /><end pd="b" id="1" /></channel>
          </system>
          """);
      // no "invalid memory region name 'm'", no "invalid PD name 'x'", no unused warning
      assertThat(errors(res)).containsExactly(
          "Error: failed to parse integer '0x10zz' on element 'memory_region': invalid digit"
              + " found in string",
          "Error: Missing required attribute 'name' on element 'protection_domain':"
              + " t.system:3:5");
      assertThat(warnings(res)).isEmpty();
    }

    @Test
    void misspeltNamesGetAHint() {
      Sdf.Result res = check(ARM, """
          <system>
              <memory_region name="buffer" size="0x1000" />
              <protection_domain name="pd1">
                  <program_image path="a.elf" />
                  <map mr="bufer" vaddr="0x1000" />
              </protection_domain>
              <protection_domain name="pd2">
                  <program_image path="b.elf" />
              </protection_domain>
              <channel><end pd="pd1" id="1" /><end pd="pd3" id="1" /></channel>
          </system>
          """);
      assertThat(errors(res)).containsExactly(
          "Error: invalid PD name 'pd3' on element 'end': t.system:10:37",
          "Error: invalid memory region name 'bufer' on 'map' @ t.system:5:9");
      assertThat(res.diagnostics().get(0).notes()).extracting(Diagnostic.Note::message)
          .containsExactly("did you mean 'pd1'?");
      assertThat(res.diagnostics().get(1).notes()).extracting(Diagnostic.Note::message)
          .containsExactly("did you mean 'buffer'?");
    }

    @Test
    void sameRegionMappedTwiceDifferentlyIsACpkitWarning() {
      Sdf.Result res = check(ARM, """
          <system>
              <memory_region name="m" size="0x1000" />
              <protection_domain name="a">
                  <program_image path="a.elf" />
                  <map mr="m" vaddr="0x1000" />
                  <map mr="m" vaddr="0x2000" cached="false" />
              </protection_domain>
          </system>
          """);
      ok(res);
      assertThat(warnings(res)).singleElement().satisfies(w -> {
        assertThat(w.code()).isEqualTo("SDF101");
        assertThat(w.reference()).isNull();
        assertThat(w.span().line()).isEqualTo(6);
      });
    }

    @Test
    void unusedRegionWarningHasTheToolsText() {
      Sdf.Result res = check(ARM, "<system>\n    <memory_region name=\"spare\" size=\"0x1000\" />\n"
          + pd("a", "") + "</system>\n");
      ok(res);
      assertThat(warnings(res)).singleElement().satisfies(w -> {
        assertThat(w.code()).isEqualTo("SDF018");
        assertThat(RENDERER.text(w)).isEqualTo("WARNING: unused memory region 'spare'");
      });
    }
  }
}
