// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import java.util.Set;

/**
 * A preprocessing token. {@code hide} is the set of macro names that must not be expanded
 * again in this token (the classic hide-set rule that stops self-referential macros), and
 * {@code macro} the outermost macro whose expansion produced it (null for source text).
 */
record PpToken(Kind kind, String text, boolean spaceBefore, Set<String> hide, String macro) {

  enum Kind { IDENT, NUMBER, STRING, CHAR, PUNCT, OTHER }

  static PpToken of(Kind kind, String text, boolean spaceBefore) {
    return new PpToken(kind, text, spaceBefore, Set.of(), null);
  }

  boolean is(String s) {
    return text.equals(s) && (kind == Kind.PUNCT || kind == Kind.OTHER);
  }

  PpToken withHide(Set<String> h, String m) {
    return new PpToken(kind, text, spaceBefore, h, m);
  }

  PpToken withSpace(boolean space) {
    return new PpToken(kind, text, space, hide, macro);
  }
}
