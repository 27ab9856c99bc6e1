// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.codegen.TestSystems;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How ids written through the preprocessor are found: function-like macros, conditional
 * compilation, const globals. Fixtures in src/test/resources/lint/sddf (an sDDF-style
 * ethernet driver).
 */
class PreprocessingTest {
  static final Path DIR = TestSystems.resource("lint/sddf");
  static final SystemDescription SDDF = TestSystems.load(DIR.resolve("sddf.system"),
      Dialect.SEL4CP);

  static List<Diagnostic> lint(String pd, Map<String, Long> defines, String... files) {
    List<SourceFile> sources = new ArrayList<>();
    for (String f : files) sources.add(CLintTest.source(DIR.resolve(f)));
    return CLint.check(SDDF, pd, sources, new CLint.Options("", defines, CLintTest.NEXT_TO));
  }

  static Long eval(Constants c, String expr) {
    return c.eval(CLexer.lex(expr).tokens());
  }

  static void define(Constants c, String directive) {
    c.define(Macro.parse(CLexer.lex("#define " + directive).directives().get(0).tokens()));
  }

  @Test
  void functionLikeMacrosExpandAsInC() {
    Constants c = new Constants();
    define(c, "BASE 4");
    define(c, "CH(n) (BASE + (n))");
    define(c, "TWICE(x) CH(x) + CH(x)");
    define(c, "F G");
    define(c, "G(x) (x * 10)");
    define(c, "ADD(a, b) ((a) + (b))");
    define(c, "NONE() 3");
    define(c, "SUM 1 + 2");
    define(c, "ID(x) x");
    define(c, "REC(x) REC(x) + 1");
    define(c, "PASTE(a, b) a##b");
    define(c, "STR(a) #a");
    define(c, "VA(...) 1");
    assertThat(eval(c, "CH(2)")).isEqualTo(6L);
    assertThat(eval(c, "TWICE(1)")).isEqualTo(10L);
    assertThat(eval(c, "F(2)")).as("rescanned with what follows").isEqualTo(20L);
    assertThat(eval(c, "ADD(CH(1), (2, 3))")).as("commas in parentheses").isNull();
    assertThat(eval(c, "ADD(CH(1), ADD(2, 3))")).isEqualTo(10L);
    assertThat(eval(c, "NONE()")).isEqualTo(3L);
    assertThat(eval(c, "SUM * 2")).as("textual, not a value").isEqualTo(5L);
    assertThat(eval(c, "ID(ID)(4)")).isNull();
    assertThat(eval(c, "REC(1)")).as("no recursion into REC").isNull();
    assertThat(eval(c, "PASTE(1, 2)")).isNull();
    assertThat(eval(c, "STR(1)")).isNull();
    assertThat(eval(c, "VA(1)")).isNull();
    assertThat(eval(c, "CH(1, 2)")).isNull();
    assertThat(eval(c, "CH(")).isNull();
    assertThat(eval(c, "CH")).as("the name alone is no call").isNull();
  }

  @Test
  void selfReferenceEndsAsInC() {
    Constants c = new Constants();
    define(c, "A B");
    define(c, "B A");
    define(c, "f(x) g(x)");
    define(c, "g(x) f(x) + x");
    assertThat(eval(c, "A")).isNull();
    assertThat(eval(c, "f(1)")).isNull();
    // doubling at each level: stopped by the size bound, not by time
    for (int k = 0; k < 40; k++) define(c, "D" + k + " (D" + (k + 1) + " + D" + (k + 1) + ")");
    define(c, "D40 1");
    assertThat(eval(c, "D0")).isNull();
    assertThat(eval(c, "D30")).isEqualTo(1024L);
  }

  @Test
  void sddfChannelHelpers() {
    List<Diagnostic> ds = lint("eth", Map.of(), "eth.c");
    assertThat(CLintTest.where(ds)).containsExactly(
        "LNT001 eth.c:20:5",
        "LNT001 eth.c:21:5",
        "LNT005 eth.c:22:5",
        "LNT006 eth.c:37:5");
    assertThat(ds).extracting(Diagnostic::message).containsExactly(
        "sel4cp_notify(NEXT(NEXT(TX_CH))): 4 is not a channel of 'eth'",
        "sel4cp_notify(ETH_VIRT_CH(7)): 8 is not a channel of 'eth'",
        "sel4cp_irq_ack(ETH_VIRT_CH(ETH_IRQ_CH)): 1 is the channel to 'virt_rx', not an irq",
        "case NEXT(TX_CH): in notified() is 3, which is no channel or irq of 'eth'");
  }
}
