// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import java.util.Set;

/**
 * A preprocessing token. {@code hide} is the set of macro names that must not be expanded
 * again in this token (the classic hide-set rule that stops self-referential macros), {@code column} the 0-based
 * column in its source line (-1 for tokens made by expansion), and
 * {@code macro} the outermost macro whose expansion produced it (null for source text).
 */
record PpToken(Kind kind, String text, boolean spaceBefore, Set<String> hide, String macro, int column) {

  enum Kind { IDENT, NUMBER, STRING, CHAR, PUNCT, OTHER }

  static PpToken of(Kind kind, String text, boolean spaceBefore) {
    return new PpToken(kind, text, spaceBefore, Set.of(), null, -1);
  }

  /** A copy that remembers its 0-based column in the source line (source tokens only). */
  PpToken at(int col) {
    return new PpToken(kind, text, spaceBefore, hide, macro, col);
  }

  boolean is(String s) {
    return text.equals(s) && (kind == Kind.PUNCT || kind == Kind.OTHER);
  }

  PpToken withHide(Set<String> h, String m) {
    return new PpToken(kind, text, spaceBefore, h, m, m == null ? column : -1);
  }

  PpToken withSpace(boolean space) {
    return new PpToken(kind, text, space, hide, macro, column);
  }
}
