// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import dev.cpkit.codegen.PdSymbols;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cpkit lint-c}: checks one PD's C sources against the system description. The ids
 * the code passes to the libsel4cp / libmicrokit API are evaluated where they are constant
 * (literals, {@code #define}s object-like and function-like, enum constants, file-scope
 * consts, the generated header's names), in the branches of {@code #if} that are compiled
 * ({@link Conditionals}); an id that is not constant (a variable) is not judged.
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
  private final PdCode code;
  private final List<Diagnostic> out = new ArrayList<>();

  private CLint(PdCode code) {
    this.code = code;
    this.system = code.system;
    this.pd = code.pd;
    this.syms = code.syms;
  }

  /**
   * The findings for protection domain {@code pdName}, in file order. Throws
   * IllegalArgumentException when the system has no such PD or the prefix is invalid.
   */
  public static List<Diagnostic> check(SystemDescription system, String pdName,
      List<SourceFile> sources, Options options) {
    return check(PdCode.load(system, pdName, sources, options), Map.of());
  }

  /**
   * The findings for several PDs linted together, PD by PD in the map's order. Knowing the
   * peers' code, a channel whose peer never notifies it is not expected in notified().
   */
  public static List<Diagnostic> checkAll(SystemDescription system,
      Map<String, List<SourceFile>> sources, Options options) {
    Map<String, PdCode> codes = new LinkedHashMap<>();
    for (Map.Entry<String, List<SourceFile>> e : sources.entrySet()) {
      codes.put(e.getKey(), PdCode.load(system, e.getKey(), e.getValue(), options));
    }
    Map<String, Uses> uses = new HashMap<>();
    codes.forEach((name, c) -> uses.put(c.pdName(), c.uses()));
    List<Diagnostic> all = new ArrayList<>();
    for (PdCode c : codes.values()) all.addAll(check(c, uses));
    return all;
  }

  private static List<Diagnostic> check(PdCode code, Map<String, Uses> peers) {
    CLint lint = new CLint(code);
    lint.apiCalls();
    new EntryPoints(code.units, code.constants, code.syms, code.pd, lint.out, peers).check();
    new SetvarRule(code.units, code.syms, code.pd, lint.out).check();
    SystemDescription system = code.system;
    lint.out.sort(Comparator.comparing((Diagnostic d) -> d.span().fileName().equals(
        system.span() == null ? "" : system.span().fileName()) ? 1 : 0)
        .thenComparing(d -> d.span().fileName())
        .thenComparingInt(d -> d.span().start()));
    return List.copyOf(lint.out);
  }

  // ---- notify, irq_ack, ppcall ------------------------------------------------------------

  private void apiCalls() {
    for (PdCode.ApiCall c : code.calls()) {
      if (c.value() == null) continue;
      CUnit u = c.unit();
      List<Token> arg = c.call().args().get(0);
      long v = c.value();
      String fn = c.fn();
      String shown = fn + "(" + text(arg) + (c.call().args().size() > 1 ? ", ...)" : ")");
      var span = u.file.span(c.call().name().start(), arg.get(arg.size() - 1).end() + 1);
      if (NOTIFY.contains(fn)) notify(shown, v, span);
      else if (IRQ_ACK.contains(fn)) irqAck(shown, v, span);
      else ppcall(shown, v, span);
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
