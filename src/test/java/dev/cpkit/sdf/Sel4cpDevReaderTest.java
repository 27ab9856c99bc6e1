// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.HumanRenderer;
import dev.cpkit.diag.ReferenceRenderer;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Irq;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import dev.cpkit.system.VirtualMachine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One hand-written case per sel4cp-dev rule of SDF-SPEC-DEV.md §4, with the output of the
 * reference parser (Ivan-Velickovic/sel4cp@3902541) on qemu_arm_virt (hypervisor, 1 core)
 * unless another board is named, and the model cpkit builds for valid files.
 */
class Sel4cpDevReaderTest {
  private static final String F = "t.system";
  private static final String IMG = "<program_image path=\"x.elf\"/>";

  private static Sdf.Result check(String xml, String board) {
    var b = BoardTable.get().board(Dialect.SEL4CP_DEV, board);
    return Sdf.check(F, xml.getBytes(StandardCharsets.UTF_8),
        new Sdf.Options(Dialect.SEL4CP_DEV, b, List.of()));
  }

  /** What the reference CLI prints: the first error, or the warnings. */
  private static String printed(String xml, String board) {
    return new ReferenceRenderer(Dialect.SEL4CP_DEV.locationStyle())
        .render(check(xml, board).diagnostics()).stdout();
  }

  private static String sys(String body) {
    return "<system>\n" + body + "\n</system>\n";
  }

  private static String pd(String attrs, String children) {
    return "  <protection_domain name=\"p\"" + attrs + ">" + IMG + children
        + "</protection_domain>";
  }

  record Case(String name, String board, String xml, String expected) {}

  private static Case ok(String name, String xml) {
    return new Case(name, "qemu_arm_virt", xml, "");
  }

  private static Case err(String name, String xml, String expected) {
    return new Case(name, "qemu_arm_virt", xml, expected + "\n");
  }

  private static Case on(String board, String name, String xml, String expected) {
    return new Case(name, board, xml, expected.isEmpty() ? "" : expected + "\n");
  }

  private static final String LOC2 = F + ":2.2";

