// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Macro expansion with hide sets (Prosser's algorithm): a token produced by expanding macro M
 * carries M in its hide set and is never expanded as M again, which is how C stops
 * self-referential macros from recursing. Sizes and nesting are bounded, so hostile input
 * ends in an error rather than a hang.
 */
final class MacroExpander {
  /** Supplies the tokens of the next source line when a macro call spans lines. */
  interface MoreLines {
    List<PpToken> next();
  }

  /** An expansion that cannot finish; the message is reported at the line being expanded. */
  static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  static final int MAX_TOKENS = 500_000;
  static final int MAX_NESTING = 200;

  private final Map<String, Macro> macros;
  private final String fileLiteral;
  private final int line;
  private final Set<String> selfReferences = new TreeSet<>();
  private int budget = MAX_TOKENS;
  private int nesting;

  MacroExpander(Map<String, Macro> macros, String fileName, int line) {
    this.macros = macros;
    this.fileLiteral = "\"" + fileName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    this.line = line;
  }

  /** Macros that were not expanded inside their own expansion (for a warning). */
  Set<String> selfReferences() {
    return selfReferences;
  }

  List<PpToken> expand(List<PpToken> input, MoreLines more) {
    if (++nesting > MAX_NESTING) throw new Failure("macro arguments nested too deeply");
    Deque<PpToken> in = new ArrayDeque<>(input);
    List<PpToken> out = new ArrayList<>();
    while (!in.isEmpty()) {
      PpToken t = in.pollFirst();
      if (t.kind() != PpToken.Kind.IDENT) {
        out.add(t);
        continue;
      }
      if (t.text().equals("__LINE__")) {
        out.add(new PpToken(PpToken.Kind.NUMBER, Integer.toString(line), t.spaceBefore(), t.hide(), t.macro(), t.column()));
        continue;
      }
      if (t.text().equals("__FILE__")) {
        out.add(new PpToken(PpToken.Kind.STRING, fileLiteral, t.spaceBefore(), t.hide(), t.macro(), t.column()));
        continue;
      }
      Macro m = macros.get(t.text());
      if (m == null) {
        out.add(t);
        continue;
      }
      if (t.hide().contains(m.name())) {
        selfReferences.add(m.name());
        out.add(t);
        continue;
      }
      String outer = t.macro() != null ? t.macro() : m.name();
      if (!m.functionLike()) {
        pushFront(in, subst(m, List.of(), with(t.hide(), m.name()), outer), t.spaceBefore());
        continue;
      }
      if (!nextIsParen(in, more)) {
        out.add(t);
        continue;
      }
      in.pollFirst();
      List<List<PpToken>> args = new ArrayList<>();
      PpToken close = collectArgs(in, more, m, args);
      checkArity(m, args);
      Set<String> hs = new HashSet<>(t.hide());
      hs.retainAll(close.hide());
      hs.add(m.name());
      pushFront(in, subst(m, args, hs, outer), t.spaceBefore());
    }
    nesting--;
    return out;
  }

  private void pushFront(Deque<PpToken> in, List<PpToken> tokens, boolean space) {
    budget -= tokens.size();
    if (budget < 0) throw new Failure("macro expansion is too large (more than " + MAX_TOKENS + " tokens)");
    for (int i = tokens.size() - 1; i >= 0; i--) {
      in.addFirst(i == 0 ? tokens.get(i).withSpace(space) : tokens.get(i));
    }
  }

  private static boolean nextIsParen(Deque<PpToken> in, MoreLines more) {
    while (in.isEmpty() && more != null) {
      List<PpToken> next = more.next();
      if (next == null) return false;
      in.addAll(next);
    }
    return !in.isEmpty() && in.peekFirst().is("(");
  }

