// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import dev.cpkit.diag.SourceSpan;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a PD's code accesses a mapping through its setvar symbol: only reads, writes, or cannot
 * tell. Deliberately conservative, since "only reads" may lead someone to drop a write right:
 * reads are only claimed when every use of the symbol in a function body is a load through it
 * ({@code *S}, {@code S[i]}, {@code ((T *)S)[i]}, a source argument of memcpy, printf...) and
 * the code names no address inside the mapping. Any copy of the pointer, offset, address-of,
 * reassignment, or passing to an unknown function makes it "cannot tell", with the reason.
 *
 * @param at the use that decided (a write, or the first use that cannot be judged), or null
 */
public record SetvarAccess(Kind kind, String reason, SourceSpan at) {

  public enum Kind {
    /** the symbol is not used in any function body */
    UNUSED,
    /** every use reads through the symbol */
    READ_ONLY,
    /** some use writes through the symbol */
    WRITES,
    /** some use lets the pointer escape or is not understood */
    UNKNOWN
  }

  /** Function, argument positions read through (-N: position N and after). */
  private static final Map<String, Set<Integer>> READS = Map.ofEntries(
      Map.entry("memcpy", Set.of(1)), Map.entry("memmove", Set.of(1)),
      Map.entry("memcmp", Set.of(0, 1)), Map.entry("strlen", Set.of(0)),
      Map.entry("strnlen", Set.of(0)), Map.entry("strcmp", Set.of(0, 1)),
      Map.entry("strncmp", Set.of(0, 1)), Map.entry("strchr", Set.of(0)),
      Map.entry("strcpy", Set.of(1)), Map.entry("strncpy", Set.of(1)),
      Map.entry("puts", Set.of(0)), Map.entry("sel4cp_dbg_puts", Set.of(0)),
      Map.entry("microkit_dbg_puts", Set.of(0)), Map.entry("printf", Set.of(-1)),
      Map.entry("sprintf", Set.of(-2)), Map.entry("snprintf", Set.of(-3)));
  private static final Map<String, Integer> WRITES = Map.of("memcpy", 0, "memmove", 0,
      "memset", 0, "strcpy", 0, "strncpy", 0, "strcat", 0, "sprintf", 0, "snprintf", 0);
  private static final Set<String> ASSIGN = Set.of("=", "+=", "-=", "*=", "/=", "%=", "&=",
      "|=", "^=", "<<=", ">>=");
  private static final Set<String> BINARY = Set.of("==", "!=", "<", ">", "<=", ">=", "+", "-",
      "*", "/", "%", "&", "|", "^", "&&", "||", "?", ":", "<<", ">>");

  /** What one use of the symbol does. */
  private record Use(Kind kind, String why) {}

  /**
   * How the code of {@code code} accesses {@code symbol}, a setvar_vaddr of a mapping at
   * {@code [vaddr, vaddr + size)}.
   */
  public static SetvarAccess of(PdCode code, String symbol, long vaddr, long size) {
    SetvarAccess unknown = null;
    SetvarAccess read = null;
    for (CUnit u : code.units) {
      List<Token> t = u.tokens;
      int depth = 0;
      for (int k = 0; k < t.size(); k++) {
        Token x = t.get(k);
        if (x.is("{")) depth++;
        if (x.is("}")) depth--;
        if (x.kind() == Token.Kind.NUMBER && vaddr != 0 && unknown == null) {
          Long v = code.eval(List.of(x));
          if (v != null && Long.compareUnsigned(v, vaddr) >= 0
              && Long.compareUnsigned(v, vaddr + size) < 0) {
            unknown = new SetvarAccess(Kind.UNKNOWN, "the code names address " + x.text()
                + ", inside the mapping", u.span(x));
          }
        }
        if (depth == 0 || !x.is(symbol)) continue;
        if (k > 0 && (t.get(k - 1).is(".") || t.get(k - 1).is("->"))) continue; // a member
        Use use = classify(u, k, symbol);
        if (use == null) continue;
        SetvarAccess a = new SetvarAccess(use.kind(), use.why(), u.span(x));
        if (use.kind() == Kind.WRITES) return a;
        if (use.kind() == Kind.UNKNOWN && unknown == null) unknown = a;
        if (use.kind() == Kind.READ_ONLY && read == null) read = a;
      }
    }
    if (unknown != null) return unknown;
    if (read != null) return read;
    return new SetvarAccess(Kind.UNUSED, "no function uses '" + symbol + "'", null);
  }

