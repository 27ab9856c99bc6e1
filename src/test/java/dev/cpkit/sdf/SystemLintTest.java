// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.system.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cpkit's own warnings: each fires on the mistake and stays quiet on clean input. */
class SystemLintTest {

  static List<Diagnostic> warnings(Dialect d, String body) {
    String text = "<system>\n" + body + "\n</system>\n";
    Sdf.Result r = Sdf.check("t.system", text.getBytes(StandardCharsets.UTF_8),
        Sdf.Options.of(d));
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    return r.diagnostics().stream().filter(x -> x.reference() == null).toList();
  }

  static List<String> codes(List<Diagnostic> ds) {
    return ds.stream().map(Diagnostic::code).toList();
  }

  private static final String CLEAN = """
      <memory_region name="buf" size="0x1000" />
      <protection_domain name="client" priority="1">
          <program_image path="c.elf" />
          <map mr="buf" vaddr="0x1000000" setvar_vaddr="buf" />
      </protection_domain>
      <protection_domain name="server" priority="2" pp="true" passive="true">
          <program_image path="s.elf" />
          <map mr="buf" vaddr="0x1000000" perms="r" setvar_vaddr="buf" />
      </protection_domain>
      <channel><end pd="client" id="0" /><end pd="server" id="0" /></channel>
      """;

  @Test
  void cleanSystemHasNoWarnings() {
    assertThat(warnings(Dialect.SEL4CP, CLEAN)).isEmpty();
    assertThat(warnings(Dialect.SEL4CP_DEV, CLEAN)).isEmpty();
  }

  @Test
  void protectedCallToEqualPriority() {
    List<Diagnostic> w = warnings(Dialect.SEL4CP, CLEAN.replace("priority=\"2\"",
        "priority=\"1\""));
    assertThat(codes(w)).containsExactly("SDF104");
    assertThat(w.get(0).message()).isEqualTo("'client' (priority 1) may call 'server' (priority"
        + " 1), which provides a protected procedure at a priority that is not strictly higher");
    assertThat(w.get(0).span().line()).isEqualTo(11);
  }

  @Test
  void sameRegionMappedTwiceWithDifferentCaching() {
    List<Diagnostic> w = warnings(Dialect.SEL4CP, CLEAN.replace(
        "<map mr=\"buf\" vaddr=\"0x1000000\" setvar_vaddr=\"buf\" />",
        "<map mr=\"buf\" vaddr=\"0x1000000\" setvar_vaddr=\"buf\" />"
            + "<map mr=\"buf\" vaddr=\"0x2000000\" cached=\"false\" />"));
    assertThat(codes(w)).containsExactly("SDF101");
    assertThat(w.get(0).message()).contains("different caching");
  }

  @Test
  void overlappingMapsAndDuplicateSetvarsAndMissingSetvarRegion() {
    List<Diagnostic> w = warnings(Dialect.SEL4CP, CLEAN.replace(
        "<map mr=\"buf\" vaddr=\"0x1000000\" setvar_vaddr=\"buf\" />",
        "<map mr=\"buf\" vaddr=\"0x1000000\" setvar_vaddr=\"buf\" />"
            + "<map mr=\"buf\" vaddr=\"0x1000000\" setvar_vaddr=\"buf\" />"
            + "<setvar symbol=\"p\" region_paddr=\"bfu\" />"));
    assertThat(codes(w)).containsExactlyInAnyOrder("SDF105", "SDF106", "SDF106");
  }

  @Test
  void longNamesOddPermsZeroSizesAndUnreachablePassivePds() {
    List<Diagnostic> w = warnings(Dialect.SEL4CP, """
        <memory_region name="z" size="0" />
        <protection_domain name="abcdefghijklmnop" passive="true">
            <program_image path="a.elf" />
            <map mr="z" vaddr="0x1000" perms="rq" />
        </protection_domain>
        """);
    assertThat(codes(w)).containsExactlyInAnyOrder("SDF108", "SDF103", "SDF108", "SDF108");
  }

  @Test
  void devIdsBeyondCapabilityTables() {
    List<Diagnostic> w = warnings(Dialect.SEL4CP_DEV, """
        <protection_domain name="p">
            <program_image path="p.elf" />
            <irq irq="5" id="70" />
            <protection_domain name="c" id="64"><program_image path="c.elf" /></protection_domain>
        </protection_domain>
        """);
    assertThat(codes(w)).containsExactlyInAnyOrder("SDF108", "SDF108");
  }
}