  private static PpToken collectArgs(Deque<PpToken> in, MoreLines more, Macro m,
      List<List<PpToken>> args) {
    int depth = 0;
    List<PpToken> cur = new ArrayList<>();
    while (true) {
      if (in.isEmpty()) {
        List<PpToken> next = more == null ? null : more.next();
        if (next == null) throw new Failure("unterminated argument list invoking macro '" + m.name() + "'");
        in.addAll(next);
        continue;
      }
      PpToken t = in.pollFirst();
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        if (depth == 0) {
          args.add(cur);
          return t;
        }
        depth--;
      } else if (t.is(",") && depth == 0
          && !(m.variadic() && args.size() == m.params().size() - 1)) {
        args.add(cur);
        cur = new ArrayList<>();
        continue;
      }
      cur.add(t);
    }
  }

  private static void checkArity(Macro m, List<List<PpToken>> args) {
    int want = m.params().size();
    if (want == 0 && args.size() == 1 && args.get(0).isEmpty()) {
      args.clear();
      return;
    }
    if (m.variadic() && args.size() == want - 1) args.add(List.of());
    if (args.size() != want) {
      throw new Failure("macro '" + m.name() + "' requires " + want + " argument"
          + (want == 1 ? "" : "s") + ", but " + args.size() + " given");
    }
  }

  private List<PpToken> subst(Macro m, List<List<PpToken>> args, Set<String> hs, String outer) {
    List<PpToken> body = m.body();
    List<PpToken> res = new ArrayList<>();
    List<List<PpToken>> expanded = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) expanded.add(null);
    for (int i = 0; i < body.size(); i++) {
      PpToken b = body.get(i);
      if (b.is("#") && m.functionLike() && i + 1 < body.size() && m.paramIndex(body.get(i + 1)) >= 0) {
        res.add(stringify(args.get(m.paramIndex(body.get(i + 1))), b.spaceBefore()));
        i++;
        continue;
      }
      if (b.is("##") && i + 1 < body.size() && !res.isEmpty()) {
        PpToken next = body.get(++i);
        int idx = m.paramIndex(next);
        List<PpToken> rhs = idx >= 0 ? args.get(idx) : List.of(next);
        if (m.variadic() && idx == m.params().size() - 1 && res.get(res.size() - 1).is(",")) {
          // GNU extension: ", ## __VA_ARGS__" drops the comma when there are no variable arguments.
          if (rhs.isEmpty()) res.remove(res.size() - 1);
          else res.addAll(expandedArg(expanded, args, idx));
          continue;
        }
        if (rhs.isEmpty()) continue;
        PpToken last = res.remove(res.size() - 1);
        res.addAll(paste(last, rhs.get(0)));
        res.addAll(rhs.subList(1, rhs.size()));
        continue;
      }
      int idx = m.paramIndex(b);
      if (idx >= 0) {
        boolean pasteNext = i + 1 < body.size() && body.get(i + 1).is("##");
        List<PpToken> a;
        if (pasteNext) {
          a = args.get(idx);
          if (a.isEmpty()) a = List.of(PpToken.of(PpToken.Kind.OTHER, "", b.spaceBefore()));
        } else {
          a = expandedArg(expanded, args, idx);
        }
        for (int k = 0; k < a.size(); k++) res.add(k == 0 ? a.get(k).withSpace(b.spaceBefore()) : a.get(k));
        continue;
      }
      res.add(b);
    }
    List<PpToken> out = new ArrayList<>(res.size());
    for (PpToken t : res) {
      if (t.kind() == PpToken.Kind.OTHER && t.text().isEmpty()) continue; // placemarker
      out.add(t.withHide(union(t.hide(), hs), outer));
    }
    return out;
  }

  private List<PpToken> expandedArg(List<List<PpToken>> expanded, List<List<PpToken>> args, int idx) {
    if (expanded.get(idx) == null) expanded.set(idx, expand(args.get(idx), null));
    return expanded.get(idx);
  }

  private static List<PpToken> paste(PpToken left, PpToken right) {
    List<PpToken> joined = PpLines.tokens(left.text() + right.text());
    if (joined.isEmpty()) return List.of(PpToken.of(PpToken.Kind.OTHER, "", left.spaceBefore()));
    List<PpToken> out = new ArrayList<>();
    for (int k = 0; k < joined.size(); k++) {
      out.add(k == 0 ? joined.get(k).withSpace(left.spaceBefore()) : joined.get(k));
    }
    return out;
  }

  private static PpToken stringify(List<PpToken> arg, boolean space) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < arg.size(); i++) {
      PpToken t = arg.get(i);
      if (i > 0 && t.spaceBefore()) b.append(' ');
      if (t.kind() == PpToken.Kind.STRING || t.kind() == PpToken.Kind.CHAR) {
        b.append(t.text().replace("\\", "\\\\").replace("\"", "\\\""));
      } else {
        b.append(t.text());
      }
    }
    return PpToken.of(PpToken.Kind.STRING, b.append('"').toString(), space);
  }

  private static Set<String> with(Set<String> s, String name) {
    Set<String> r = new HashSet<>(s);
    r.add(name);
    return r;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    if (a.isEmpty()) return b;
    Set<String> r = new HashSet<>(a);
    r.addAll(b);
    return r;
  }
}
