// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import dev.cpkit.codegen.PdSymbols;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Spelling;
import dev.cpkit.system.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Setvar symbols between the SDF and the C code, both ways. A symbol the tool patches is, in
 * C, a file-scope variable of address size ({@code uintptr_t}, {@code uint64_t},
 * {@code size_t}, {@code seL4_Word}, a pointer...) defined without a value (or with 0) that
 * the code never assigns: such a variable the SDF does not set stays 0 at run time. The
 * reverse, a symbol the SDF sets that no source defines, makes the tool fail to find it.
 */
final class SetvarRule {
  private final List<CUnit> units;
  private final PdSymbols syms;
  private final ProtectionDomain pd;
  private final List<Diagnostic> out;

  private static final Set<String> ADDRESS_TYPES = Set.of("uintptr_t", "uint64_t", "size_t",
      "seL4_Word", "uint32_t", "unsigned", "long", "microkit_channel", "sel4cp_channel");
  private static final Set<String> NOT_A_VARIABLE = Set.of("typedef", "struct", "union", "enum",
      "return", "goto", "static_assert", "_Static_assert");

  /** A file-scope variable: where its name is, whether extern, whether it looks patched. */
  private record Var(CUnit unit, Token name, boolean isExtern, boolean patchedShape) {}

  SetvarRule(List<CUnit> units, PdSymbols syms, ProtectionDomain pd, List<Diagnostic> out) {
    this.units = units;
    this.syms = syms;
    this.pd = pd;
    this.out = out;
  }

  void check() {
    Map<String, List<Var>> vars = new LinkedHashMap<>();
    Set<String> assigned = new HashSet<>();
    for (CUnit u : units) {
      fileScope(u, vars);
      assignments(u, assigned);
    }
    Set<String> sdf = new HashSet<>();
    List<String> sdfNames = new ArrayList<>();
    for (PdSymbols.SetvarDecl d : syms.setvars()) {
      if (sdf.add(d.symbol())) sdfNames.add(d.symbol());
    }
    for (Map.Entry<String, List<Var>> e : vars.entrySet()) {
      String name = e.getKey();
      if (sdf.contains(name) || assigned.contains(name)) continue;
      for (Var v : e.getValue()) {
        if (!v.patchedShape() || v.isExtern()) continue;
        String close = Spelling.closest(name, sdfNames);
        out.add(LintCode.LNT010.at(v.unit().span(v.name()), "'" + name + "' is declared like a"
            + " variable the tool patches (no value, never assigned) but the SDF sets no symbol"
            + " '" + name + "' for '" + pd.name() + "'; it stays 0",
            close != null ? "did you mean '" + close + "'?"
                : sdfNames.isEmpty() ? "'" + pd.name() + "' has no setvar symbols"
                : "the SDF sets: " + String.join(", ", sdfNames)));
        break;
      }
    }
    if (units.isEmpty()) return;
    for (PdSymbols.SetvarDecl d : syms.setvars()) {
      List<Var> found = vars.getOrDefault(d.symbol(), List.of());
      if (found.stream().anyMatch(v -> !v.isExtern())) continue;
      out.add(LintCode.LNT011.at(d.span(), "the SDF sets " + d.kind() + " symbol '" + d.symbol()
          + "' for '" + pd.name() + "', but no source of it defines '" + d.symbol() + "'",
          found.isEmpty() ? "define it at file scope, e.g. '" + d.cType() + " " + d.symbol()
              + ";'" : "it is only declared extern; define it once in one source"));
    }
  }

  /** File-scope declarations: statements at brace depth 0 that are not functions. */
  private void fileScope(CUnit u, Map<String, List<Var>> vars) {
    List<Token> t = u.tokens;
    int stmt = 0;
    for (int k = 0; k < t.size(); k++) {
      Token tok = t.get(k);
      if (tok.is("{")) {
        // a function body or an initializer / aggregate definition: skip it whole
        int close = u.matching(k);
        boolean function = k > 0 && t.get(k - 1).is(")");
        k = close;
        if (function) stmt = k + 1;
        continue;
      }
      if (tok.is(";")) {
        declaration(u, stmt, k, vars);
        stmt = k + 1;
      }
    }
  }

  private void declaration(CUnit u, int from, int to, Map<String, List<Var>> vars) {
    List<Token> t = u.tokens.subList(from, to);
    if (t.isEmpty()) return;
    for (Token x : t) if (x.isIdent() && NOT_A_VARIABLE.contains(x.text())) return;
    int eq = -1;
    for (int k = 0; k < t.size(); k++) if (t.get(k).is("=")) { eq = k; break; }
    List<Token> decl = eq < 0 ? t : t.subList(0, eq);
    // a prototype has a parameter list right after the name: not a variable
    for (int k = 1; k < decl.size(); k++) {
      if (decl.get(k).is("(") && decl.get(k - 1).isIdent()) return;
    }
    Token name = null;
    for (Token x : decl) if (x.isIdent()) name = x;
    if (name == null || decl.size() < 2) return;
    boolean isExtern = decl.get(0).is("extern");
    boolean pointer = decl.stream().anyMatch(x -> x.is("*"));
    boolean addressType = decl.stream().anyMatch(x -> x.isIdent() && x != decl.get(decl.size() - 1)
        && ADDRESS_TYPES.contains(x.text()));
    boolean array = decl.stream().anyMatch(x -> x.is("["));
    boolean zeroInit = eq < 0 || (t.size() == eq + 2 && (t.get(eq + 1).is("0")
        || t.get(eq + 1).is("NULL") || t.get(eq + 1).is("0x0")));
    boolean constQualified = decl.stream().anyMatch(x -> x.is("const") && !pointer);
    boolean shape = (pointer || addressType) && !array && zeroInit && !constQualified;
    vars.computeIfAbsent(name.text(), n -> new ArrayList<>())
        .add(new Var(u, name, isExtern, shape));
  }

  /** Names assigned, incremented or whose address is taken anywhere in function bodies. */
  private void assignments(CUnit u, Set<String> assigned) {
    List<Token> t = u.tokens;
    int depth = 0;
    for (int k = 0; k < t.size(); k++) {
      Token x = t.get(k);
      if (x.is("{")) depth++;
      if (x.is("}")) depth--;
      if (!x.isIdent()) continue;
      Token next = k + 1 < t.size() ? t.get(k + 1) : null;
      Token prev = k > 0 ? t.get(k - 1) : null;
      boolean write = next != null && (next.is("=") || next.is("+=") || next.is("-=")
          || next.is("|=") || next.is("&=") || next.is("++") || next.is("--")
          || next.is("<<=") || next.is(">>=") || next.is("*=") || next.is("/="));
      boolean inc = prev != null && (prev.is("++") || prev.is("--") || prev.is("&"));
      if ((write || inc) && depth > 0) assigned.add(x.text());
    }
  }
}
