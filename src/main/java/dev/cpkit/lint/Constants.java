// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The integer constants visible to a PD's C code: object-like {@code #define}s, enum
 * constants, the names of cpkit's generated header, and {@code -D} values. A name defined
 * twice with different bodies (under {@code #ifdef BOARD...} branches, say) is ambiguous and
 * evaluates to nothing, so the lint stays silent rather than guess the wrong branch.
 */
public final class Constants {
  private final Map<String, List<Token>> macros = new HashMap<>();
  private final Set<String> ambiguous = new HashSet<>();
  private final Set<String> functionLike = new HashSet<>();
  private final Map<String, Long> values = new HashMap<>();

  /** A value known from outside the sources (generated header name, -D); sources win. */
  public void preset(String name, long value) {
    values.putIfAbsent(name, value);
  }

  public void define(String name, List<Token> body) {
    values.remove(name);
    List<Token> prev = macros.putIfAbsent(name, List.copyOf(body));
    if (prev != null && !sameText(prev, body)) ambiguous.add(name);
  }

  public void defineFunctionLike(String name) {
    functionLike.add(name);
  }

  /** An enum constant: its value is known directly. */
  public void enumerator(String name, long value) {
    if (macros.containsKey(name)) return;
    Long prev = values.put(name, value);
    if (prev != null && prev != value) ambiguous.add(name);
  }

  public boolean isFunctionLike(String name) {
    return functionLike.contains(name);
  }

  /** The value of tokens as an integer constant expression, or null if not one. */
  public Long eval(List<Token> tokens) {
    if (tokens.isEmpty()) return null;
    try {
      Parser p = new Parser(tokens, 0);
      long v = p.conditional();
      return p.pos == tokens.size() ? v : null;
    } catch (NotConstant e) {
      return null;
    }
  }

  private static boolean sameText(List<Token> a, List<Token> b) {
    if (a.size() != b.size()) return false;
    for (int k = 0; k < a.size(); k++) if (!a.get(k).text().equals(b.get(k).text())) return false;
    return true;
  }

  private static final class NotConstant extends RuntimeException {
    NotConstant() {
      super(null, null, false, false);
    }
  }

  /** Recursive descent over C's integer constant expressions (no sizeof, no floats). */
  private final class Parser {
    private final List<Token> t;
    private int pos;
    private final int depth;

    Parser(List<Token> t, int depth) {
      this.t = t;
      this.depth = depth;
      if (depth > 32) throw new NotConstant(); // a macro that expands into itself
    }

    private boolean at(String s) {
      return pos < t.size() && t.get(pos).is(s);
    }

    private void expect(String s) {
      if (!at(s)) throw new NotConstant();
      pos++;
    }

    long conditional() {
      long c = binary(0);
      if (at("?")) {
        pos++;
        long a = conditional();
        expect(":");
        long b = conditional();
        return c != 0 ? a : b;
      }
      return c;
    }

    private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"),
        List.of("|"), List.of("^"), List.of("&"), List.of("==", "!="),
        List.of("<", ">", "<=", ">="), List.of("<<", ">>"), List.of("+", "-"),
        List.of("*", "/", "%"));

    long binary(int level) {
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

    long unary() {
      if (pos >= t.size()) throw new NotConstant();
      Token k = t.get(pos);
      if (k.kind() == Token.Kind.PUNCT) {
        switch (k.text()) {
          case "-" -> { pos++; return -unary(); }
          case "+" -> { pos++; return unary(); }
          case "~" -> { pos++; return ~unary(); }
          case "!" -> { pos++; return unary() == 0 ? 1 : 0; }
          case "(" -> {
            if (isCast()) return unary();
            pos++;
            long v = conditional();
            expect(")");
            return v;
          }
          default -> throw new NotConstant();
        }
      }
      pos++;
      return switch (k.kind()) {
        case NUMBER -> number(k.text());
        case CHAR -> character(k.text());
        case IDENT -> name(k.text());
        default -> throw new NotConstant();
      };
    }

    /** {@code (type)} before an operand: skipped, the value is what matters here. */
    private boolean isCast() {
      int k = pos + 1;
      boolean sawType = false;
      while (k < t.size() && (t.get(k).isIdent() || t.get(k).is("*"))) {
        Token tok = t.get(k);
        if (tok.isIdent() && (macros.containsKey(tok.text()) || values.containsKey(tok.text()))) {
          return false;
        }
        sawType = true;
        k++;
      }
      if (sawType && k < t.size() && t.get(k).is(")") && k + 1 < t.size()) {
        pos = k + 1;
        return true;
      }
      return false;
    }

    private long name(String n) {
      if (ambiguous.contains(n)) throw new NotConstant();
      List<Token> body = macros.get(n);
      if (body != null) {
        Parser inner = new Parser(body, depth + 1);
        long v = inner.conditional();
        if (inner.pos != body.size()) throw new NotConstant();
        return v;
      }
      Long v = values.get(n);
      if (v == null) throw new NotConstant();
      return v;
    }
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
