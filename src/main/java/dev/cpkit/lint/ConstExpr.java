// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import java.util.List;
import java.util.function.Function;

/**
 * Recursive descent over C's integer constant expressions, on tokens whose macros are already
 * expanded (no sizeof, no floats; 64-bit signed arithmetic). An identifier is looked up in
 * {@code names} (enum constants, const globals, preset values); {@code (type)} before an
 * operand is a cast and skipped. Fails only with {@link NotConstant}, nesting bounded.
 */
final class ConstExpr {
  static final int MAX_DEPTH = 200;

  private final List<Token> t;
  private final Function<String, Long> names;
  private int pos;
  private int depth;

  private ConstExpr(List<Token> t, Function<String, Long> names) {
    this.t = t;
    this.names = names;
  }

  /** The value of the whole token list; throws {@link NotConstant}. */
  static long evaluate(List<Token> tokens, Function<String, Long> names) {
    if (tokens.isEmpty()) throw new NotConstant();
    ConstExpr p = new ConstExpr(tokens, names);
    long v = p.conditional();
    if (p.pos != tokens.size()) throw new NotConstant();
    return v;
  }

  private boolean at(String s) {
    return pos < t.size() && t.get(pos).is(s);
  }

  private void expect(String s) {
    if (!at(s)) throw new NotConstant();
    pos++;
  }

  private long conditional() {
    if (++depth > MAX_DEPTH) throw new NotConstant();
    long c = binary(0);
    if (at("?")) {
      pos++;
      long a = conditional();
      expect(":");
      long b = conditional();
      c = c != 0 ? a : b;
    }
    depth--;
    return c;
  }

  private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"),
      List.of("|"), List.of("^"), List.of("&"), List.of("==", "!="),
      List.of("<", ">", "<=", ">="), List.of("<<", ">>"), List.of("+", "-"),
      List.of("*", "/", "%"));

  private long binary(int level) {
    if (level == LEVELS.size()) return unary();
    long v = binary(level + 1);
    while (pos < t.size() && LEVELS.get(level).contains(t.get(pos).text())
        && t.get(pos).kind() == Token.Kind.PUNCT) {
      String op = t.get(pos++).text();
      long r = binary(level + 1);
      v = switch (op) {
        case "||" -> (v != 0 || r != 0) ? 1 : 0;
        case "&&" -> (v != 0 && r != 0) ? 1 : 0;
        case "|" -> v | r;
        case "^" -> v ^ r;
        case "&" -> v & r;
        case "==" -> v == r ? 1 : 0;
        case "!=" -> v != r ? 1 : 0;
        case "<" -> v < r ? 1 : 0;
        case ">" -> v > r ? 1 : 0;
        case "<=" -> v <= r ? 1 : 0;
        case ">=" -> v >= r ? 1 : 0;
        case "<<" -> v << r;
        case ">>" -> v >> r;
        case "+" -> v + r;
        case "-" -> v - r;
        case "*" -> v * r;
        case "/" -> {
          if (r == 0) throw new NotConstant();
          yield v / r;
        }
        default -> {
          if (r == 0) throw new NotConstant();
          yield v % r;
        }
      };
    }
    return v;
  }

  private long unary() {
    if (pos >= t.size() || ++depth > MAX_DEPTH) throw new NotConstant();
    Token k = t.get(pos);
    long v;
    if (k.kind() == Token.Kind.PUNCT) {
      pos++;
      v = switch (k.text()) {
        case "-" -> -unary();
        case "+" -> unary();
        case "~" -> ~unary();
        case "!" -> unary() == 0 ? 1 : 0;
        case "(" -> {
          pos--;
          if (isCast()) yield unary();
          pos++;
          long in = conditional();
          expect(")");
          yield in;
        }
        default -> throw new NotConstant();
      };
    } else {
      pos++;
      v = switch (k.kind()) {
        case NUMBER -> number(k.text());
        case CHAR -> character(k.text());
        case IDENT -> {
          Long n = names.apply(k.text());
          if (n == null) throw new NotConstant();
          yield n;
        }
        default -> throw new NotConstant();
      };
    }
    depth--;
    return v;
  }

  /** {@code (type)} before an operand: skipped, the value is what matters here. */
  private boolean isCast() {
    int k = pos + 1;
    boolean sawType = false;
    while (k < t.size() && (t.get(k).isIdent() || t.get(k).is("*"))) {
      Token tok = t.get(k);
      if (tok.isIdent() && names.apply(tok.text()) != null) return false;
      sawType = true;
      k++;
    }
    if (sawType && k < t.size() && t.get(k).is(")") && k + 1 < t.size()) {
      pos = k + 1;
      return true;
    }
    return false;
  }

  /** A C integer literal: decimal, 0x hex, 0b binary, leading-0 octal, any u/l suffix. */
  static long number(String text) {
    String s = text.replace("'", "").toLowerCase(java.util.Locale.ROOT);
    while (!s.isEmpty() && (s.endsWith("u") || s.endsWith("l"))) s = s.substring(0, s.length() - 1);
    try {
      if (s.startsWith("0x")) return Long.parseUnsignedLong(s.substring(2), 16);
      if (s.startsWith("0b")) return Long.parseUnsignedLong(s.substring(2), 2);
      if (s.length() > 1 && s.startsWith("0")) return Long.parseUnsignedLong(s.substring(1), 8);
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw new NotConstant();
    }
  }

  private static long character(String text) {
    String s = text.substring(text.indexOf('\'') + 1, Math.max(text.indexOf('\'') + 1,
        text.length() - 1));
    if (s.length() == 1) return s.charAt(0);
    if (s.startsWith("\\")) {
      return switch (s) {
        case "\\n" -> '\n';
        case "\\t" -> '\t';
        case "\\0" -> 0;
        case "\\\\" -> '\\';
        case "\\'" -> '\'';
        default -> throw new NotConstant();
      };
    }
    throw new NotConstant();
  }
}
