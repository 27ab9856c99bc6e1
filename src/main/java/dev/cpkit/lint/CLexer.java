// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits C source into tokens, dropping comments and keeping strings and character constants
 * whole (so that a name inside them is never taken for code). Preprocessor lines (a '#'
 * first on a line, continued by backslash-newline) are set apart as {@link Directive}s with
 * their own tokens. Not a compiler: it never fails, whatever the input.
 */
public final class CLexer {
  /** A preprocessor line: its name ({@code define}, {@code include}...) and the tokens after it. */
  public record Directive(String name, List<Token> tokens, int start, int end) {}

  /** The tokens outside preprocessor lines, and the preprocessor lines. */
  public record Lexed(List<Token> tokens, List<Directive> directives) {}

  private static final String[] PUNCT3 = {"...", "<<=", ">>="};
  private static final String[] PUNCT2 = {"->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=",
      "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "::"};

  private final String s;
  private int i;

  private CLexer(String s) {
    this.s = s;
  }

  public static Lexed lex(String text) {
    return new CLexer(text).run();
  }

  private Lexed run() {
    List<Token> tokens = new ArrayList<>();
    List<Directive> directives = new ArrayList<>();
    boolean lineStart = true;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n') {
        lineStart = true;
        i++;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b') {
        i++;
      } else if (c == '\\' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
        i += peek(1) == '\n' ? 2 : 3;
      } else if (startsComment()) {
        skipComment();
      } else if (c == '#' && lineStart) {
        directives.add(directive());
        lineStart = true;
      } else {
        lineStart = false;
        Token t = token(false);
        if (t != null) tokens.add(t);
      }
    }
    return new Lexed(tokens, directives);
  }

  private char peek(int k) {
    return i + k < s.length() ? s.charAt(i + k) : '\0';
  }

  private boolean startsComment() {
    return s.charAt(i) == '/' && (peek(1) == '/' || peek(1) == '*');
  }

  private void skipComment() {
    if (peek(1) == '/') {
      while (i < s.length() && s.charAt(i) != '\n') i++;
    } else {
      int close = s.indexOf("*/", i + 2);
      i = close < 0 ? s.length() : close + 2;
    }
  }

  /** A directive runs to the end of its line; backslash-newline continues it. */
  private Directive directive() {
    int start = i;
    i++; // '#'
    List<Token> toks = new ArrayList<>();
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n') break;
      if (c == '\\' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
        i += peek(1) == '\n' ? 2 : 3;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
      } else if (startsComment()) {
        if (peek(1) == '/') {
          while (i < s.length() && s.charAt(i) != '\n') i++;
        } else {
          skipComment();
        }
      } else {
        Token t = token(true);
        if (t != null) toks.add(t);
      }
    }
    String name = !toks.isEmpty() && toks.get(0).isIdent() ? toks.get(0).text() : "";
    List<Token> rest = name.isEmpty() ? toks : toks.subList(1, toks.size());
    // #include <x.h>: keep the header name as one STRING-like token
    if (name.equals("include") && !rest.isEmpty() && rest.get(0).is("<")) {
      int a = rest.get(0).start();
      int close = s.indexOf('>', a);
      int eol = s.indexOf('\n', a);
      if (close > 0 && (eol < 0 || close < eol)) {
        rest = List.of(new Token(Token.Kind.STRING, s.substring(a, close + 1), a, close + 1));
      }
    }
    return new Directive(name, List.copyOf(rest), start, i);
  }

  private Token token(boolean inDirective) {
    int start = i;
    char c = s.charAt(i);
    if (Character.isLetter(c) || c == '_' || c == '$') {
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
          || s.charAt(i) == '$')) i++;
      // string and character prefixes (L"", u8"", U'') belong to the literal
      if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')
          && s.substring(start, i).matches("L|u8|u|U")) {
        return quoted(start, s.charAt(i), inDirective);
      }
      return new Token(Token.Kind.IDENT, s.substring(start, i), start, i);
    }
    if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
      i++;
      while (i < s.length()) {
        char d = s.charAt(i);
        if ((d == '+' || d == '-') && "eEpP".indexOf(s.charAt(i - 1)) >= 0) {
          i++;
        } else if (Character.isLetterOrDigit(d) || d == '.' || d == '_' || d == '\'') {
          i++;
        } else {
          break;
        }
      }
      return new Token(Token.Kind.NUMBER, s.substring(start, i), start, i);
    }
    if (c == '"' || c == '\'') return quoted(start, c, inDirective);
    for (String p : PUNCT3) if (s.startsWith(p, i)) return punct(p);
    for (String p : PUNCT2) if (s.startsWith(p, i)) return punct(p);
    i++;
    return new Token(Token.Kind.PUNCT, String.valueOf(c), start, i);
  }

  private Token punct(String p) {
    int start = i;
    i += p.length();
    return new Token(Token.Kind.PUNCT, p, start, i);
  }

  /** A string or character constant; an unterminated one ends at the end of the line. */
  private Token quoted(int start, char q, boolean inDirective) {
    i++; // opening quote
    while (i < s.length()) {
      char d = s.charAt(i);
      if (d == '\\' && i + 1 < s.length()) {
        i += 2;
      } else if (d == q) {
        i++;
        break;
      } else if (d == '\n') {
        break;
      } else {
        i++;
      }
    }
    return new Token(q == '"' ? Token.Kind.STRING : Token.Kind.CHAR, s.substring(start, i),
        start, i);
  }
}
