// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.codegen.TestSystems;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.sdf.DialectConverter;
import dev.cpkit.sdf.DialectConverter.Release;
import dev.cpkit.sdf.SdfWriter;
import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Irq;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import dev.cpkit.system.VirtualMachine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DialectConverter.upgrade: sel4cp to a Microkit release, and Microkit release to release. */
class ReleaseStepsTest {
  static final Board MK = BoardTable.get().defaultBoard(Dialect.MICROKIT);

  @ParameterizedTest
  @ValueSource(strings = {"ping-pong", "driver", "passive-server"})
  void examplesUpgradeToTheLatestRelease(String name) {
    SystemDescription s = TestSystems.load(Path.of("examples/sdf/" + name + ".system"),
        Dialect.SEL4CP);
    DialectConverter.Result r = DialectConverter.upgrade(s, null, Release.LATEST, MK);
    assertThat(r.ok()).as("%s", r.report()).isTrue();
    assertThat(r.system().dialect()).isEqualTo(Dialect.MICROKIT);
    // the same conversion fmt --dialect microkit makes, plus the release notes
    DialectConverter.Result fmt = DialectConverter.convert(s, Dialect.MICROKIT, MK);
    assertThat(SdfWriter.write(r.system(), Dialect.MICROKIT))
        .isEqualTo(SdfWriter.write(fmt.system(), Dialect.MICROKIT));
    assertThat(r.report()).containsAll(fmt.report());
  }

  @Test
  void ppMovesToTheCallersEnd() {
    SystemDescription s = TestSystems.load(Path.of("examples/sdf/passive-server.system"),
        Dialect.SEL4CP);
    String text = SdfWriter.write(DialectConverter.upgrade(s, null, Release.V2_0_0, MK)
        .system(), Dialect.MICROKIT);
    assertThat(text).contains("<end pd=\"client\" id=\"0\" pp=\"true\" />")
        .doesNotContain("passive=\"true\" pp=\"true\"");
  }

  @Test
  void stackNoteOnlyWhenCrossing210() {
    SystemDescription s = TestSystems.load(Path.of("examples/sdf/ping-pong.system"),
        Dialect.SEL4CP);
    assertThat(messages(DialectConverter.upgrade(s, null, Release.V2_0_1, MK)))
        .noneMatch(m -> m.contains("stack"));
    assertThat(messages(DialectConverter.upgrade(s, null, Release.V2_1_0, MK)))
        .anyMatch(m -> m.contains("raised the default stack from 4 KiB to 8 KiB"));
  }

  @Test
  void ppInBothDirectionsCannotBeUpgraded() {
    SystemDescription s = TestSystems.parse("both.system", """
        <system>
            <protection_domain name="a" priority="1" pp="true"><program_image path="a" /></protection_domain>
            <protection_domain name="b" priority="2" pp="true"><program_image path="b" /></protection_domain>
            <channel><end pd="a" id="0" /><end pd="b" id="0" /></channel>
        </system>
        """, Dialect.SEL4CP);
    DialectConverter.Result r = DialectConverter.upgrade(s, null, Release.LATEST, MK);
    assertThat(r.ok()).isFalse();
    assertThat(r.report()).extracting(Diagnostic::code).contains("SDF109");
  }

  /** A Microkit 2.2.0 x86 system, built directly: the Microkit reader is developed apart. */
  static SystemDescription x86System(String polarity, String pcidev, int vmmCpu) {
    Board x86 = MK.with(Map.of("arch", "x86_64", "name", "x86_64_generic"));
    Irq ioapic = new Irq(Irq.Kind.IOAPIC, 0, 1, "level", 0, 4, 36, polarity, null, 0, null, null);
    Irq msi = new Irq(Irq.Kind.MSI, 0, 2, null, 0, 0, 37, null, pcidev, 0, null, null);
    VirtualMachine vm = new VirtualMachine("guest", null, 0, 0, 1000, 1000,
        List.of(new VirtualMachine.Vcpu(0, 0, null, null)), List.of(), null);
    ProtectionDomain vmm = new ProtectionDomain("vmm", null, 100, 1000, 1000, false, false,
        vmmCpu, 0x2000, false, true, null, null, new ProtectionDomain.ProgramImage("vmm.elf",
            null, null), List.of(), List.of(ioapic, msi), List.of(), List.of(), List.of(), vm,
        List.of(), null);
    return new SystemDescription(Dialect.MICROKIT, x86, List.of(), List.of(vmm), List.of(),
        List.of(), null, null);
  }

  @Test
  void release230InvertsIoapicPolarityAndFixesPciAddresses() {
    DialectConverter.Result r = DialectConverter.upgrade(x86System(null, "0:3:1", 0),
        Release.V2_2_0, Release.V2_3_0, MK);
    assertThat(r.ok()).as("%s", r.report()).isTrue();
    List<Irq> irqs = r.system().protectionDomains().get(0).irqs();
    assertThat(irqs.get(0).polarity()).isEqualTo("low");
    assertThat(irqs.get(1).pcidev()).isEqualTo("0:3.1");
    assertThat(messages(r)).anyMatch(m -> m.contains("turns the x86 IOMMU on"));
    String text = SdfWriter.write(r.system(), Dialect.MICROKIT);
    assertThat(text).contains("polarity=\"low\"").contains("pcidev=\"0:3.1\"");

    DialectConverter.Result back = DialectConverter.upgrade(x86System("low", "0:3.1", 0),
        Release.V2_2_0, Release.V2_3_0, MK);
    assertThat(back.system().protectionDomains().get(0).irqs().get(0).polarity())
        .isEqualTo("high");
  }

  @Test
  void release230VcpuCoreAndNothingWhenNotCrossing() {
    DialectConverter.Result r = DialectConverter.upgrade(x86System("high", "0:3.1", 1),
        Release.V2_2_0, Release.V2_3_0, MK);
    assertThat(messages(r)).anyMatch(m -> m.contains("write cpu=\"0\" on the <vcpu>"));
    DialectConverter.Result none = DialectConverter.upgrade(x86System("high", "0:3:1", 1),
        Release.V2_1_0, Release.V2_2_0, MK);
    assertThat(none.report()).isEmpty();
    assertThat(none.system().protectionDomains().get(0).irqs().get(0).polarity())
        .isEqualTo("high");
  }

  @Test
  void releaseNames() {
    assertThat(Release.parse("microkit-2.3.0")).isEqualTo(Release.V2_3_0);
    assertThat(Release.parse("2.0.1")).isEqualTo(Release.V2_0_1);
    assertThat(Release.parse("1.4.1")).isNull();
    assertThat(Release.LATEST).hasToString("microkit-2.3.0");
  }

  static List<String> messages(DialectConverter.Result r) {
    return r.report().stream().map(Diagnostic::message).toList();
  }
}
