// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import dev.cpkit.codegen.PdSymbols;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.system.ProtectionDomain;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The entry points libsel4cp / libmicrokit call: which ids {@code notified()} and
 * {@code protected()} handle ({@code case} labels of a {@code switch} on the channel
 * parameter, and {@code ch == X} comparisons), and whether {@code protected()} exists exactly
 * when the PD receives calls.
 */
final class EntryPoints {
  private final List<CUnit> units;
  private final Constants constants;
  private final PdSymbols syms;
  private final ProtectionDomain pd;
  private final List<Diagnostic> out;

  /** Calls that may be given the channel parameter without hiding which ids are handled. */
  private static final Set<String> TRANSPARENT = Set.of("sel4cp_irq_ack", "microkit_irq_ack",
      "sel4cp_irq_ack_delayed", "microkit_deferred_irq_ack", "sel4cp_notify", "microkit_notify",
      "sel4cp_notify_delayed", "microkit_deferred_notify", "sel4cp_dbg_puts",
      "microkit_dbg_puts", "microkit_dbg_put32", "microkit_dbg_put8", "sel4cp_dbg_putc",
      "microkit_dbg_putc", "printf", "sel4cp_ppcall", "microkit_ppcall");

  /** The code of peers linted in the same run, by PD name: what they really notify. */
  private final java.util.Map<String, Uses> peers;

  EntryPoints(List<CUnit> units, Constants constants, PdSymbols syms, ProtectionDomain pd,
      List<Diagnostic> out) {
    this(units, constants, syms, pd, out, java.util.Map.of());
  }

  EntryPoints(List<CUnit> units, Constants constants, PdSymbols syms, ProtectionDomain pd,
      List<Diagnostic> out, java.util.Map<String, Uses> peers) {
    this.peers = peers;
    this.units = units;
    this.constants = constants;
    this.syms = syms;
    this.pd = pd;
    this.out = out;
  }

  /** What one entry point's body handles; complete means no other id can reach a handler. */
  record Handled(Set<Long> ids, boolean complete) {}

  private Handled notifiedHandled = new Handled(Set.of(), true);
  private Handled protectedHandled = new Handled(Set.of(), true);

  /** After {@link #check()}: what notified() handles (nothing, completely, when absent). */
  Handled notifiedHandled() {
    return notifiedHandled;
  }

  /** After {@link #check()}: what protected() handles (nothing, completely, when absent). */
  Handled protectedHandled() {
    return protectedHandled;
  }

  void check() {
    CUnit notifiedUnit = null;
    CUnit.Function notified = null;
    CUnit protectedUnit = null;
    CUnit.Function prot = null;
    for (CUnit u : units) {
      for (CUnit.Function f : u.functions()) {
        if (f.name().is("notified") && notified == null) {
          notifiedUnit = u;
          notified = f;
        }
        if (f.name().is("protected") && prot == null) {
          protectedUnit = u;
          prot = f;
        }
      }
    }
    checkNotified(notifiedUnit, notified);
    checkProtected(protectedUnit, prot);
  }

  private void checkNotified(CUnit u, CUnit.Function f) {
    List<String> expected = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    for (PdSymbols.ChannelConst c : syms.channels()) {
      ids.add((long) c.id());
      if (c.peerMayNotify() && !silentPeer(c)) expected.add(c.id() + " (" + c.name() + ", from '" + c.peer() + "')");
    }
    for (PdSymbols.IrqConst i : syms.irqs()) ids.add((long) i.id());
    if (f == null) {
      int n = expected.size() + syms.irqs().size();
      if (n > 0 && !units.isEmpty()) {
        List<String> all = new ArrayList<>(expected);
        for (PdSymbols.IrqConst i : syms.irqs()) all.add(i.id() + " (" + i.name() + ")");
        out.add(LintCode.LNT007.at(pd.span(), "no source of '" + pd.name() + "' defines"
            + " notified(), so nothing handles its channels and irqs: " + String.join(", ", all)));
      }
      return;
    }
    Handled h = handled(u, f, ids, "notified()", "no channel or irq of '" + pd.name() + "'");
    notifiedHandled = h;
    if (!h.complete()) return;
    SourceSpan at = u.span(f.name());
    for (PdSymbols.ChannelConst c : syms.channels()) {
      if (c.peerMayNotify() && !silentPeer(c) && !h.ids().contains((long) c.id())) {
        out.add(LintCode.LNT007.at(at, "notified() never handles channel " + c.id() + " ("
            + c.name() + ", from '" + c.peer() + "'): its notifications are ignored"));
      }
    }
    for (PdSymbols.IrqConst i : syms.irqs()) {
      if (!h.ids().contains((long) i.id())) {
        out.add(LintCode.LNT007.at(at, "notified() never handles irq id " + i.id() + " ("
            + i.name() + ", " + i.describe() + "): the interrupt is never acknowledged"));
      }
    }
  }

  /**
   * Whether the peer's code was given and certainly never notifies over this channel: the SDF
   * allows the notification (sel4cp cannot say otherwise) but it never comes, so there is
   * nothing for notified() to handle.
   */
  private boolean silentPeer(PdSymbols.ChannelConst c) {
    Uses u = peers.get(c.peer());
    return u != null && u.neverNotifies(c.peerId());
  }

