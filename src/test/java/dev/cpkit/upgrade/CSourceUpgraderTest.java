// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.codegen.TestSystems;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The C rewriting against reviewed output in src/test/resources/upgrade/expected (refresh with
 * -Dcpkit.updateGolden=true and review the diff).
 */
class CSourceUpgraderTest {
  static final Path PROJECT = TestSystems.resource("upgrade", "project");
  static final Path EXPECTED = TestSystems.resource("upgrade", "expected");

  static CSourceUpgrader.Result upgrade(String name) throws IOException {
    Path p = PROJECT.resolve(name);
    return CSourceUpgrader.upgrade(new SourceFile(name, Files.readString(p)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"vmm.c", "vmm_config.h"})
  void matchesReviewedOutput(String name) throws IOException {
    CSourceUpgrader.Result r = upgrade(name);
    if (Boolean.getBoolean("cpkit.updateGolden")) {
      Files.createDirectories(EXPECTED);
      Files.writeString(EXPECTED.resolve(name), r.text());
    }
    assertThat(r.text()).isEqualTo(Files.readString(EXPECTED.resolve(name)));
    assertThat(r.changed()).isTrue();
  }

  @Test
  void reportsWhatNeedsAPerson() throws IOException {
    List<Diagnostic> needs = upgrade("vmm.c").report().stream()
        .filter(d -> d.severity() != dev.cpkit.diag.Severity.NOTE).toList();
    assertThat(needs).extracting(d -> d.code() + " " + d.span().line() + ":" + d.span().column())
        .containsExactly("UPG004 11:23", "UPG004 15:21", "UPG004 22:5", "UPG003 39:6",
            "UPG004 42:5", "UPG003 43:5", "UPG006 44:5");
    assertThat(needs.get(5).message()).startsWith("'sel4cp_fault_reply' has no Microkit"
        + " counterpart");
  }

  @Test
  void commentsStringsAndOwnDefinitionsAreLeftAlone() {
    String src = """
        #include "sel4cp.h"
        /* sel4cp_notify(1) */
        static void memzero(void *p, unsigned long n) { (void)p; (void)n; }
        void f(void) { memzero(0, 0); sel4cp_dbg_puts("sel4cp_notify"); }
        """;
    CSourceUpgrader.Result r = CSourceUpgrader.upgrade(new SourceFile("a.c", src));
    assertThat(r.text()).isEqualTo("""
        #include "microkit.h"
        /* sel4cp_notify(1) */
        static void memzero(void *p, unsigned long n) { (void)p; (void)n; }
        void f(void) { memzero(0, 0); microkit_dbg_puts("sel4cp_notify"); }
        """);
    assertThat(r.report()).extracting(Diagnostic::code).containsExactly("UPG002", "UPG001");
  }

  @Test
  void alreadyMicrokitCodeIsUnchanged() {
    String src = "#include <microkit.h>\nvoid notified(microkit_channel ch) { (void)ch; }\n";
    CSourceUpgrader.Result r = CSourceUpgrader.upgrade(new SourceFile("a.c", src));
    assertThat(r.text()).isEqualTo(src);
    assertThat(r.changed()).isFalse();
    assertThat(r.report()).isEmpty();
  }
}
