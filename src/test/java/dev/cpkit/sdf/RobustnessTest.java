// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.ReferenceRenderer;
import dev.cpkit.system.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile and broken inputs: each gets a located error (or the reference behaviour), never an
 * exception, a hang or unbounded work. Every dialect is run on every input.
 */
class RobustnessTest {

  static Sdf.Result check(Dialect d, byte[] bytes) {
    return Sdf.check("in.system", bytes, Sdf.Options.of(d));
  }

  static Sdf.Result check(Dialect d, String text) {
    return check(d, text.getBytes(StandardCharsets.UTF_8));
  }

  static Diagnostic firstError(Sdf.Result r) {
    return r.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
  }

  static String reference(Dialect d, Sdf.Result r) {
    return new ReferenceRenderer(d.locationStyle()).text(firstError(r));
  }

  private static final String BILLION_LAUGHS = """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [
        <!ENTITY lol "lol">
        <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
      ]>
      <system><protection_domain name="&lol3;" /></system>
      """;

  private static final String XXE = """
      <?xml version="1.0"?>
      <!DOCTYPE system [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
      <system><memory_region name="&secret;" size="0x1000" /></system>
      """;

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void doctypeAndEntityDeclarationsAreRefused(Dialect d) {
    for (String text : List.of(BILLION_LAUGHS, XXE)) {
      Sdf.Result r = check(d, text);
      Diagnostic e = firstError(r);
      assertThat(e.code()).isEqualTo("SDF002");
      assertThat(e.message()).contains("DOCTYPE");
      assertThat(e.span().line()).isEqualTo(2);
      assertThat(r.system()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void undeclaredEntityIsAnXmlError(Dialect d) {
    Sdf.Result r = check(d, "<system>\n  <protection_domain name=\"&nope;\" />\n</system>\n");
    assertThat(firstError(r).code()).isEqualTo("SDF001");
    assertThat(firstError(r).message()).isEqualTo("undefined entity");
    assertThat(firstError(r).span().line()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void invalidUtf8IsLocated(Dialect d) {
    byte[] head = "<system>\n  <memory_region name=\"".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 3];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xC3;
    bytes[head.length + 1] = (byte) 0x28;
    bytes[head.length + 2] = (byte) '"';
    Diagnostic e = firstError(check(d, bytes));
    assertThat(e.code()).isEqualTo("SDF001");
    assertThat(e.span().line()).isEqualTo(2);
    assertThat(e.span().column()).isEqualTo(24); // expat: line 2, column 23 (0-based)
    assertThat(e.notes()).anySatisfy(n -> assertThat(n.message()).contains("UTF-8"));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void emptyFileIsAnXmlErrorAtTheStart(Dialect d) {
    Sdf.Result r = check(d, new byte[0]);
    assertThat(firstError(r).message()).isEqualTo("no element found");
    if (d.isPython()) assertThat(reference(d, r)).isEqualTo("XML parse error: in.system:1.0");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void binaryGarbageNeverThrows(Dialect d) {
    Random rnd = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[rnd.nextInt(2000)];
      rnd.nextBytes(bytes);
      if (i % 2 == 0 && bytes.length > 0) bytes[0] = '<';
      Sdf.Result r = check(d, bytes);
      assertThat(r.ok()).isFalse();
      assertThat(firstError(r).span()).isNotNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void tenThousandDeepNestingIsRefusedWithoutRecursion(Dialect d) {
    StringBuilder sb = new StringBuilder("<system>");
    sb.append("<a>".repeat(10_000)).append("</a>".repeat(10_000)).append("</system>");
    Sdf.Result r = check(d, sb.toString());
    Diagnostic e = firstError(r);
    assertThat(e.code()).isEqualTo("SDF002");
    assertThat(e.message()).contains("nested more than");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void tenMegabyteFileIsRead(Dialect d) {
    StringBuilder sb = new StringBuilder("<system>\n");
    int i = 0;
    while (sb.length() < 10_000_000) {
      sb.append("  <memory_region name=\"region_").append(i++).append("\" size=\"0x1000\" />\n");
    }
    sb.append("  <protection_domain name=\"pd\"><program_image path=\"pd.elf\" />")
        .append("<map mr=\"region_0\" vaddr=\"0x1000000\" /></protection_domain>\n</system>\n");
    Sdf.Result r = check(d, sb.toString());
    assertThat(r.ok()).as("%s", r.diagnostics().stream().filter(Diagnostic::isError)
        .limit(3).toList()).isTrue();
    assertThat(r.system().memoryRegions()).hasSize(i);
    assertThat(r.diagnostics()).filteredOn(x -> x.code().equals("SDF018")).hasSize(i - 1);
  }

  @ParameterizedTest
  @EnumSource(value = Dialect.class, names = {"SEL4CP", "SEL4CP_DEV"})
  void pythonNumbersAreUnboundedAndSigned(Dialect d) {
    String huge = "0x1" + "0".repeat(30); // a multiple of the page size, far beyond 64 bits
    String text = "<system><memory_region name=\"m\" size=\"" + huge + "\" />"
        + "<protection_domain name=\"p\" priority=\"-1\"><program_image path=\"p\" />"
        + "</protection_domain></system>";
    Sdf.Result r = check(d, text);
    assertThat(reference(d, r)).isEqualTo("Error: priority must be between 0 and 254 on element"
        + " 'protection_domain': in.system:1." + text.indexOf("<protection_domain"));
    assertThat(r.diagnostics()).anySatisfy(x -> assertThat(x.code()).isEqualTo("SDF102"));
    r = check(d, "<system><memory_region name=\"m\" size=\"0x1_000\" />"
        + "<protection_domain name=\"p\" priority=\"1_0\"><program_image path=\"p\" />"
        + "<map mr=\"m\" vaddr=\" 0b1_0000_0000_0000 \" /></protection_domain></system>");
    assertThat(r.ok()).isTrue();
    assertThat(r.system().memoryRegions().get(0).size()).isEqualTo(0x1000);
    assertThat(r.system().protectionDomains().get(0).priority()).isEqualTo(10);
    assertThat(r.system().protectionDomains().get(0).maps().get(0).vaddr()).isEqualTo(0x1000);
  }
}
