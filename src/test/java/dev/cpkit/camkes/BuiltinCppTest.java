// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built-in preprocessor: output text, line mapping, limits. */
class BuiltinCppTest {
  private final DiagnosticSink sink = new DiagnosticSink();

  private Preprocessed run(String text) {
    SourceSet sources = new SourceSet();
    SourceFile f = new SourceFile("in.camkes", text);
    sources.add(f);
    return new BuiltinCpp(List.of(), Map.of("FROM_D", "42"), sources).run(f, Path.of(""), sink);
  }

  private static List<String> tokens(Preprocessed p) {
    return CppDifferentialTest.tokens(p.output().text());
  }

  @Test
  void linesWithoutMacrosAreCopiedUnchanged() {
    Preprocessed p = run("  component  A /* c */ {\n}\n");
    assertThat(p.output().text()).contains("  component  A         {\n");
  }

  @Test
  void commandLineDefinesAreMacros() {
    assertThat(tokens(run("x = FROM_D;\n"))).containsExactly("x", "=", "42", ";");
  }

  @Test
  void blankLinesAndMarkersKeepLineNumbers() {
    Preprocessed p = run("#define X 1\n\n\n\n\n\n\n\n\n\n\n\nlast X\n");
    List<Token> toks = new Lexer(p, "in.camkes", new SourceSet(), sink).tokens();
    assertThat(toks.get(0).text()).isEqualTo("last");
    assertThat(toks.get(0).span().line()).isEqualTo(13);
    assertThat(toks.get(0).span().fileName()).isEqualTo("in.camkes");
  }

  @Test
  void tokensFromAMacroNameTheMacroAndTheUseLine() {
    Preprocessed p = run("#define BODY control; uses\n\n  BODY\n");
    List<Token> toks = new Lexer(p, "in.camkes", new SourceSet(), sink).tokens();
    Token uses = toks.get(2);
    assertThat(uses.text()).isEqualTo("uses");
    assertThat(uses.span().line()).isEqualTo(3);
    assertThat(uses.span().origin().macro()).isEqualTo("BODY");
  }

  @Test
  void selfReferenceStopsAndWarns() {
    assertThat(tokens(run("#define X X + 1\nX\n"))).containsExactly("X", "+", "1");
    assertThat(sink.diagnostics()).extracting(Diagnostic::code).containsExactly("CAM011");
  }

  @Test
  @Timeout(10)
  void exponentialExpansionIsCutOffWithAnError() {
    StringBuilder b = new StringBuilder("#define M0 x x\n");
    for (int i = 1; i < 40; i++) b.append("#define M").append(i).append(" M").append(i - 1).append(" M").append(i - 1).append('\n');
    b.append("M39\n");
    run(b.toString());
    assertThat(sink.diagnostics()).extracting(Diagnostic::code).contains("CAM010");
    assertThat(sink.diagnostics().get(0).message()).contains("too large");
  }

  @Test
  void macroArgumentsMaySpanLines() {
    assertThat(tokens(run("#define F(a, b) a + b\nF(1,\n  2)\n"))).containsExactly("1", "+", "2");
  }

  @Test
  void unterminatedArgumentListIsAnError() {
    run("#define F(a) a\nF(1,\n#endif\n");
    assertThat(sink.diagnostics()).extracting(Diagnostic::code).contains("CAM010");
  }

  @Test
  void lineSplicesJoinLines() {
    assertThat(tokens(run("#define LONG a \\\n  b\nLONG\n"))).containsExactly("a", "b");
  }

  @Test
  void errorsInDirectivesPointAtTheDirective() {
    run("\n\n   #error boom\n");
    Diagnostic d = sink.diagnostics().get(0);
    assertThat(d.code()).isEqualTo("CAM015");
    assertThat(d.span().line()).isEqualTo(3);
    assertThat(d.span().column()).isEqualTo(4);
    assertThat(d.message()).isEqualTo("#error boom");
  }

  @Test
  void pastingAndStringifying() {
    assertThat(tokens(run("#define P(a, b) a ## b\n#define S(a) #a\nP(x, 1) S(\"q\" r)\n")))
        .containsExactly("x1", "\"\\\"q\\\" r\"");
  }

  @Test
  void variadicMacros() {
    assertThat(tokens(run("#define V(a, ...) f(a, __VA_ARGS__)\nV(1, 2, 3)\n")))
        .containsExactly("f", "(", "1", ",", "2", ",", "3", ")");
  }

  @Test
  void wrongArgumentCountIsLocated() {
    run("#define F(a, b) a\n\nF(1)\n");
    Diagnostic d = sink.diagnostics().get(0);
    assertThat(d.message()).isEqualTo("macro 'F' requires 2 arguments, but 1 given");
    assertThat(d.span().line()).isEqualTo(3);
  }
}
