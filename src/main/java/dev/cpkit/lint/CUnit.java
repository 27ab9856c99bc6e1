// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/** One lexed C file, with the queries the rules ask of it. */
public final class CUnit {
  public final SourceFile file;
  public final List<Token> tokens;
  public final List<CLexer.Directive> directives;

  /** A call {@code name(args...)} in code (not a declaration of it). */
  public record Call(Token name, List<List<Token>> args) {}

  /** A function definition: its name, parameter names and body tokens [open, close]. */
  public record Function(Token name, List<String> params, int open, int close) {}

  public CUnit(SourceFile file) {
    this.file = file;
    CLexer.Lexed lexed = CLexer.lex(file.text());
    this.tokens = lexed.tokens();
    this.directives = lexed.directives();
  }

  private CUnit(SourceFile file, List<Token> tokens, List<CLexer.Directive> directives) {
    this.file = file;
    this.tokens = tokens;
    this.directives = directives;
  }

  /** This file without the tokens and directives not kept (code in inactive branches). */
  CUnit keeping(boolean[] keepToken, boolean[] keepDirective) {
    List<Token> t = new ArrayList<>();
    for (int k = 0; k < tokens.size(); k++) if (keepToken[k]) t.add(tokens.get(k));
    List<CLexer.Directive> d = new ArrayList<>();
    for (int k = 0; k < directives.size(); k++) if (keepDirective[k]) d.add(directives.get(k));
    return new CUnit(file, List.copyOf(t), List.copyOf(d));
  }

  public SourceSpan span(Token t) {
    return file.span(t.start(), t.end());
  }

  /** Index of the bracket closing the one at {@code open}, or the last token. */
  public int matching(int open) {
    String o = tokens.get(open).text();
    String c = o.equals("(") ? ")" : o.equals("{") ? "}" : "]";
    int depth = 0;
    for (int k = open; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (t.is(o)) depth++;
      if (t.is(c) && --depth == 0) return k;
    }
    return tokens.size() - 1;
  }

  /** Splits tokens (from, to) at top-level commas. */
  public List<List<Token>> split(int from, int to) {
    List<List<Token>> out = new ArrayList<>();
    List<Token> cur = new ArrayList<>();
    int depth = 0;
    for (int k = from; k < to; k++) {
      Token t = tokens.get(k);
      if (t.is("(") || t.is("[") || t.is("{")) depth++;
      if (t.is(")") || t.is("]") || t.is("}")) depth--;
      if (depth == 0 && t.is(",")) {
        out.add(cur);
        cur = new ArrayList<>();
      } else {
        cur.add(t);
      }
    }
    if (!cur.isEmpty() || !out.isEmpty()) out.add(cur);
    return out;
  }

  /**
   * Calls of the named functions. A name preceded by a type-like word or '*' is a
   * declaration or definition (as in a copy of the API header), not a call.
   */
  public List<Call> calls(java.util.Set<String> names) {
    List<Call> out = new ArrayList<>();
    for (int k = 0; k + 1 < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (!t.isIdent() || !names.contains(t.text()) || !tokens.get(k + 1).is("(")) continue;
      if (k > 0) {
        Token prev = tokens.get(k - 1);
        boolean keywordBefore = prev.is("return") || prev.is("else") || prev.is("do")
            || prev.is("case");
        if ((prev.isIdent() && !keywordBefore) || prev.is("*")) continue;
      }
      int close = matching(k + 1);
      out.add(new Call(t, split(k + 2, close)));
    }
    return out;
  }

  /** Function definitions at file scope. */
  public List<Function> functions() {
    List<Function> out = new ArrayList<>();
    int depth = 0;
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (t.is("{")) depth++;
      if (t.is("}")) depth--;
      if (depth != 0 || !t.isIdent() || k + 1 >= tokens.size() || !tokens.get(k + 1).is("(")) {
        continue;
      }
      int close = matching(k + 1);
      if (close + 1 < tokens.size() && tokens.get(close + 1).is("{")) {
        List<String> params = new ArrayList<>();
        for (List<Token> p : split(k + 2, close)) {
          Token last = null;
          for (Token x : p) if (x.isIdent()) last = x;
          if (last != null && !(p.size() == 1 && last.is("void"))) params.add(last.text());
        }
        int open = close + 1;
        out.add(new Function(t, params, open, matching(open)));
        k = out.get(out.size() - 1).close();
      }
    }
    return out;
  }

  /**
   * The names a function's parameters and local declarations give its body: an identifier
   * before '=', ';', ',' or '[' that follows only type-like words and '*' back to the start
   * of a statement ({@code const sel4cp_channel CH = 0;}, {@code int *p;}); later
   * declarators of a list ({@code int a, CH;}) are not seen.
   * They hide file-scope constants of the same name.
   */
  public java.util.Set<String> locals(Function f) {
    java.util.Set<String> out = new java.util.HashSet<>(f.params());
    for (int k = f.open() + 1; k + 1 < f.close(); k++) {
      Token t = tokens.get(k);
      Token next = tokens.get(k + 1);
      if (!t.isIdent() || !(next.is("=") || next.is(";") || next.is(",") || next.is("["))) {
        continue;
      }
      int b = k - 1;
      boolean type = false;
      while (b > f.open() && (tokens.get(b).isIdent() || tokens.get(b).is("*"))) {
        Token x = tokens.get(b);
        if (x.is("return") || x.is("case") || x.is("goto") || x.is("sizeof")) break;
        type |= x.isIdent();
        b--;
      }
      Token start = tokens.get(b);
      boolean atStart = start.is(";") || start.is("{") || start.is("}") || start.is("(");
      if (atStart && type) out.add(t.text());
    }
    return out;
  }
}
