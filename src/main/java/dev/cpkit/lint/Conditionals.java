// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import dev.cpkit.diag.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conditional compilation: walks each source as its translation unit, in order, into the
 * files it includes where they are included, evaluating {@code #if}, {@code #ifdef},
 * {@code #ifndef}, {@code #elif}, {@code #else} with the macros defined at that point
 * ({@link PpState}, {@link CondExpr}). Code and directives in a branch not taken are dropped
 * from the files; a branch whose condition cannot be decided is kept, as is everything in it.
 * A file included by several units, or twice, keeps what any inclusion keeps.
 */
final class Conditionals {
  static final int MAX_INCLUDE_DEPTH = 40;
  static final int MAX_VISITS = 20_000;

  private enum Branch { ACTIVE, UNKNOWN, INACTIVE }

  /** A file read, with what any visit keeps of it. */
  private static final class Seen {
    final CUnit unit;
    final boolean[] tokens;
    final boolean[] directives;

    Seen(CUnit unit) {
      this.unit = unit;
      this.tokens = new boolean[unit.tokens.size()];
      this.directives = new boolean[unit.directives.size()];
    }
  }

  /** One open {@code #if} group. */
  private static final class Group {
    final Branch outer;
    Boolean taken; // a branch so far: TRUE, FALSE, or null for maybe

    Group(Branch outer, Boolean taken) {
      this.outer = outer;
      this.taken = taken;
    }
  }

  private final CLint.IncludeResolver resolver;
  private final Map<String, Seen> seen = new LinkedHashMap<>();
  private int visits;

  private Conditionals(CLint.IncludeResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * The files of the sources' translation units, in the order first read (each source, then
   * what it includes, depth first), without what inactive branches hold. {@code presets} are
   * defined at the start of each unit (-D, the generated header's names).
   */
  static List<CUnit> read(List<SourceFile> sources, CLint.IncludeResolver resolver,
      Map<String, Long> presets) {
    Conditionals c = new Conditionals(resolver);
    for (SourceFile f : sources) {
      if (c.seen.containsKey(f.name())) continue;
      c.visit(f, new PpState(presets), new HashSet<>(), Branch.ACTIVE, 0);
    }
    List<CUnit> out = new ArrayList<>();
    for (Seen s : c.seen.values()) out.add(s.unit.keeping(s.tokens, s.directives));
    return out;
  }

  private void visit(SourceFile f, PpState state, Set<String> once, Branch base, int depth) {
    if (once.contains(f.name())) return;
    Seen s = seen.computeIfAbsent(f.name(), n -> new Seen(new CUnit(f)));
    List<Token> tokens = s.unit.tokens;
    List<CLexer.Directive> ds = s.unit.directives;
    Deque<Group> groups = new ArrayDeque<>();
    Branch cur = base;
    int tok = 0;
    for (int k = 0; k < ds.size(); k++) {
      CLexer.Directive d = ds.get(k);
      for (; tok < tokens.size() && tokens.get(tok).start() < d.start(); tok++) {
        if (cur != Branch.INACTIVE) s.tokens[tok] = true;
      }
      List<Token> args = d.tokens();
      switch (d.name()) {
        case "if", "ifdef", "ifndef" -> {
          Boolean c = cur == Branch.INACTIVE ? Boolean.FALSE
              : guard(d, k, ds, state) ? Boolean.TRUE : CondExpr.evaluate(d.name(), args, state);
          groups.push(new Group(cur, c));
          cur = branch(cur, Boolean.FALSE, c);
        }
        case "elif", "else" -> {
          if (groups.isEmpty()) break;
          Group g = groups.peek();
          Boolean c = g.outer == Branch.INACTIVE || Boolean.TRUE.equals(g.taken) ? Boolean.FALSE
              : d.name().equals("else") ? Boolean.TRUE : CondExpr.evaluate("if", args, state);
          cur = branch(g.outer, g.taken, c);
          g.taken = or(g.taken, c);
        }
        case "endif" -> {
          if (!groups.isEmpty()) cur = groups.pop().outer;
        }
        default -> {
          if (cur == Branch.INACTIVE) break;
          s.directives[k] = true;
          directive(f, d, state, once, cur, depth);
        }
      }
    }
    for (; tok < tokens.size(); tok++) if (cur != Branch.INACTIVE) s.tokens[tok] = true;
  }

  /** {@code #define}, {@code #undef}, {@code #include}, {@code #pragma once} in a live branch. */
  private void directive(SourceFile f, CLexer.Directive d, PpState state, Set<String> once,
      Branch cur, int depth) {
    List<Token> args = d.tokens();
    boolean certain = cur == Branch.ACTIVE;
    switch (d.name()) {
      case "define" -> {
        Macro m = Macro.parse(args);
        if (m != null) state.define(m, certain);
      }
      case "undef" -> {
        if (!args.isEmpty() && args.get(0).isIdent()) state.undef(args.get(0).text(), certain);
      }
      case "pragma" -> {
        if (!args.isEmpty() && args.get(0).is("once")) once.add(f.name());
      }
      case "include" -> {
        if (args.isEmpty() || args.get(0).text().length() < 2) return;
        String spelled = args.get(0).text();
        if (!spelled.startsWith("\"") && !spelled.startsWith("<")) return;
        String name = spelled.substring(1, spelled.length() - 1);
        SourceFile inc = resolver.resolve(name, spelled.startsWith("\""), f);
        // past the bounds (an include cycle without a guard), as if it were not found
        if (inc == null || depth >= MAX_INCLUDE_DEPTH || ++visits > MAX_VISITS) {
          state.unfound(name);
        } else {
          visit(inc, state, once, cur, depth + 1);
        }
      }
      default -> { }
    }
  }

  /**
   * An include guard, {@code #ifndef X} followed by {@code #define X}: taken unless X is
   * certainly defined, whatever headers that were not found may define.
   */
  private static boolean guard(CLexer.Directive d, int k, List<CLexer.Directive> ds,
      PpState state) {
    if (!d.name().equals("ifndef") || d.tokens().isEmpty() || k + 1 >= ds.size()) return false;
    CLexer.Directive next = ds.get(k + 1);
    String name = d.tokens().get(0).text();
    return next.name().equals("define") && !next.tokens().isEmpty()
        && next.tokens().get(0).text().equals(name) && state.macro(name) == null;
  }

  /** A branch within {@code outer}, after earlier branches {@code taken}, on condition c. */
  private static Branch branch(Branch outer, Boolean taken, Boolean c) {
    if (outer == Branch.INACTIVE || Boolean.FALSE.equals(c) || Boolean.TRUE.equals(taken)) {
      return Branch.INACTIVE;
    }
    if (outer == Branch.ACTIVE && Boolean.TRUE.equals(c) && Boolean.FALSE.equals(taken)) {
      return Branch.ACTIVE;
    }
    return Branch.UNKNOWN;
  }

  private static Boolean or(Boolean a, Boolean b) {
    if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) return Boolean.TRUE;
    if (Boolean.FALSE.equals(a) && Boolean.FALSE.equals(b)) return Boolean.FALSE;
    return null;
  }
}
