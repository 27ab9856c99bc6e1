// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.SourceSpan;

/** A CAmkES token; {@code span} already points at the original (pre-cpp) location. */
record Token(Kind kind, String text, SourceSpan span) {

  enum Kind { IDENT, KEYWORD, NUMBER, STRING, ANGLE, PUNCT, EOF }

  boolean is(String s) {
    return (kind == Kind.PUNCT || kind == Kind.KEYWORD) && text.equals(s);
  }

  /** How the token reads in a message: {@code 'foo'}, or "end of input". */
  String describe() {
    return switch (kind) {
      case EOF -> "end of input";
      case STRING -> "string " + text;
      default -> "'" + text + "'";
    };
  }
}
