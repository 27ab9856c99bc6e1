// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * The condition of {@code #if}, {@code #elif}, {@code #ifdef} and {@code #ifndef} as the
 * preprocessor evaluates it: {@code defined X} and {@code defined(X)} first, then macro
 * expansion, then every identifier left is 0. Null when it cannot be decided: it names a
 * macro that may or may not be defined, or is not an expression this module evaluates.
 */
final class CondExpr {
  private CondExpr() {}

  /** Whether the branch is taken, or null when that cannot be decided. */
  static Boolean evaluate(String directive, List<Token> tokens, PpState state) {
    try {
      return switch (directive) {
        case "ifdef", "ifndef" -> {
          if (tokens.isEmpty() || !tokens.get(0).isIdent()) yield null;
          PpState.Status s = state.status(tokens.get(0).text());
          if (s == PpState.Status.UNKNOWN) yield null;
          yield (s == PpState.Status.DEFINED) == directive.equals("ifdef");
        }
        default -> value(tokens, state) != 0;
      };
    } catch (NotConstant e) {
      return null;
    }
  }

  /** The value of an {@code #if} expression; throws {@link NotConstant}. */
  static long value(List<Token> tokens, PpState state) {
    List<Token> in = new ArrayList<>();
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (!t.is("defined")) {
        in.add(t);
        continue;
      }
      boolean paren = k + 1 < tokens.size() && tokens.get(k + 1).is("(");
      int at = paren ? k + 2 : k + 1;
      if (at >= tokens.size() || !tokens.get(at).isIdent()) throw new NotConstant();
      if (paren && (at + 1 >= tokens.size() || !tokens.get(at + 1).is(")"))) {
        throw new NotConstant();
      }
      PpState.Status s = state.status(tokens.get(at).text());
      if (s == PpState.Status.UNKNOWN) throw new NotConstant();
      in.add(new Token(Token.Kind.NUMBER, s == PpState.Status.DEFINED ? "1" : "0", t.start(),
          t.end()));
      k = paren ? at + 1 : at;
    }
    List<Token> expanded = MacroExpander.expand(in, state);
    return ConstExpr.evaluate(expanded, n -> 0L);
  }
}