  static List<Case> cases() {
    String child = "<protection_domain name=\"c\" id=\"1\">" + IMG + "</protection_domain>";
    return List.of(
        // 4.1 protection_domain
        err("top-level id is invalid", sys(pd(" id=\"1\"", "")),
            "Error: invalid attribute 'id' on element 'protection_domain': " + LOC2),
        err("pd_id is the old spelling", sys(pd("", "<protection_domain name=\"c\" pd_id=\"1\">"
                + IMG + "</protection_domain>")),
            "Error: invalid attribute 'pd_id' on element 'protection_domain': " + F + ":2.59"),
        err("cpu on one core", sys(pd(" cpu=\"1\"", "")),
            "Error: CPU affinity must be between 0 and 0 on element 'protection_domain': "
                + LOC2),
        err("negative cpu", sys(pd(" cpu=\"-1\"", "")),
            "Error: CPU affinity must be between 0 and 0 on element 'protection_domain': "
                + LOC2),
        on("imx8mm_evk_4_cores_hyp", "cpu 3 of 4", sys(pd(" cpu=\"3\"", "")), ""),
        on("imx8mm_evk_4_cores_hyp", "cpu 4 of 4", sys(pd(" cpu=\"0x4\"", "")),
            "Error: CPU affinity must be between 0 and 3 on element 'protection_domain': "
                + LOC2),
        err("child needs an id", sys(pd("", "<protection_domain name=\"c\">" + IMG
                + "</protection_domain>")),
            "Error: Missing required attribute 'id' on element 'protection_domain': "
                + F + ":2.59"),
        err("child id range", sys(pd("", "<protection_domain name=\"c\" id=\"256\">" + IMG
                + "</protection_domain>")),
            "Error: id must be between 0 and 255 on element 'protection_domain': " + F + ":2.59"),
        err("cpu before budget", sys(pd(" budget=\"5\" period=\"1\" cpu=\"7\"", "")),
            "Error: CPU affinity must be between 0 and 0 on element 'protection_domain': "
                + LOC2),
        err("budget after child id", sys(pd("", "<protection_domain name=\"c\" budget=\"5\""
                + " period=\"1\" id=\"x\">" + IMG + "</protection_domain>")),
            "Error: invalid literal for int() with base 0: 'x' on element 'protection_domain': "
                + F + ":2.59"),
        err("child without program_image", sys(pd("", "<protection_domain name=\"c\" id=\"1\"/>")),
            "Error: program_image must be specified on element 'protection_domain': "
                + F + ":2.59"),
        // irq
        err("irq trigger", sys(pd("", "<irq irq=\"5\" id=\"1\" trigger=\"Edge\"/>")),
            "Invalid IRQ trigger 'Edge': " + F + ":2.59"),
        ok("irq id has no range", sys(pd("", "<irq irq=\"5\" id=\"100\" trigger=\"edge\"/>"))),
        // virtual_machine
        on("imx8mm_evk", "no hypervisor", sys(pd("", "<virtual_machine name=\"v\" id=\"0\"/>")),
            "virtual_machine only available when kernel is built as a hypervisor"),
        err("second VM", sys(pd("", "<virtual_machine name=\"v\" id=\"0\"/>"
                + "<virtual_machine name=\"w\" id=\"1\"/>")),
            "virtual_machine must only be specified once"),
        err("vm_id", sys(pd("", "<virtual_machine name=\"v\" vm_id=\"0\"/>")),
            "Error: invalid attribute 'vm_id' on element 'virtual_machine': " + F + ":2.59"),
        err("VM name", sys(pd("", "<virtual_machine id=\"0\"/>")),
            "Error: Missing required attribute 'name' on element 'virtual_machine': "
                + F + ":2.59"),
        err("VM id range", sys(pd("", "<virtual_machine name=\"v\" id=\"-1\"/>")),
            "Error: id must be between 0 and 255 on element 'virtual_machine': " + F + ":2.59"),
        err("VM cpu", sys(pd("", "<virtual_machine name=\"v\" id=\"0\" cpu=\"1\"/>")),
            "Error: CPU affinity must be between 0 and 0 on element 'virtual_machine': "
                + F + ":2.59"),
        err("VM priority parse", sys(pd("", "<virtual_machine name=\"v\" id=\"0\""
                + " priority=\"high\"/>")),
            "Error: invalid literal for int() with base 0: 'high' on element 'virtual_machine': "
                + F + ":2.59"),
        ok("VM priority, budget and period unchecked", sys(pd("",
            "<virtual_machine name=\"v\" id=\"0\" priority=\"300\" budget=\"9\" period=\"1\"/>"))),
        err("vcpu is unknown", sys(pd("", "<virtual_machine name=\"v\" id=\"0\"><vcpu id=\"0\"/>"
                + "</virtual_machine>")),
            "Invalid XML element 'vcpu': " + F + ":2.92"),
        err("VM map value errors are on the VM", sys(pd("",
                "<virtual_machine name=\"v\" id=\"0\"><map mr=\"m\" vaddr=\"0\" cached=\"no\"/>"
                + "</virtual_machine>")),
            "Error: invalid boolean value on element 'virtual_machine': " + F + ":2.59"),
        err("VM map missing attributes are on the map", sys(pd("",
                "<virtual_machine name=\"v\" id=\"0\"><map vaddr=\"0\"/></virtual_machine>")),
            "Error: Missing required attribute 'mr' on element 'map': " + F + ":2.92"),
        // channel
        err("end id < 64", sys(pd("", "") + "<channel><end pd=\"p\" id=\"64\"/>"
                + "<end pd=\"p\" id=\"1\"/></channel>"),
            "Error: id must be < 64 on element 'end': " + F + ":2.88"),
        err("channel to unknown PD", sys(pd("", "") + "<channel><end pd=\"p\" id=\"63\"/>"
                + "<end pd=\"q\" id=\"1\"/></channel>"),
            "Protection domain with name 'q' on element 'channel' does not exist: " + F
                + ":2.79"),
        // 4.2 system checks
        err("duplicate child id before duplicate names", sys(pd("", child
                + child.replace("\"c\"", "\"p\""))),
            "duplicate id: 1 in protection domain: 'p' @ " + F + ":2.143"),
        err("PD count includes children", sys(pd("", childPds(63))),
            "Too many protection domains (64) defined. Maximum is 63."),
        err("duplicate PD name across the tree", sys(pd("", child.replace("\"c\"", "\"p\""))),
            "Duplicate protection domain name 'p'."),
        err("duplicate VM name", sys(pd("", "<virtual_machine name=\"v\" id=\"0\"/>")
                + pd("", "<virtual_machine name=\"v\" id=\"0\"/>").replace("\"p\"", "\"q\"")),
            "Duplicate virtual machine name 'v'."),
        err("irq number unique across children", sys(pd("", "<irq irq=\"9\" id=\"1\"/>"
                + "<protection_domain name=\"c\" id=\"1\">" + IMG + "<irq irq=\"0x9\" id=\"1\"/>"
                + "</protection_domain>")),
            "duplicate irq: 9 in protection domain: 'c' @ " + F + ":2.80"),
        err("irq id 63 collides with end id 63", sys(pd("", "<irq irq=\"9\" id=\"63\"/>")
                + "<channel><end pd=\"p\" id=\"63\"/><end pd=\"p\" id=\"1\"/></channel>"),
            "duplicate channel id: 63 in protection domain: 'p' @ " + LOC2),
        err("VM map region must exist", "<system>\n" + pd("", "<virtual_machine name=\"v\""
                + " id=\"0\"><map mr=\"nope\" vaddr=\"0\"/></virtual_machine>") + "</system>",
            "Invalid memory region name 'nope' on 'map' @ " + F + ":2.92"),
        ok("VM write-only map and region use", sys("<memory_region name=\"m\" size=\"0x1000\"/>"
            + pd("", "<virtual_machine name=\"v\" id=\"0\"><map mr=\"m\" vaddr=\"0x1000\""
                + " perms=\"w\"/></virtual_machine>"))),
        err("unused region warning", sys("<memory_region name=\"m\" size=\"0x1000\"/>"
            + pd("", "")).replace("\n</system>", "</system>"),
            "WARNING: Unused memory region: m"));
  }