  /** One use at token k; null when it touches no memory (a comparison with NULL, say). */
  private static Use classify(CUnit u, int k, String sym) {
    List<Token> t = u.tokens;
    int s = k;
    int e = k;
    boolean cast = false;
    while (true) { // widen over casts and parentheses: ((volatile char *)S)
      int open = castOpen(u, s);
      if (open >= 0) {
        s = open;
        cast = true;
      } else if (s > 0 && e + 1 < t.size() && t.get(s - 1).is("(") && t.get(e + 1).is(")")
          && !isCallParen(t, s - 1)) {
        s--;
        e++;
      } else {
        break;
      }
    }
    Token pre = s > 0 ? t.get(s - 1) : null;
    Token post = e + 1 < t.size() ? t.get(e + 1) : null;
    boolean deref = pre != null && pre.is("*") && isUnary(t, s - 1);
    boolean indexed = post != null && (post.is("[") || post.is("->"));
    if (deref || indexed) {
      int ls = deref ? s - 1 : s;
      int le = e;
      while (ls > 0 && le + 1 < t.size() && t.get(ls - 1).is("(") && t.get(le + 1).is(")")
          && !isCallParen(t, ls - 1)) {
        ls--;
        le++;
      }
      boolean member = false;
      while (le + 1 < t.size()) { // the postfix chain: [i], .f, ->f
        Token n = t.get(le + 1);
        if (n.is("[")) {
          le = u.matching(le + 1);
          member = false;
        } else if ((n.is(".") || n.is("->")) && le + 2 < t.size()) {
          le += 2;
          member = true;
        } else {
          break;
        }
      }
      Token pv = ls > 0 ? t.get(ls - 1) : null;
      Token nx = le + 1 < t.size() ? t.get(le + 1) : null;
      if ((nx != null && (ASSIGN.contains(nx.text()) && nx.kind() == Token.Kind.PUNCT
          || nx.is("++") || nx.is("--"))) || (pv != null && (pv.is("++") || pv.is("--")))) {
        return new Use(Kind.WRITES, "written through '" + sym + "'");
      }
      if (pv != null && pv.is("&") && isUnary(t, ls - 1)) {
        return new Use(Kind.UNKNOWN, "the address of memory behind '" + sym + "' is taken");
      }
      Use call = argument(u, ls, le, sym);
      if (call != null) {
        // an element passed to any function is passed by value: a read. A member may be an
        // array, which would pass a pointer into the region instead.
        return call.kind() == Kind.UNKNOWN && !member
            ? new Use(Kind.READ_ONLY, "read through '" + sym + "'") : call;
      }
      if (member && !(nx != null && BINARY.contains(nx.text()) && nx.kind() == Token.Kind.PUNCT)
          && !(pv != null && BINARY.contains(pv.text()) && !pv.is("&") && !pv.is("*"))) {
        // a member may be an array, which would decay to a pointer that escapes
        return new Use(Kind.UNKNOWN, "a member behind '" + sym + "' is used as a value that"
            + " may be an array (a pointer into the region)");
      }
      return new Use(Kind.READ_ONLY, "read through '" + sym + "'");
    }
    if (pre != null && pre.is("&") && isUnary(t, s - 1)) {
      return new Use(Kind.UNKNOWN, "the address of '" + sym + "' is taken");
    }
    if (!cast && post != null && ASSIGN.contains(post.text()) && post.kind() == Token.Kind.PUNCT) {
      return new Use(Kind.UNKNOWN, "'" + sym + "' itself is assigned");
    }
    if ((post != null && (post.is("==") || post.is("!="))) || (pre != null && (pre.is("==")
        || pre.is("!=") || pre.is("!")))) {
      return null; // compared: no access
    }
    if (pre != null && (pre.is("if") || pre.is("while"))) {
      return null; // tested for null: the parentheses were taken in above
    }
    Use call = argument(u, s, e, sym);
    if (call != null) return call;
    return new Use(Kind.UNKNOWN, "'" + sym + "' is copied or offset, so the region may be"
        + " accessed through another pointer");
  }

