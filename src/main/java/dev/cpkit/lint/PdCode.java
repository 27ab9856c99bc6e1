// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import dev.cpkit.codegen.PdSymbols;
import dev.cpkit.codegen.SymbolTable;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.Spelling;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.util.ArrayList;
import java.util.HashSet;
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
    code.load(sources, options.includes());
    code.collectConstants(options.defines());
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

  /** The sources and, once each, the files they include that the resolver finds. */
  private void load(List<SourceFile> sources, CLint.IncludeResolver resolver) {
    Set<String> seen = new HashSet<>();
    List<SourceFile> queue = new ArrayList<>(sources);
    for (int k = 0; k < queue.size(); k++) {
      SourceFile f = queue.get(k);
      if (!seen.add(f.name())) continue;
      CUnit u = new CUnit(f);
      units.add(u);
      for (CLexer.Directive d : u.directives) {
        if (!d.name().equals("include") || d.tokens().isEmpty()) continue;
        String spelled = d.tokens().get(0).text();
        if (spelled.length() < 2) continue;
        boolean quoted = spelled.startsWith("\"");
        SourceFile inc = resolver.resolve(spelled.substring(1, spelled.length() - 1), quoted, f);
        if (inc != null) queue.add(inc);
      }
    }
  }

  private void collectConstants(Map<String, Long> defines) {
    for (CUnit u : units) {
      for (CLexer.Directive d : u.directives) {
        if (!d.name().equals("define") || d.tokens().isEmpty() || !d.tokens().get(0).isIdent()) {
          continue;
        }
        Macro m = Macro.parse(d.tokens());
        if (m != null) constants.define(m);
      }
      enums(u);
    }
    defines.forEach(constants::preset);
    PdSymbols p = syms;
    constants.preset(p.priorityName(), p.priority());
    constants.preset(p.passiveName(), p.passive() ? 1 : 0);
    constants.preset(p.servesPpcallName(), p.servesPpcall() ? 1 : 0);
    for (PdSymbols.ChannelConst c : p.channels()) {
      constants.preset(c.name(), c.id());
      constants.preset(c.ppcallName(), c.mayPpcall() ? 1 : 0);
    }
    for (PdSymbols.IrqConst i : p.irqs()) constants.preset(i.name(), i.id());
    for (PdSymbols.IdConst i : p.children()) constants.preset(i.name(), i.id());
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
      for (CUnit.Function f : u.functions()) {
        if ((f.name().is("notified") || f.name().is("protected")) && !f.params().isEmpty()) {
          entries.add(f);
        }
      }
      for (CUnit.Call call : u.calls(CLint.API)) {
        if (call.args().isEmpty() || call.args().get(0).isEmpty()) continue;
        List<Token> arg = call.args().get(0);
        Long v = constants.eval(arg);
        boolean viaParam = false;
        if (v == null && arg.size() == 1) {
          int at = u.tokens.indexOf(call.name());
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
