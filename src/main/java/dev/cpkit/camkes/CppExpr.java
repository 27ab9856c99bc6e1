// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the integer expression of {@code #if}/{@code #elif} after macro expansion, with C
 * precedence and 64-bit signed arithmetic. Identifiers that are left are 0, as in C.
 * Errors are thrown as {@link MacroExpander.Failure} with a message for the directive.
 */
final class CppExpr {
  private final List<String> toks = new ArrayList<>();
  private int pos;

  private CppExpr(List<PpToken> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      PpToken t = tokens.get(i);
      // Join two-character operators that the pp tokenizer splits.
      if (i + 1 < tokens.size() && !tokens.get(i + 1).spaceBefore()
          && t.kind() == PpToken.Kind.PUNCT) {
        String two = t.text() + tokens.get(i + 1).text();
        if (List.of("||", "&&", "==", "!=", "<=", ">=", "<<", ">>").contains(two)) {
          toks.add(two);
          i++;
          continue;
        }
      }
      toks.add(t.kind() == PpToken.Kind.IDENT ? "0" : t.text());
    }
  }

  static long evaluate(List<PpToken> tokens) {
    CppExpr e = new CppExpr(tokens);
    if (e.toks.isEmpty()) throw new MacroExpander.Failure("#if with no expression");
    long v = e.conditional();
    if (e.pos < e.toks.size()) {
      throw new MacroExpander.Failure("missing binary operator before token \"" + e.toks.get(e.pos) + "\"");
    }
    return v;
  }

  private String peek() {
    return pos < toks.size() ? toks.get(pos) : "";
  }

  private boolean accept(String s) {
    if (peek().equals(s)) {
      pos++;
      return true;
    }
    return false;
  }

  // conditional = or [ "?" conditional ":" conditional ]
  private long conditional() {
    long c = binary(0);
    if (accept("?")) {
      long a = conditional();
      if (!accept(":")) throw new MacroExpander.Failure("expected ':' in #if expression");
      long b = conditional();
      return c != 0 ? a : b;
    }
    return c;
  }

  private static final List<List<String>> LEVELS = List.of(
      List.of("||"), List.of("&&"), List.of("|"), List.of("^"), List.of("&"),
      List.of("==", "!="), List.of("<", ">", "<=", ">="), List.of("<<", ">>"),
      List.of("+", "-"), List.of("*", "/", "%"));

  // binary(level) = binary(level+1) { op(level) binary(level+1) }
  private long binary(int level) {
    if (level == LEVELS.size()) return unary();
    long left = binary(level + 1);
    while (LEVELS.get(level).contains(peek())) {
      String op = toks.get(pos++);
      long right = binary(level + 1);
      left = apply(op, left, right);
    }
    return left;
  }

  private static long apply(String op, long a, long b) {
    return switch (op) {
      case "||" -> (a != 0 || b != 0) ? 1 : 0;
      case "&&" -> (a != 0 && b != 0) ? 1 : 0;
      case "|" -> a | b;
      case "^" -> a ^ b;
      case "&" -> a & b;
      case "==" -> a == b ? 1 : 0;
      case "!=" -> a != b ? 1 : 0;
      case "<" -> a < b ? 1 : 0;
      case ">" -> a > b ? 1 : 0;
      case "<=" -> a <= b ? 1 : 0;
      case ">=" -> a >= b ? 1 : 0;
      case "<<" -> a << (b & 63);
      case ">>" -> a >> (b & 63);
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      default -> {
        if (b == 0) throw new MacroExpander.Failure("division by zero in #if");
        yield op.equals("/") ? a / b : a % b;
      }
    };
  }

  // unary = ("-" | "+" | "!" | "~") unary | "(" conditional ")" | NUMBER | CHAR
  private long unary() {
    if (accept("-")) return -unary();
    if (accept("+")) return unary();
    if (accept("!")) return unary() == 0 ? 1 : 0;
    if (accept("~")) return ~unary();
    if (accept("(")) {
      long v = conditional();
      if (!accept(")")) throw new MacroExpander.Failure("missing ')' in #if expression");
      return v;
    }
    String t = peek();
    if (t.isEmpty()) throw new MacroExpander.Failure("#if expression ends early");
    pos++;
    if (t.startsWith("'")) return charValue(t);
    if (!Character.isDigit(t.charAt(0))) {
      throw new MacroExpander.Failure("token \"" + t + "\" is not valid in preprocessor expressions");
    }
    return number(t);
  }

  static long number(String t) {
    // Strip integer suffixes (u, l, ul, ll...) by hand: a regex here costs start-up time.
    int end = t.length();
    while (end > 0 && "uUlL".indexOf(t.charAt(end - 1)) >= 0) end--;
    String s = t.substring(0, end);
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseUnsignedLong(s.substring(2), 16);
      if (s.startsWith("0b") || s.startsWith("0B")) return Long.parseUnsignedLong(s.substring(2), 2);
      if (s.length() > 1 && s.startsWith("0")) return Long.parseUnsignedLong(s.substring(1), 8);
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw new MacroExpander.Failure("invalid integer \"" + t + "\" in #if expression");
    }
  }

  private static long charValue(String t) {
    String body = t.length() >= 2 ? t.substring(1, t.length() - 1) : "";
    if (body.isEmpty()) throw new MacroExpander.Failure("empty character constant in #if");
    if (body.charAt(0) != '\\') return body.charAt(0);
    if (body.length() < 2) return '\\';
    return switch (body.charAt(1)) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case '0' -> 0;
      default -> body.charAt(1);
    };
  }
}
