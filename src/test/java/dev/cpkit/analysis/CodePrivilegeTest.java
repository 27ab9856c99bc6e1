// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.codegen.TestSystems;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.lint.CLint;
import dev.cpkit.lint.PdCode;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ANA304-ANA306 on C written for the purpose: src/test/resources/analysis/code. */
class CodePrivilegeTest {
  static final Path DIR = TestSystems.resource("analysis", "code");

  static SourceFile source(Path p) {
    try {
      return new SourceFile(p.toString(), Files.readString(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Report analyse(String system, Map<String, String> sources) {
    SystemDescription s = TestSystems.load(DIR.resolve(system), Dialect.SEL4CP);
    Map<String, PdCode> code = new LinkedHashMap<>();
    sources.forEach((pd, file) -> code.put(pd, PdCode.load(s, pd,
        List.of(source(DIR.resolve(file))), CLint.Options.defaults())));
    return Analysis.run(system, s, Analysis.Options.defaults().withCode(code));
  }

  static final Map<String, String> BOTH = Map.of("reader", "reader.c", "driver", "driver.c");

  static List<String> where(Report r) {
    return r.findings().stream().map(d -> d.code() + " " + d.span().line()).toList();
  }

  @Test
  void rightsTheCodeDoesNotUseAreFound() {
    Report r = analyse("code.system", BOTH);
    assertThat(where(r)).containsExactly("ANA304 13", "ANA306 22", "ANA305 29");
    Diagnostic ro = r.findings().get(0);
    assertThat(ro.message()).contains("'input'", "\"rw\"", "'reader'");
    assertThat(ro.notes().get(0).span().fileName()).endsWith("reader.c");
    assertThat(ro.notes().get(0).span().line()).isEqualTo(23);
    assertThat(ro.notes().get(1).message()).contains("perms=\"r\"");
    assertThat(r.findings().get(2).message()).contains("'reader' (id 1)", "'driver' (id 3)");
  }

  @Test
  void aCopiedPointerIsCannotTellNotAFinding() {
    Report r = analyse("code.system", BOTH);
    assertThat(r.remarks()).anySatisfy(m -> assertThat(m)
        .contains("cannot tell whether 'reader' writes region 'scratch'")
        .contains("copied or offset").contains("reader.c:16"));
    // output and uart are written: neither a finding nor a remark
    assertThat(String.join("\n", r.remarks())).doesNotContain("'output'").doesNotContain("'uart'");
  }

  @Test
  void cleanSystemWithTheSameCodeHasNoFinding() {
    Report r = analyse("clean.system", BOTH);
    assertThat(r.findings()).isEmpty();
    assertThat(r.remarks()).noneMatch(m -> m.contains("cannot tell"));
  }

  @Test
  void withoutCodeNothingIsJudged() {
    assertThat(where(analyse("code.system", Map.of()))).isEmpty();
  }

  @Test
  void aChannelIsOnlyJudgedWhenBothEndsCodeIsGiven() {
    Report r = analyse("code.system", Map.of("reader", "reader.c"));
    assertThat(where(r)).containsExactly("ANA304 13");
  }

  @Test
  void aVariableIdMakesAcksAndChannelsCannotTell() {
    SystemDescription s = TestSystems.load(DIR.resolve("code.system"), Dialect.SEL4CP);
    String driver = """
        #include <stdint.h>
        uintptr_t uart_base;
        static unsigned pending;
        void notified(unsigned ch) { ((volatile uint32_t *)uart_base)[0] = ch; }
        void init(void) { sel4cp_irq_ack(pending); sel4cp_notify(pending); }
        """;
    Map<String, PdCode> code = new LinkedHashMap<>();
    code.put("reader", PdCode.load(s, "reader", List.of(source(DIR.resolve("reader.c"))),
        CLint.Options.defaults()));
    code.put("driver", PdCode.load(s, "driver", List.of(new SourceFile("d.c", driver)),
        CLint.Options.defaults()));
    Report r = Analysis.run("code.system", s, Analysis.Options.defaults().withCode(code));
    assertThat(where(r)).containsExactly("ANA304 13");
    assertThat(r.remarks()).anyMatch(m -> m.contains("acknowledges irq id 2"))
        .anyMatch(m -> m.contains("cannot tell whether the channel between 'reader' and"
            + " 'driver'"));
  }
}
