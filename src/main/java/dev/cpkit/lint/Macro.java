// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code #define}: {@code params} is null for an object-like macro. A function-like macro
 * whose body uses {@code #}, or that is variadic, is kept but not expanded
 * ({@link #expandable()}).
 */
record Macro(String name, List<String> params, boolean variadic, List<Token> body) {

  Macro {
    params = params == null ? null : List.copyOf(params);
    body = List.copyOf(body);
  }

  static Macro object(String name, List<Token> body) {
    return new Macro(name, null, false, body);
  }

  /**
   * The macro a {@code #define} directive's tokens (name first) define, or null when they do
   * not name one. Function-like when '(' follows the name with no space between.
   */
  static Macro parse(List<Token> d) {
    if (d.isEmpty() || !d.get(0).isIdent()) return null;
    Token name = d.get(0);
    if (d.size() < 2 || !d.get(1).is("(") || d.get(1).start() != name.end()) {
      return object(name.text(), d.subList(1, d.size()));
    }
    List<String> params = new ArrayList<>();
    boolean variadic = false;
    int k = 2;
    boolean expectName = true;
    for (; k < d.size() && !d.get(k).is(")"); k++) {
      Token t = d.get(k);
      if (t.is("...")) {
        variadic = true;
      } else if (t.is(",")) {
        if (expectName) return null;
        expectName = true;
      } else if (t.isIdent() && expectName) {
        params.add(t.text());
        expectName = false;
      } else {
        return null;
      }
    }
    if (k >= d.size()) return null; // no ')'
    return new Macro(name.text(), params, variadic, d.subList(k + 1, d.size()));
  }

  boolean functionLike() {
    return params != null;
  }

  /** Whether expansion is supported: not variadic, no {@code #} in a function-like body. */
  boolean expandable() {
    if (variadic) return false;
    if (functionLike()) for (Token t : body) if (t.is("#")) return false;
    return true;
  }

  /** Same definition as C compares redefinitions (parameters and body token texts). */
  boolean sameAs(Macro o) {
    if (!java.util.Objects.equals(params, o.params) || variadic != o.variadic
        || body.size() != o.body.size()) {
      return false;
    }
    for (int k = 0; k < body.size(); k++) {
      if (!body.get(k).text().equals(o.body.get(k).text())) return false;
    }
    return true;
  }
}
