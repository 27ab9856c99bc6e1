// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import dev.cpkit.codegen.PdSymbols;
import dev.cpkit.codegen.SymbolTable;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.Spelling;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cpkit lint-c}: checks one PD's C sources against the system description. The ids
 * the code passes to the libsel4cp / libmicrokit API are evaluated where they are constant
 * (literals, {@code #define}s, enum constants, the generated header's names); an id that is
 * not constant (a variable) is not judged.
 */
public final class CLint {
  /** Finds the file an {@code #include} names, or returns null (the include is skipped). */
  @FunctionalInterface
  public interface IncludeResolver {
    SourceFile resolve(String name, boolean quoted, SourceFile from);
  }

  /**
   * @param prefix the --prefix the PD's generated header was made with
   * @param defines values given with -D, as the compiler would see them
   */
  public record Options(String prefix, Map<String, Long> defines, IncludeResolver includes) {
    public static Options defaults() {
      return new Options("", Map.of(), (n, q, f) -> null);
    }
  }

  static final Set<String> NOTIFY = Set.of("sel4cp_notify", "microkit_notify",
      "sel4cp_notify_delayed", "microkit_deferred_notify");
  static final Set<String> IRQ_ACK = Set.of("sel4cp_irq_ack", "microkit_irq_ack",
      "sel4cp_irq_ack_delayed", "microkit_deferred_irq_ack");
  static final Set<String> PPCALL = Set.of("sel4cp_ppcall", "microkit_ppcall");
  static final Set<String> API;

  static {
    Set<String> all = new HashSet<>(NOTIFY);
    all.addAll(IRQ_ACK);
    all.addAll(PPCALL);
    API = Set.copyOf(all);
  }

  private final SystemDescription system;
  private final ProtectionDomain pd;
  private final PdSymbols syms;
  private final List<CUnit> units = new ArrayList<>();
  private final Constants constants = new Constants();
  private final List<Diagnostic> out = new ArrayList<>();

  private CLint(SystemDescription system, ProtectionDomain pd, Map<String, PdSymbols> all) {
    this.system = system;
    this.pd = pd;
    this.syms = all.get(pd.name());
  }

  /**
   * The findings for protection domain {@code pdName}, in file order. Throws
   * IllegalArgumentException when the system has no such PD or the prefix is invalid.
   */
  public static List<Diagnostic> check(SystemDescription system, String pdName,
      List<SourceFile> sources, Options options) {
    ProtectionDomain pd = system.protectionDomain(pdName);
    if (pd == null) {
      List<String> names = system.allProtectionDomains().stream().map(ProtectionDomain::name)
          .toList();
      String close = Spelling.closest(pdName, names);
      throw new IllegalArgumentException("the system has no protection domain '" + pdName + "'"
          + (close != null ? " (did you mean '" + close + "'?)" : "") + "; it has: "
          + String.join(", ", names));
    }
    CLint lint = new CLint(system, pd, SymbolTable.build(system, options.prefix()).pds());
    lint.load(sources, options.includes());
    lint.collectConstants(options.defines());
    lint.apiCalls();
    new EntryPoints(lint.units, lint.constants, lint.syms, lint.pd, lint.out).check();
    new SetvarRule(lint.units, lint.syms, lint.pd, lint.out).check();
    lint.out.sort(Comparator.comparing((Diagnostic d) -> d.span().fileName().equals(
        system.span() == null ? "" : system.span().fileName()) ? 1 : 0)
        .thenComparing(d -> d.span().fileName())
        .thenComparingInt(d -> d.span().start()));
    return List.copyOf(lint.out);
  }

  /** The sources and, once each, the files they include that the resolver finds. */
  private void load(List<SourceFile> sources, IncludeResolver resolver) {
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
        Token name = d.tokens().get(0);
        if (d.tokens().size() > 1 && d.tokens().get(1).is("(")
            && d.tokens().get(1).start() == name.end()) {
          constants.defineFunctionLike(name.text());
        } else {
          constants.define(name.text(), d.tokens().subList(1, d.tokens().size()));
        }
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

  // ---- notify, irq_ack, ppcall ------------------------------------------------------------

  private void apiCalls() {
    for (CUnit u : units) {
      for (CUnit.Call call : u.calls(API)) {
        if (call.args().isEmpty() || call.args().get(0).isEmpty()) continue;
        List<Token> arg = call.args().get(0);
        Long v = constants.eval(arg);
        if (v == null) continue;
        String fn = call.name().text();
        String shown = fn + "(" + text(arg) + (call.args().size() > 1 ? ", ...)" : ")");
        var span = u.file.span(call.name().start(), arg.get(arg.size() - 1).end() + 1);
        if (NOTIFY.contains(fn)) notify(shown, v, span);
        else if (IRQ_ACK.contains(fn)) irqAck(shown, v, span);
        else ppcall(shown, v, span);
      }
    }
  }

  private void notify(String shown, long v, dev.cpkit.diag.SourceSpan span) {
    PdSymbols.ChannelConst c = channel(v);
    PdSymbols.IrqConst irq = irq(v);
    if (c == null && irq != null) {
      out.add(LintCode.LNT002.at(span, shown + ": " + v + " is an irq id of '" + pd.name()
          + "' (" + irq.describe() + "), not a channel; notifying it signals nothing",
          "acknowledge an interrupt with irq_ack; notify channel ids: " + channelList()));
    } else if (c == null) {
      out.add(LintCode.LNT001.at(span, shown + ": " + v + " is not a channel of '" + pd.name()
          + "'", "its channels: " + channelList()));
    } else if (!c.mayNotify()) {
      out.add(LintCode.LNT012.at(span, shown + ": '" + pd.name() + "' may not notify '"
          + c.peer() + "' over channel " + v + " (notify=\"false\" on its end)"));
    }
  }

  private void irqAck(String shown, long v, dev.cpkit.diag.SourceSpan span) {
    if (irq(v) != null) return;
    PdSymbols.ChannelConst c = channel(v);
    String what = c != null ? v + " is the channel to '" + c.peer() + "', not an irq"
        : v + " is not an irq of '" + pd.name() + "'";
    out.add(LintCode.LNT005.at(span, shown + ": " + what, syms.irqs().isEmpty()
        ? "'" + pd.name() + "' has no irqs" : "its irqs: " + irqList()));
  }

  private void ppcall(String shown, long v, dev.cpkit.diag.SourceSpan span) {
    PdSymbols.ChannelConst c = channel(v);
    if (c == null) {
      out.add(LintCode.LNT003.at(span, shown + ": " + v + " is not a channel of '" + pd.name()
          + "'" + (irq(v) != null ? " (it is " + irq(v).describe() + ")" : ""),
          "its channels: " + channelList()));
      return;
    }
    if (!c.mayPpcall()) {
      out.add(LintCode.LNT003.at(span, shown + ": '" + c.peer() + "' does not accept protected"
          + " calls over channel " + v, system.dialect().isPython()
          ? "give '" + c.peer() + "' pp=\"true\" in the SDF"
          : "set pp=\"true\" on the end of '" + pd.name() + "' of this channel"));
    }
    ProtectionDomain peer = system.protectionDomain(c.peer());
    if (peer != null && peer.priority() <= pd.priority()) {
      out.add(LintCode.LNT004.at(span, shown + ": '" + c.peer() + "' has priority "
          + peer.priority() + ", not strictly higher than the " + pd.priority() + " of '"
          + pd.name() + "'", "a protected call runs the callee at its own priority; the"
          + " kernel requires it above the caller's"));
    }
  }

  private PdSymbols.ChannelConst channel(long v) {
    return v < 0 || v > Integer.MAX_VALUE ? null : syms.channel((int) v);
  }

  private PdSymbols.IrqConst irq(long v) {
    return v < 0 || v > Integer.MAX_VALUE ? null : syms.irq((int) v);
  }

  private String channelList() {
    if (syms.channels().isEmpty()) return "none";
    List<String> s = new ArrayList<>();
    for (PdSymbols.ChannelConst c : syms.channels()) s.add(c.id() + " (" + c.name() + ")");
    return String.join(", ", s);
  }

  private String irqList() {
    List<String> s = new ArrayList<>();
    for (PdSymbols.IrqConst i : syms.irqs()) s.add(i.id() + " (" + i.name() + ")");
    return String.join(", ", s);
  }

  static String text(List<Token> tokens) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (k > 0 && tokens.get(k - 1).end() < t.start()) sb.append(' ');
      sb.append(t.text());
    }
    return sb.toString();
  }
}
