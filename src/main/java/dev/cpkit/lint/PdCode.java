// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import dev.cpkit.codegen.PdSymbols;
import dev.cpkit.codegen.SymbolTable;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.Spelling;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One protection domain's C code, lexed once: its sources and the files they include, the
 * integer constants they see, and the libsel4cp / libmicrokit calls with their ids evaluated.
 * {@code lint-c} judges each call against the SDF; {@code analyse} asks what the code uses
 * ({@link #uses()}, {@link SetvarAccess}). Both read the code the same way through this class.
 */
public final class PdCode {
  /**
   * A call of the channel API.
   *
   * @param value the id, or null when it is not a constant
   * @param viaParam the id is the channel parameter of the enclosing {@code notified()} or
   *     {@code protected()}: it is whichever id that entry point was entered for
   */
  public record ApiCall(CUnit unit, CUnit.Call call, String fn, Long value, boolean viaParam) {}

  final SystemDescription system;
  final ProtectionDomain pd;
  final PdSymbols syms;
  final List<CUnit> units = new ArrayList<>();
  final Constants constants = new Constants();
  private final List<ApiCall> calls = new ArrayList<>();
  private Uses uses;

  private PdCode(SystemDescription system, ProtectionDomain pd, PdSymbols syms) {
    this.system = system;
    this.pd = pd;
    this.syms = syms;
  }

  /**
   * Reads the code of protection domain {@code pdName}. Throws IllegalArgumentException when
   * the system has no such PD or the prefix is invalid.
   */
  public static PdCode load(SystemDescription system, String pdName, List<SourceFile> sources,
      CLint.Options options) {
    ProtectionDomain pd = system.protectionDomain(pdName);
    if (pd == null) {
      List<String> names = system.allProtectionDomains().stream().map(ProtectionDomain::name)
          .toList();
      String close = Spelling.closest(pdName, names);
      throw new IllegalArgumentException("the system has no protection domain '" + pdName + "'"
          + (close != null ? " (did you mean '" + close + "'?)" : "") + "; it has: "
          + String.join(", ", names));
    }
    PdCode code = new PdCode(system, pd,
        SymbolTable.build(system, options.prefix()).pds().get(pd.name()));
    Map<String, Long> presets = code.presets(options.defines());
    code.units.addAll(Conditionals.read(sources, options.includes(), presets));
    code.collectConstants(presets);
    code.findCalls();
    return code;
  }

  public String pdName() {
    return pd.name();
  }

  public ProtectionDomain pd() {
    return pd;
  }

  public List<CUnit> units() {
    return List.copyOf(units);
  }

  /** The value of tokens as an integer constant expression in this PD's code, or null. */
  public Long eval(List<Token> tokens) {
    return constants.eval(tokens);
  }

  List<ApiCall> calls() {
    return calls;
  }

  /** What the code does with its ids; computed once. */
  public Uses uses() {
    if (uses == null) uses = Uses.of(this);
    return uses;
  }

  /** The values known before the sources: -D, then the generated header's names. */
  private Map<String, Long> presets(Map<String, Long> defines) {
    Map<String, Long> out = new java.util.LinkedHashMap<>(defines);
    PdSymbols p = syms;
    out.putIfAbsent(p.priorityName(), (long) p.priority());
    out.putIfAbsent(p.passiveName(), p.passive() ? 1L : 0L);
    out.putIfAbsent(p.servesPpcallName(), p.servesPpcall() ? 1L : 0L);
    for (PdSymbols.ChannelConst c : p.channels()) {
      out.putIfAbsent(c.name(), (long) c.id());
      out.putIfAbsent(c.ppcallName(), c.mayPpcall() ? 1L : 0L);
    }
    for (PdSymbols.IrqConst i : p.irqs()) out.putIfAbsent(i.name(), (long) i.id());
    for (PdSymbols.IdConst i : p.children()) out.putIfAbsent(i.name(), (long) i.id());
    return out;
  }

  /** Macros first (an enum or const may use one defined later in a header), enums, consts. */
  private void collectConstants(Map<String, Long> presets) {
    for (CUnit u : units) {
      for (CLexer.Directive d : u.directives) {
        if (!d.name().equals("define")) continue;
        Macro m = Macro.parse(d.tokens());
        if (m != null) constants.define(m);
      }
    }
    presets.forEach(constants::preset);
    for (CUnit u : units) enums(u);
    for (CUnit u : units) ConstGlobals.collect(u, constants);
  }

  /** {@code enum [tag] { A, B = 3, C }}: A=0, B=3, C=4. */
  private void enums(CUnit u) {
    List<Token> t = u.tokens;
    for (int k = 0; k < t.size(); k++) {
      if (!t.get(k).is("enum")) continue;
      int open = k + 1;
      if (open < t.size() && t.get(open).isIdent()) open++;
      if (open >= t.size() || !t.get(open).is("{")) continue;
      int close = u.matching(open);
      long next = 0;
      for (List<Token> member : u.split(open + 1, close)) {
        if (member.isEmpty() || !member.get(0).isIdent()) break;
        if (member.size() > 2 && member.get(1).is("=")) {
          Long v = constants.eval(member.subList(2, member.size()));
          if (v == null) break; // later members depend on a value we do not know
          next = v;
        }
        constants.enumerator(member.get(0).text(), next);
        next++;
      }
      k = close;
    }
  }

  private void findCalls() {
    for (CUnit u : units) {
      List<CUnit.Function> entries = new ArrayList<>();
      List<CUnit.Function> functions = u.functions();
      Map<CUnit.Function, Set<String>> locals = new java.util.HashMap<>();
      for (CUnit.Function f : functions) {
        if ((f.name().is("notified") || f.name().is("protected")) && !f.params().isEmpty()) {
          entries.add(f);
        }
      }
      for (CUnit.Call call : u.calls(CLint.API)) {
        if (call.args().isEmpty() || call.args().get(0).isEmpty()) continue;
        List<Token> arg = call.args().get(0);
        int at = u.tokens.indexOf(call.name());
        Set<String> shadowed = Set.of();
        for (CUnit.Function f : functions) {
          if (at > f.open() && at < f.close()) shadowed = locals.computeIfAbsent(f, u::locals);
        }
        Long v = constants.eval(arg, shadowed);
        boolean viaParam = false;
        if (v == null && arg.size() == 1) {
          for (CUnit.Function f : entries) {
            if (at > f.open() && at < f.close() && arg.get(0).is(f.params().get(0))) {
              viaParam = true;
            }
          }
        }
        calls.add(new ApiCall(u, call, call.name().text(), v, viaParam));
      }
    }
  }
}