  private static String childPds(int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append("<protection_domain name=\"c").append(i).append("\" id=\"").append(i)
          .append("\">").append(IMG).append("</protection_domain>");
    }
    return sb.toString();
  }

  @TestFactory
  Stream<DynamicTest> rules() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name() + " [" + c.board() + "]",
        () -> assertThat(printed(c.xml(), c.board())).as(c.xml()).isEqualTo(c.expected())));
  }

  @Test
  void unusedRegionIsOnlyAWarning() {
    Sdf.Result r = check(sys("<memory_region name=\"m\" size=\"0x1000\"/>" + pd("", "")),
        "qemu_arm_virt");
    assertThat(r.ok()).isTrue();
    assertThat(printed(sys("<memory_region name=\"m\" size=\"0x1000\"/>" + pd("", "")),
        "qemu_arm_virt")).isEqualTo("WARNING: Unused memory region: m\n");
  }

  @Test
  void vmIdErrorHintsAtId() {
    Sdf.Result r = check(sys(pd("", "<virtual_machine name=\"v\" vm_id=\"0\"/>")),
        "qemu_arm_virt");
    Diagnostic first = r.diagnostics().stream().filter(Diagnostic::isError).findFirst()
        .orElseThrow();
    assertThat(first.message()).isEqualTo("invalid attribute 'vm_id'");
    assertThat(first.notes()).anySatisfy(n -> assertThat(n.message()).contains("'id'"));
    String human = new HumanRenderer(false).render(r.diagnostics());
    assertThat(human).contains("vm_id").contains("'id'");
  }

  @Test
  void modelOfChildrenVirtualMachineCpuAndTrigger() {
    String xml = sys("<memory_region name=\"ram\" size=\"0x200000\" page_size=\"0x200000\"/>"
        + "<protection_domain name=\"vmm\" priority=\"200\" cpu=\"3\">" + IMG
        + "<virtual_machine name=\"linux\" id=\"0x2\" priority=\"100\" budget=\"100\""
        + " period=\"200\" cpu=\"1\"><map mr=\"ram\" vaddr=\"0x40000000\" perms=\"rwx\"/>"
        + "</virtual_machine>"
        + "<protection_domain name=\"drv\" id=\"1\" pp=\"true\" passive=\"TRUE\">" + IMG
        + "<irq irq=\"33\" id=\"5\" trigger=\"edge\"/><irq irq=\"34\" id=\"6\"/>"
        + "<protection_domain name=\"gc\" id=\"1\">" + IMG + "</protection_domain>"
        + "</protection_domain></protection_domain>");
    Sdf.Result r = check(xml, "imx8mm_evk_4_cores_hyp");
    assertThat(r.ok()).as(r.diagnostics().toString()).isTrue();
    SystemDescription s = r.system();
    ProtectionDomain vmm = s.protectionDomains().get(0);
    assertThat(vmm.cpu()).isEqualTo(3);
    assertThat(vmm.id()).isNull();
    VirtualMachine vm = vmm.virtualMachine();
    assertThat(vm.name()).isEqualTo("linux");
    assertThat(vm.id()).isEqualTo(2);
    assertThat(vm.cpu()).isEqualTo(1);
    assertThat(vm.priority()).isEqualTo(100);
    assertThat(vm.budget()).isEqualTo(100);
    assertThat(vm.period()).isEqualTo(200);
    assertThat(vm.maps()).singleElement()
        .satisfies(m -> assertThat(m.vaddr()).isEqualTo(0x40000000L));
    ProtectionDomain drv = vmm.children().get(0);
    assertThat(drv.id()).isEqualTo(1);
    assertThat(drv.pp()).isTrue();
    assertThat(drv.passive()).isTrue();
    assertThat(drv.irqs()).extracting(Irq::trigger).containsExactly("edge", "level");
    assertThat(drv.children()).extracting(ProtectionDomain::name).containsExactly("gc");
    assertThat(s.allProtectionDomains()).extracting(ProtectionDomain::name)
        .containsExactly("vmm", "drv", "gc");
  }
}
