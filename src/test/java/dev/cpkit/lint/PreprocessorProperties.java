// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cpkit.diag.SourceFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The preprocessor-expression evaluation on random token soups and random macro tables
 * (self- and mutually recursive, {@code #}, {@code ##}, variadic, unbalanced, deeply nested):
 * it ends, and fails only with its own {@link NotConstant}, which the public entry points
 * turn into "not constant". Random arithmetic written through function-like macros evaluates
 * as written directly.
 */
class PreprocessorProperties {
  private static final String[] SOUP = {
    "(", ")", ",", "#", "##", "...", "defined", "+", "-", "*", "/", "%", "<<", ">>", "?", ":",
    "!", "~", "&&", "||", "==", "<", ">=", "&", "|", "^", "0", "1", "7", "0x10", "010", "0b1",
    "99999999999999999999999", "1u", "'a'", "'\\n'", "'", "\"s\"", "A", "B", "F", "G", "H", "x",
    "y", "sizeof", "int", "__VA_ARGS__", "@", ";", "{", "[", "]"
  };
  private static final String[] NAMES = {"A", "B", "F", "G", "H"};
  private static final Duration LIMIT = Duration.ofSeconds(20);

  static List<Token> soup(Random rnd, int max) {
    StringBuilder b = new StringBuilder();
    if (rnd.nextInt(10) == 0) b.append("(".repeat(rnd.nextInt(2000)));
    int n = rnd.nextInt(max + 1);
    for (int k = 0; k < n; k++) b.append(SOUP[rnd.nextInt(SOUP.length)]).append(' ');
    if (rnd.nextInt(10) == 0) b.append(")".repeat(rnd.nextInt(2000)));
    return CLexer.lex(b.toString()).tokens();
  }

  static Macro macro(Random rnd, String name) {
    List<Token> body = soup(rnd, 8);
    if (rnd.nextBoolean()) return Macro.object(name, body);
    List<String> params = new ArrayList<>(List.of("x", "y").subList(0, rnd.nextInt(3)));
    return new Macro(name, params, rnd.nextInt(6) == 0, body);
  }

  @Property(tries = 400)
  void tokenSoupsEndWithAValueOrNotConstant(@ForAll long seed) {
    Random rnd = new Random(seed);
    Constants c = new Constants();
    for (String n : NAMES) if (rnd.nextInt(4) != 0) c.define(macro(rnd, n));
    if (rnd.nextBoolean()) c.enumerator("x", rnd.nextInt(10));
    List<Token> expr = soup(rnd, 30);
    assertTimeoutPreemptively(LIMIT, () -> {
      c.eval(expr); // a value or null, never an exception
      try {
        ConstExpr.evaluate(MacroExpander.expand(expr, c), n -> n.equals("x") ? 1L : null);
      } catch (NotConstant expected) {
        // the module's own "not constant"
      }
    });
  }

  @Property(tries = 400)
  void conditionsEndDecidedOrUndecided(@ForAll long seed) {
    Random rnd = new Random(seed);
    PpState state = new PpState(Map.of("D", (long) rnd.nextInt(3)));
    for (String n : NAMES) {
      switch (rnd.nextInt(4)) {
        case 0 -> state.define(macro(rnd, n), true);
        case 1 -> state.define(macro(rnd, n), false);
        case 2 -> state.undef(n, rnd.nextBoolean());
        default -> { }
      }
    }
    if (rnd.nextBoolean()) state.unfound(rnd.nextBoolean() ? "board.h" : "sel4cp.h");
    List<Token> expr = soup(rnd, 30);
    String directive = new String[] {"if", "elif", "ifdef", "ifndef"}[rnd.nextInt(4)];
    assertTimeoutPreemptively(LIMIT, () -> CondExpr.evaluate(directive, expr, state));
  }

  private static final String[] LINES = {
    "#if A", "#if defined(B) && F(1)", "#ifdef A", "#ifndef B", "#elif x", "#elif", "#else",
    "#endif", "#endif", "#define A 1", "#define B A + B", "#define F(x) F(x) x", "#undef A",
    "#include \"self.h\"", "#include \"other.h\"", "#include <missing.h>", "#pragma once",
    "void init(void) { sel4cp_notify(A); }", "static const int x = B;", "#if (((((",
    "void notified(sel4cp_channel ch) { switch (ch) { case F(2): break; } }", "#", "#if 1 /"
  };

  static String file(Random rnd) {
    StringBuilder b = new StringBuilder();
    int n = rnd.nextInt(30);
    for (int k = 0; k < n; k++) b.append(LINES[rnd.nextInt(LINES.length)]).append('\n');
    return b.toString();
  }

  @Property(tries = 200)
  void directiveSoupsAreReadKeepingOnlyTheirOwnTokens(@ForAll long seed) {
    Random rnd = new Random(seed);
    Map<String, String> files = new HashMap<>();
    files.put("self.h", file(rnd));
    files.put("other.h", file(rnd));
    SourceFile main = new SourceFile("main.c", file(rnd));
    CLint.IncludeResolver r = (name, quoted, from) -> files.containsKey(name)
        ? new SourceFile(name, files.get(name)) : null;
    assertTimeoutPreemptively(LIMIT, () -> {
      for (CUnit u : Conditionals.read(List.of(main), r, Map.of("D", 1L))) {
        assertThat(CLexer.lex(u.file.text()).tokens()).containsAll(u.tokens);
      }
      CLint.check(PreprocessingTest.SDDF, "eth", List.of(main),
          new CLint.Options("", Map.of(), r));
    });
  }

  private static final String[][] OPS = {
    {"ADD", "+"}, {"SUB", "-"}, {"MUL", "*"}, {"SHL", "<<"}, {"OR", "|"}, {"LT", "<"}
  };

  /** A random expression, written twice: directly and through the OP macros. */
  private static long tree(Random rnd, int depth, StringBuilder direct, StringBuilder macro) {
    if (depth == 0 || rnd.nextInt(3) == 0) {
      long v = rnd.nextInt(16);
      direct.append(v);
      macro.append(rnd.nextBoolean() ? "ID(" + v + ")" : String.valueOf(v));
      return v;
    }
    String[] op = OPS[rnd.nextInt(OPS.length)];
    direct.append('(');
    macro.append(op[0]).append('(');
    long a = tree(rnd, depth - 1, direct, macro);
    direct.append(' ').append(op[1]).append(' ');
    macro.append(", ");
    long b = tree(rnd, depth - 1, direct, macro);
    direct.append(')');
    macro.append(')');
    return switch (op[1]) {
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "<<" -> a << b;
      case "|" -> a | b;
      default -> a < b ? 1 : 0;
    };
  }

  @Property(tries = 300)
  void arithmeticThroughMacrosIsArithmetic(@ForAll long seed) {
    Random rnd = new Random(seed);
    Constants c = new Constants();
    for (String[] op : OPS) {
      c.define(Macro.parse(CLexer.lex("#define " + op[0] + "(a, b) ((a) " + op[1] + " (b))")
          .directives().get(0).tokens()));
    }
    c.define(Macro.parse(CLexer.lex("#define ID(v) v").directives().get(0).tokens()));
    StringBuilder direct = new StringBuilder();
    StringBuilder macro = new StringBuilder();
    long v = tree(rnd, 6, direct, macro);
    assertThat(c.eval(CLexer.lex(direct.toString()).tokens())).isEqualTo(v);
    assertThat(c.eval(CLexer.lex(macro.toString()).tokens())).as(macro.toString()).isEqualTo(v);
  }
}
