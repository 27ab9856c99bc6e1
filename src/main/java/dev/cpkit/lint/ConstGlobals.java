// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * File-scope {@code const} objects of integer value, {@code static const sel4cp_channel
 * SERVER = 1;} or {@code const uint64_t A = BASE + 1, B = 2;}: const, so never reassigned,
 * they are as constant as an enum for the lint. Pointers, arrays, {@code volatile}, structs
 * and initialisers that are not constant are left out: those names stay variables.
 */
final class ConstGlobals {
  private ConstGlobals() {}

  /** Adds the file's const objects to {@code c}, in file order. */
  static void collect(CUnit u, Constants c) {
    List<Token> t = u.tokens;
    int depth = 0;
    int from = 0;
    for (int k = 0; k < t.size(); k++) {
      Token x = t.get(k);
      if (x.is("{")) depth++;
      if (x.is("}") && --depth <= 0) {
        depth = 0;
        from = k + 1;
      }
      if (depth == 0 && x.is(";")) {
        declaration(u, from, k, c);
        from = k + 1;
      }
    }
  }

  /** One file-scope declaration, tokens [from, to) before its ';'. */
  private static void declaration(CUnit u, int from, int to, Constants c) {
    List<List<Token>> parts = u.split(from, to);
    if (parts.isEmpty()) return;
    List<Token> first = parts.get(0);
    int eq = indexOf(first, "=");
    if (eq < 2) return;
    boolean isConst = false;
    for (int k = 0; k < eq; k++) {
      Token x = first.get(k);
      if (!x.isIdent() || x.is("volatile") || x.is("typedef") || x.is("struct")
          || x.is("union")) {
        return;
      }
      isConst |= x.is("const");
    }
    if (!isConst) return;
    List<List<Token>> declarators = new ArrayList<>();
    declarators.add(first.subList(eq - 1, first.size()));
    declarators.addAll(parts.subList(1, parts.size()));
    for (List<Token> d : declarators) {
      if (d.size() < 3 || !d.get(0).isIdent() || !d.get(1).is("=")) continue;
      for (Token x : d) if (x.is("{")) return;
      Long v = c.eval(d.subList(2, d.size()));
      if (v != null) c.enumerator(d.get(0).text(), v);
    }
  }

  private static int indexOf(List<Token> t, String s) {
    for (int k = 0; k < t.size(); k++) if (t.get(k).is(s)) return k;
    return -1;
  }
}
