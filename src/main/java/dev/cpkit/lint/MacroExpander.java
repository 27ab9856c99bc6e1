// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands the macros in an expression as the C preprocessor does: object-like and
 * function-like macros, arguments fully expanded before they are substituted, the result
 * rescanned together with the tokens after it. Each token carries the names of the macros
 * whose expansion produced it (its hide set) and is never expanded as one of them again, so
 * a macro that refers to itself stops, as in C. {@code ##} pastes tokens; {@code #} (which
 * makes a string, never an integer) and variadic macros are refused ({@link NotConstant}), as
 * are a name the {@link Source} calls unknown and input past the size and nesting bounds: it
 * always ends, and only with {@link NotConstant}.
 */
final class MacroExpander {
  /** The macros visible to the expression. */
  interface Source {
    /** The macro named {@code name}, or null. */
    Macro macro(String name);

    /** Whether {@code name}'s meaning is not known (ambiguous, or maybe defined). */
    boolean unknown(String name);
  }

  static final int MAX_TOKENS = 20_000;
  static final int MAX_NESTING = 64;

  private record Tok(Token token, Set<String> hide) {}

  private final Source source;
  private int budget = MAX_TOKENS;
  private int nesting;

  private MacroExpander(Source source) {
    this.source = source;
  }

  /** The tokens with every macro expanded; throws {@link NotConstant}. */
  static List<Token> expand(List<Token> tokens, Source source) {
    List<Tok> in = new ArrayList<>(tokens.size());
    for (Token t : tokens) in.add(new Tok(t, Set.of()));
    List<Token> out = new ArrayList<>();
    for (Tok t : new MacroExpander(source).run(in)) out.add(t.token());
    return out;
  }

  private List<Tok> run(List<Tok> input) {
    if (++nesting > MAX_NESTING) throw new NotConstant();
    spend(input.size());
    Deque<Tok> in = new ArrayDeque<>(input);
    List<Tok> out = new ArrayList<>();
    while (!in.isEmpty()) {
      Tok t = in.pollFirst();
      String name = t.token().text();
      if (!t.token().isIdent() || t.hide().contains(name)) {
        out.add(t);
        continue;
      }
      if (source.unknown(name)) throw new NotConstant();
      Macro m = source.macro(name);
      if (m == null || (m.functionLike() && (in.isEmpty() || !in.peekFirst().token().is("(")))) {
        out.add(t); // not a macro, or a function-like macro's name without a call
        continue;
      }
      if (!m.expandable()) throw new NotConstant();
      Set<String> hide;
      List<List<Tok>> raw = new ArrayList<>();
      if (!m.functionLike()) {
        hide = union(t.hide(), name);
      } else {
        in.pollFirst(); // '('
        Tok close = arguments(in, raw);
        if (raw.size() == 1 && raw.get(0).isEmpty() && m.params().isEmpty()) raw.clear();
        if (raw.size() != m.params().size()) throw new NotConstant();
        hide = new HashSet<>(t.hide());
        hide.retainAll(close.hide());
        hide.add(name);
      }
      List<Tok> replacement = substitute(m, raw, hide);
      spend(replacement.size());
      for (int k = replacement.size() - 1; k >= 0; k--) in.addFirst(replacement.get(k));
    }
    nesting--;
    return out;
  }

  /**
   * The body with the arguments in: a parameter next to {@code ##} by its argument as
   * written, any other by its argument fully expanded; then each {@code ##} pastes the tokens
   * either side into one (an empty argument pastes nothing). Every token gets {@code hide}.
   */
  private List<Tok> substitute(Macro m, List<List<Tok>> raw, Set<String> hide) {
    List<Token> body = m.body();
    int n = body.size();
    if (n > 0 && (body.get(0).is("##") || body.get(n - 1).is("##"))) throw new NotConstant();
    List<List<Tok>> expanded = new ArrayList<>();
    for (int k = 0; k < raw.size(); k++) expanded.add(null);
    List<Tok> out = new ArrayList<>();
    boolean paste = false;
    boolean leftEmpty = false;
    for (int k = 0; k < n; k++) {
      Token b = body.get(k);
      if (b.is("##")) {
        paste = true;
        continue;
      }
      int p = m.functionLike() && b.isIdent() ? m.params().indexOf(b.text()) : -1;
      List<Tok> piece;
      if (p < 0) {
        piece = List.of(new Tok(b, hide));
      } else if (paste || (k + 1 < n && body.get(k + 1).is("##"))) {
        piece = withHide(raw.get(p), hide);
      } else {
        if (expanded.get(p) == null) expanded.set(p, run(raw.get(p)));
        piece = withHide(expanded.get(p), hide);
      }
      if (paste && !leftEmpty && !piece.isEmpty()) {
        Tok left = out.remove(out.size() - 1);
        out.add(new Tok(pasted(left.token(), piece.get(0).token()), hide));
        out.addAll(piece.subList(1, piece.size()));
        leftEmpty = false;
      } else if (paste && !leftEmpty) {
        leftEmpty = false; // pasting an empty argument leaves the left side
      } else {
        out.addAll(piece);
        leftEmpty = piece.isEmpty();
      }
      paste = false;
    }
    return out;
  }

  /** Two tokens pasted into one, or {@link NotConstant} when their text is not one token. */
  private static Token pasted(Token a, Token b) {
    String text = a.text() + b.text();
    CLexer.Lexed l = CLexer.lex(text);
    if (!l.directives().isEmpty() || l.tokens().size() != 1
        || !l.tokens().get(0).text().equals(text)) {
      throw new NotConstant();
    }
    Token t = l.tokens().get(0);
    return new Token(t.kind(), text, a.start(), b.end());
  }

  /** Reads arguments up to the matching ')', which it returns; throws if there is none. */
  private static Tok arguments(Deque<Tok> in, List<List<Tok>> args) {
    List<Tok> cur = new ArrayList<>();
    int depth = 0;
    while (!in.isEmpty()) {
      Tok t = in.pollFirst();
      if (t.token().is("(")) depth++;
      if (t.token().is(")")) {
        if (depth == 0) {
          args.add(cur);
          return t;
        }
        depth--;
      }
      if (depth == 0 && t.token().is(",")) {
        args.add(cur);
        cur = new ArrayList<>();
      } else {
        cur.add(t);
      }
    }
    throw new NotConstant(); // the call is not closed within the expression
  }

  private void spend(int n) {
    budget -= n;
    if (budget < 0) throw new NotConstant();
  }

  private static List<Tok> withHide(List<Tok> tokens, Set<String> hide) {
    List<Tok> out = new ArrayList<>(tokens.size());
    for (Tok a : tokens) out.add(new Tok(a.token(), union(a.hide(), hide)));
    return out;
  }

  private static Set<String> union(Set<String> a, String name) {
    Set<String> s = new HashSet<>(a);
    s.add(name);
    return s;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    if (a.isEmpty()) return b;
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return s;
  }
}