  private void checkProtected(CUnit u, CUnit.Function f) {
    if (f != null && !syms.servesPpcall()) {
      out.add(LintCode.LNT008.at(u.span(f.name()), "protected() is defined but no peer of '"
          + pd.name() + "' may call it", pd.pp() || syms.channels().isEmpty()
          ? "it has no channel to be called over"
          : "in sel4cp give the PD pp=\"true\"; in Microkit set pp=\"true\" on the caller's"
              + " channel end"));
    }
    if (f == null && syms.servesPpcall() && !units.isEmpty()) {
      List<String> callers = new ArrayList<>();
      for (PdSymbols.ChannelConst c : syms.channels()) {
        if (c.peerMayPpcall()) callers.add("'" + c.peer() + "' (channel " + c.id() + ")");
      }
      out.add(LintCode.LNT009.at(pd.span(), "'" + pd.name() + "' receives protected calls from "
          + String.join(", ", callers) + " but no source defines protected()"));
    }
    if (f != null) {
      Set<Long> ids = new HashSet<>();
      for (PdSymbols.ChannelConst c : syms.channels()) if (c.peerMayPpcall()) ids.add((long) c.id());
      protectedHandled = handled(u, f, ids, "protected()", "no channel over which '"
          + pd.name() + "' receives calls");
    }
  }

  /**
   * Walks a body: {@code case} labels of switches on the first parameter, and
   * {@code param == X} / {@code X == param}; reports labels outside {@code valid}. The result
   * is incomplete when the parameter is used in any other way (passed to a function, copied),
   * as the ids may then be handled elsewhere.
   */
  private Handled handled(CUnit u, CUnit.Function f, Set<Long> valid, String where,
      String nothing) {
    Set<Long> ids = new HashSet<>();
    if (f.params().isEmpty()) return new Handled(ids, false);
    String param = f.params().get(0);
    boolean complete = true;
    List<Token> t = u.tokens;
    Set<String> locals = u.locals(f);
    Deque<Boolean> switches = new ArrayDeque<>(); // per open brace: a switch on param?
    Deque<String> calls = new ArrayDeque<>(); // per open paren: the function called, or ""
    boolean pendingSwitch = false;
    boolean pendingOnParam = false;
    for (int k = f.open(); k <= f.close(); k++) {
      Token tok = t.get(k);
      if (tok.is("switch") && k + 1 < f.close() && t.get(k + 1).is("(")) {
        int close = u.matching(k + 1);
        pendingSwitch = true;
        pendingOnParam = close == k + 3 && t.get(k + 2).is(param);
        if (pendingOnParam) k = close; // the switch's own use of param is not an escape
        continue;
      }
      if (tok.is("{")) {
        switches.push(pendingSwitch && pendingOnParam);
        pendingSwitch = false;
        pendingOnParam = false;
      } else if (tok.is("}")) {
        if (!switches.isEmpty()) switches.pop();
      } else if (tok.is("(")) {
        calls.push(k > 0 && t.get(k - 1).isIdent() ? t.get(k - 1).text() : "");
      } else if (tok.is(")")) {
        if (!calls.isEmpty()) calls.pop();
      } else if (tok.is("case") && !switches.isEmpty() && switches.peek()) {
        int colon = k + 1;
        while (colon < f.close() && !t.get(colon).is(":")) colon++;
        List<Token> expr = t.subList(k + 1, colon);
        Long v = constants.eval(expr);
        if (v != null) {
          ids.add(v);
          if (!valid.contains(v)) {
            out.add(LintCode.LNT006.at(u.file.span(tok.start(), t.get(colon).end()), "case "
                + CLint.text(expr) + ": in " + where + " is " + v + ", which is " + nothing));
          }
        } else {
          complete = false; // a label we cannot evaluate may handle anything
        }
        k = colon;
      } else if (tok.is(param)) {
        boolean compared = (k + 1 < f.close() && (t.get(k + 1).is("==") || t.get(k + 1).is("!=")))
            || (k > 0 && (t.get(k - 1).is("==") || t.get(k - 1).is("!=")));
        if (compared) {
          Long v = comparedValue(t, k, f.close(), locals);
          if (v != null) {
            ids.add(v);
            if (!valid.contains(v)) {
              out.add(LintCode.LNT006.at(u.span(tok), where + " compares its channel with " + v
                  + ", which is " + nothing));
            }
          } else {
            complete = false;
          }
        } else if (calls.isEmpty() || !TRANSPARENT.contains(calls.peek())) {
          complete = false;
        }
      }
    }
    return new Handled(ids, complete);
  }

  /** The constant on the other side of {@code param ==} or {@code == param}. */
  private Long comparedValue(List<Token> t, int k, int end, Set<String> locals) {
    if (k + 1 < end && (t.get(k + 1).is("==") || t.get(k + 1).is("!="))) {
      int stop = k + 2;
      int depth = 0;
      while (stop < end) {
        Token x = t.get(stop);
        if (x.is("(")) depth++;
        if (x.is(")")) {
          if (depth == 0) break;
          depth--;
        }
        if (depth == 0 && (x.is("&&") || x.is("||") || x.is(";") || x.is(",") || x.is("?"))) {
          break;
        }
        stop++;
      }
      return constants.eval(t.subList(k + 2, stop), locals);
    }
    if (k >= 2) return constants.eval(t.subList(k - 2, k - 1), locals);
    return null;
  }
}
