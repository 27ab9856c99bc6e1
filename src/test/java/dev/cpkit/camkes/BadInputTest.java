// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile or broken input ends in located diagnostics, quickly, never in an exception. */
class BadInputTest {
  private static CamkesFrontEnd.Result load(String text) {
    return CamkesFrontEnd.loadText("bad.camkes", text, Path.of(""), CamkesFrontEnd.Options.defaults());
  }

  @Test
  @Timeout(20)
  void oneMegabyteFileLoads() {
    StringBuilder b = new StringBuilder("import <std_connector.camkes>;\nprocedure P { void f(); };\n");
    b.append("component C { control; uses P p; }\ncomponent S { provides P p; }\n");
    b.append("assembly { composition {\n component S s;\n");
    int i = 0;
    while (b.length() < 1_000_000) {
      b.append(" component C c").append(i).append(";\n connection seL4RPCCall r").append(i)
          .append("(from c").append(i).append(".p, to s.p);\n");
      i++;
    }
    b.append("} }\n");
    CamkesFrontEnd.Result r = load(b.toString());
    assertThat(r.ok()).isTrue();
    assertThat(r.model().instances()).hasSize(i + 1);
    assertThat(r.model().connections()).hasSize(1); // all merged into one N-to-1 connection
    assertThat(r.model().connections().get(0).from()).hasSize(i);
  }

  @Test
  @Timeout(20)
  void oneMegabyteOfGarbageGivesCappedErrors() {
    StringBuilder b = new StringBuilder();
    while (b.length() < 1_000_000) b.append("}} ;; @ component { 12 \"x\" ");
    CamkesFrontEnd.Result r = load(b.toString());
    assertThat(r.ok()).isFalse();
    assertThat(r.diagnostics().size()).isLessThan(200_000);
    assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d.span()).isNotNull());
  }

  @Test
  void manySyntaxErrorsAreCapped() {
    CamkesFrontEnd.Result r = load("component A {\n" + "  bogus;\n".repeat(500) + "}\n");
    assertThat(r.diagnostics()).extracting(Diagnostic::code).contains("CAM059");
    assertThat(r.diagnostics().size()).isLessThanOrEqualTo(Parser.MAX_ERRORS + 2);
  }

  @Test
  void deeplyNestedComponentsAreRefused() {
    String text = "component A { composition { " + "component { composition { ".repeat(200);
    CamkesFrontEnd.Result r = load(text);
    assertThat(r.diagnostics()).extracting(Diagnostic::code).contains("CAM060");
  }

  @Test
  void deeplyNestedListsAreRefused() {
    CamkesFrontEnd.Result r = load("assembly { composition {} configuration { a.b = "
        + "[".repeat(5000) + "]".repeat(5000) + "; } }");
    assertThat(r.diagnostics()).extracting(Diagnostic::code).contains("CAM060");
  }

  @Test
  void binaryInputIsReportedNotThrown() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 5000; i++) b.append((char) (i * 7919 % 65536));
    CamkesFrontEnd.Result r = load(b.toString());
    assertThat(r.ok()).isFalse();
  }

  @Test
  void emptyFileHasNoAssembly() {
    assertThat(load("").diagnostics()).extracting(Diagnostic::code).containsExactly("CAM110");
  }

  @Test
  void missingTopFileIsAnError() {
    CamkesFrontEnd.Result r = CamkesFrontEnd.load(Path.of("does/not/exist.camkes"), CamkesFrontEnd.Options.defaults());
    assertThat(r.model()).isNull();
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("CAM000");
  }
}
