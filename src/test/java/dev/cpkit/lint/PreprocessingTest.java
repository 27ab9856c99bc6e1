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
    define(c, "BAD_PASTE(a) ## a");
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
    assertThat(eval(c, "PASTE(1, 2)")).isEqualTo(12L);
    assertThat(eval(c, "PASTE(BA, SE)")).as("pasted, then rescanned").isEqualTo(4L);
    assertThat(eval(c, "PASTE(, 5) + PASTE(7, )")).as("an empty side pastes nothing")
        .isEqualTo(12L);
    assertThat(eval(c, "PASTE(SUM, 0)")).as("operands are not expanded first").isNull();
    assertThat(eval(c, "PASTE(CH, (1))")).as("CH( is not one token").isNull();
    assertThat(eval(c, "PASTE(/, /)")).isNull();
    assertThat(eval(c, "STR(1)")).isNull();
    assertThat(eval(c, "BAD_PASTE(1)")).isNull();
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
        "LNT001 eth.c:23:5",
        "LNT006 eth.c:37:5");
    assertThat(ds).extracting(Diagnostic::message).containsExactly(
        "sel4cp_notify(NEXT(NEXT(TX_CH))): 4 is not a channel of 'eth'",
        "sel4cp_notify(ETH_VIRT_CH(7)): 8 is not a channel of 'eth'",
        "sel4cp_irq_ack(ETH_VIRT_CH(ETH_IRQ_CH)): 1 is the channel to 'virt_rx', not an irq",
        "sel4cp_notify(CH_OF(TX) + 1): 3 is not a channel of 'eth'",
        "case NEXT(TX_CH): in notified() is 3, which is no channel or irq of 'eth'");
  }

  @Test
  void boardSwitchWithDashD() {
    // imx8mm: its branch is right; 42, 43 and case 13 are in branches not taken; DEBUG_CH
    // depends on CONFIG_DEBUG_BUILD, which sel4cp.h (not found) may define: not judged
    assertThat(lint("eth", Map.of("BOARD_imx8mm_evk", 1L), "eth_board.c")).isEmpty();
    List<Diagnostic> ds = lint("eth", Map.of("BOARD_maaxboard", 1L), "eth_board.c");
    assertThat(CLintTest.where(ds)).containsExactly(
        "LNT001 eth_board.c:37:5",
        "LNT001 eth_board.c:41:5",
        "LNT007 eth_board.c:48:6",
        "LNT006 eth_board.c:58:5");
    assertThat(ds.get(0).message()).isEqualTo("sel4cp_notify(RX_CH): 3 is not a channel of"
        + " 'eth'");
    ds = lint("eth", Map.of("BOARD_imx8mm_evk", 1L, "SMALL_RINGS", 1L), "eth_board.c");
    assertThat(CLintTest.where(ds)).containsExactly(
        "LNT001 eth_board.c:38:5",
        "LNT007 eth_board.c:48:6",
        "LNT006 eth_board.c:59:5");
    // the board's value decides, the kernel configuration's too
    ds = lint("eth", Map.of("BOARD_imx8mm_evk", 1L, "CONFIG_DEBUG_BUILD", 1L), "eth_board.c");
    assertThat(ds).isEmpty();
  }

  static List<Diagnostic> lintText(String text, Map<String, Long> defines,
      Map<String, String> headers) {
    CLint.IncludeResolver r = (name, quoted, from) -> headers.containsKey(name)
        ? new SourceFile(name, headers.get(name)) : null;
    return CLint.check(SDDF, "eth", List.of(new SourceFile("e.c", text)),
        new CLint.Options("", defines, r));
  }

  static final String TAIL = """
      uintptr_t eth_regs;
      void notified(sel4cp_channel ch) { (void)ch; }
      """;

  @Test
  void conditionsAsTheCompilerSeesThem() {
    String c = """
        #define REV 3
        #define ADD(a, b) ((a) + (b))
        #if ADD(REV, 1) == 4 && defined REV && !defined(NOPE) && UNDEFINED_NAME == 0
        #define A 1
        #elif 1
        #define A 20
        #else
        #define A 21
        #endif
        #undef REV
        #ifdef REV
        #define B 30
        #else
        #define B 2
        #endif
        #if 0
        #if 1
        #define C 31
        #endif
        #elif REV
        #define C 32
        #else
        #define C 1
        #endif
        void init(void) { sel4cp_notify(A); sel4cp_notify(B); sel4cp_notify(C); }
        """ + TAIL;
    assertThat(lintText(c, Map.of(), Map.of())).isEmpty();
  }

  @Test
  void undecidableConditionsKeepBothBranches() {
    String c = """
        #include "sddf/config.h"
        #if SDDF_RX_QUEUES > 1
        #define RX 1
        #else
        #define RX 9
        #endif
        void init(void) { sel4cp_notify(RX); }
        #ifdef SDDF_DEBUG
        void debug(void) { sel4cp_notify(44); }
        #endif
        """ + TAIL;
    // sddf/config.h is not found and may define SDDF_RX_QUEUES: RX is 1 or 9, not judged;
    // the code under #ifdef SDDF_DEBUG may be compiled: judged as before
    assertThat(CLintTest.where(lintText(c, Map.of(), Map.of())))
        .containsExactly("LNT001 e.c:9:20");
    // found, it decides
    assertThat(CLintTest.where(lintText(c, Map.of(), Map.of("sddf/config.h",
        "#define SDDF_RX_QUEUES 1\n")))).containsExactly("LNT001 e.c:7:19");
    // a -D value decides too, whatever the header may define
    assertThat(lintText(c, Map.of("SDDF_RX_QUEUES", 2L), Map.of())).hasSize(1);
  }

  @Test
  void includeGuardsAfterAHeaderThatWasNotFound() {
    String h = """
        #ifndef CHANNELS_H
        #define CHANNELS_H
        #ifndef RX_CH
        #define RX_CH 1
        #endif
        #endif
        """;
    String c = """
        #include "not_found.h"
        #include "channels.h"
        #include "channels.h"
        void init(void) { sel4cp_notify(RX_CH + 2); }
        """ + TAIL;
    // the guard is taken; RX_CH may come from not_found.h, so RX_CH is 1 or undecided: the
    // definition under it is kept and judged, as before conditions were evaluated
    assertThat(CLintTest.where(lintText(c, Map.of(), Map.of("channels.h", h))))
        .containsExactly("LNT001 e.c:4:19");
  }

  @Test
  void unbalancedAndStrayDirectivesDoNotFail() {
    String c = """
        #endif
        #else
        #elif 1
        #if
        #define A 1
        #endif
        #if defined(
        #endif
        #ifdef
        #endif
        #if 1 +
        #define B 1
        #elif (((
        #define B 2
        #endif
        #if 1
        void init(void) { sel4cp_notify(A); sel4cp_notify(B); sel4cp_notify(50); }
        """ + TAIL;
    assertThat(CLintTest.where(lintText(c, Map.of(), Map.of())))
        .containsExactly("LNT001 e.c:17:55");
  }

  @Test
  void constGlobalsAreConstants() {
    List<Diagnostic> ds = lint("virt_rx", Map.of(), "virt_rx.c");
    // counter, VOL, TABLE[1] are variables; forward()'s local CLIENT_CH hides the global
    assertThat(CLintTest.where(ds)).containsExactly(
        "LNT001 virt_rx.c:19:5",
        "LNT001 virt_rx.c:20:5");
    assertThat(ds).extracting(Diagnostic::message).containsExactly(
        "sel4cp_notify(CLIENT_CH): 3 is not a channel of 'virt_rx'",
        "sel4cp_notify(SPARE): 5 is not a channel of 'virt_rx'");
  }

  @Test
  void constGlobalsInBranchesAndTranslationUnits() {
    String c = """
        #ifdef BOARD_A
        static const sel4cp_channel RX = 1;
        #else
        static const sel4cp_channel RX = 7;
        #endif
        void init(void) { sel4cp_notify(RX); }
        """ + TAIL;
    assertThat(lintText(c, Map.of("BOARD_A", 1L), Map.of())).isEmpty();
    assertThat(CLintTest.where(lintText(c, Map.of(), Map.of())))
        .containsExactly("LNT001 e.c:6:19");
    // two units, two values of one static name: ambiguous, not judged
    String other = "static const int RX = 2;\nvoid f(void) { sel4cp_notify(RX); }\n";
    assertThat(CLint.check(SDDF, "eth", List.of(new SourceFile("e.c", c),
        new SourceFile("o.c", other)), CLint.Options.defaults())).isEmpty();
  }

  @Test
  void onlyDeclarationsHideConstGlobals() {
    String c = """
        static const sel4cp_channel SERVER = 5;
        static int count;
        void init(void) {
            int n = count * SERVER;
            use(1, SERVER, 2);
            sel4cp_notify(SERVER);
        }
        void local(void) {
            for (unsigned SERVER = 0; SERVER < 2; SERVER++) sel4cp_notify(SERVER);
        }
        """ + TAIL;
    assertThat(CLintTest.where(lintText(c, Map.of(), Map.of())))
        .containsExactly("LNT001 e.c:6:5");
  }

  @Test
  void includeCyclesEnd() {
    String c = "#include \"a.h\"\n#include \"a.h\"\n" + TAIL;
    String a = "#include \"a.h\"\n#include \"a.h\"\n#define X 1\n";
    assertThat(lintText(c, Map.of(), Map.of("a.h", a))).isEmpty();
  }

  @Test
  void aDashDDecidesOnlyItsOwnNameAfterAHeaderNotFound() {
    String c = """
        #include <sddf/network/queue.h>
        #if defined(BOARD_A)
        #define RX 1
        #elif defined(BOARD_B)
        #define RX 7
        #else
        #define RX 8
        #endif
        void init(void) { sel4cp_notify(RX); }
        """ + TAIL;
    // BOARD_A may come from the header: the first branch may be taken, RX is 1 or 7
    assertThat(lintText(c, Map.of("BOARD_B", 1L), Map.of())).isEmpty();
    // found (and not defining BOARD_A), the header leaves BOARD_B's branch alone
    assertThat(CLintTest.where(lintText(c, Map.of("BOARD_B", 1L),
        Map.of("sddf/network/queue.h", "#pragma once\n")))).containsExactly("LNT001 e.c:9:19");
  }

  @Test
  void entryPointsAndVariablesInBranchesNotTakenAreNotSeen() {
    String branch = """
        #%s
        sel4cp_msginfo protected(sel4cp_channel ch, sel4cp_msginfo m) { return m; }
        uintptr_t eth_regz;
        #endif
        """;
    // compiled: protected() in a PD nobody calls, and a setvar-like name the SDF never sets
    assertThat(lintText(String.format(branch, "if 1") + TAIL, Map.of(), Map.of()))
        .extracting(Diagnostic::code).containsExactly("LNT008", "LNT010");
    assertThat(lintText(String.format(branch, "if 0") + TAIL, Map.of(), Map.of())).isEmpty();
    assertThat(lintText(String.format(branch, "ifdef PP_SERVER") + TAIL, Map.of(), Map.of()))
        .isEmpty();
  }

  @Test
  void enumsAreZeroInConditionsAndDefinedFromAMacroIsUndecided() {
    String c = """
        enum { RX_INDEX = 1 };
        #if RX_INDEX == 0
        #define A 2
        #else
        #define A 9
        #endif
        #define HAS_B defined(B)
        #if HAS_B
        #define C 1
        #else
        #define C 9
        #endif
        void init(void) { sel4cp_notify(A); sel4cp_notify(C); }
        """ + TAIL;
    assertThat(lintText(c, Map.of(), Map.of())).isEmpty();
  }
}