  /**
   * When tokens [s, e] are a whole argument of a call: what that call does with it (known C
   * library functions), or UNKNOWN for other functions; null when not an argument.
   */
  private static Use argument(CUnit u, int s, int e, String sym) {
    List<Token> t = u.tokens;
    if (s == 0 || e + 1 >= t.size()) return null;
    Token pv = t.get(s - 1);
    Token nx = t.get(e + 1);
    if (!(pv.is("(") || pv.is(",")) || !(nx.is(")") || nx.is(","))) return null;
    int index = 0;
    int depth = 0;
    int k = s - 1;
    for (; k >= 0; k--) {
      Token x = t.get(k);
      if (x.is(")") || x.is("]") || x.is("}")) depth++;
      else if (x.is("(") || x.is("[") || x.is("{")) {
        if (depth == 0) break;
        depth--;
      } else if (x.is(",") && depth == 0) {
        index++;
      }
    }
    if (k <= 0 || !t.get(k).is("(") || !t.get(k - 1).isIdent()) return null;
    String fn = t.get(k - 1).text();
    Integer w = WRITES.get(fn);
    if (w != null && w == index) return new Use(Kind.WRITES, fn + "() writes through '" + sym
        + "'");
    Set<Integer> r = READS.get(fn);
    if (r != null) {
      for (int p : r) {
        if (p == index || (p < 0 && index >= -p)) {
          return new Use(Kind.READ_ONLY, fn + "() reads through '" + sym + "'");
        }
      }
    }
    return new Use(Kind.UNKNOWN, "'" + sym + "' is passed to " + fn + "()");
  }

  /** The index of the '(' of a cast {@code (T *)} right before token s, or -1. */
  private static int castOpen(CUnit u, int s) {
    List<Token> t = u.tokens;
    if (s == 0 || !t.get(s - 1).is(")")) return -1;
    int k = s - 2;
    boolean star = false;
    boolean ident = false;
    while (k >= 0 && (t.get(k).isIdent() || t.get(k).is("*"))) {
      if (t.get(k).is("*")) star = true;
      else ident = true;
      k--;
    }
    if (k < 0 || !t.get(k).is("(") || !ident) return -1;
    // after a name, (x) is a condition or a call's arguments: if (ready) S[0] = 1;
    if (k > 0 && t.get(k - 1).isIdent() && !t.get(k - 1).is("return")) return -1;
    if (!star && k > 0 && t.get(k - 1).is(")")) return -1;
    return k;
  }

  private static boolean isCallParen(List<Token> t, int open) {
    if (open == 0) return false;
    Token p = t.get(open - 1);
    return (p.isIdent() && !p.is("return") && !p.is("sizeof") && !p.is("if")
        && !p.is("while") && !p.is("switch")) || p.is(")") || p.is("]");
  }

  /** Whether the operator at k is unary (not preceded by an operand). */
  private static boolean isUnary(List<Token> t, int k) {
    if (k == 0) return true;
    Token p = t.get(k - 1);
    if (p.is("return")) return true;
    return !(p.isIdent() || p.kind() == Token.Kind.NUMBER || p.kind() == Token.Kind.STRING
        || p.kind() == Token.Kind.CHAR || p.is(")") || p.is("]"));
  }
}
