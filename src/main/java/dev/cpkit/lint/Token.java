// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

/** A C token: its kind, text and char offsets in its file. */
public record Token(Kind kind, String text, int start, int end) {

  public enum Kind {
    IDENT,
    NUMBER,
    STRING,
    CHAR,
    PUNCT
  }

  public boolean is(String s) {
    return text.equals(s) && kind != Kind.STRING && kind != Kind.CHAR;
  }

  public boolean isIdent() {
    return kind == Kind.IDENT;
  }
}
