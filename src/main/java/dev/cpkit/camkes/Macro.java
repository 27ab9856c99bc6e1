// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.SourceSpan;
import java.util.List;

/** A {@code #define}: {@code params} is null for an object-like macro. */
record Macro(String name, List<String> params, boolean variadic, List<PpToken> body,
    SourceSpan where) {

  boolean functionLike() {
    return params != null;
  }

  /** Index of a parameter named by {@code t}, or -1; {@code __VA_ARGS__} is the last one. */
  int paramIndex(PpToken t) {
    if (params == null || t.kind() != PpToken.Kind.IDENT) return -1;
    if (variadic && t.text().equals("__VA_ARGS__")) return params.size() - 1;
    // (for a GNU named variadic "args...", the name itself is the last parameter)
    return params.indexOf(t.text());
  }

  /** Same definition, as C compares redefinitions (token texts and where spaces are). */
  boolean sameAs(Macro o) {
    if (!java.util.Objects.equals(params, o.params) || body.size() != o.body.size()) return false;
    for (int i = 0; i < body.size(); i++) {
      if (!body.get(i).text().equals(o.body.get(i).text())) return false;
      if (i > 0 && body.get(i).spaceBefore() != o.body.get(i).spaceBefore()) return false;
    }
    return true;
  }
}
