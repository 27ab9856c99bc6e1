// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids one PD's code uses: the constant ids it passes to notify, ppcall and irq_ack, and
 * the ids {@code notified()} and {@code protected()} handle. Each set comes with whether it is
 * known completely: an id passed as a variable, or an entry point that hands its channel to
 * other code, may be any id, and then the set is only a lower bound. Absence of an id means
 * "never used" only when the set is known.
 *
 * @param handled ids notified() handles (known and empty when there is no notified())
 * @param served ids protected() handles (known and empty when there is no protected())
 */
public record Uses(Set<Long> notifies, boolean notifiesKnown, Set<Long> ppcalls,
    boolean ppcallsKnown, Set<Long> acks, boolean acksKnown, Set<Long> handled,
    boolean handledKnown, Set<Long> served, boolean servedKnown) {

  public Uses {
    notifies = Set.copyOf(notifies);
    ppcalls = Set.copyOf(ppcalls);
    acks = Set.copyOf(acks);
    handled = Set.copyOf(handled);
    served = Set.copyOf(served);
  }

  static Uses of(PdCode code) {
    EntryPoints entries = new EntryPoints(code.units, code.constants, code.syms, code.pd,
        new ArrayList<>());
    entries.check();
    EntryPoints.Handled n = entries.notifiedHandled();
    EntryPoints.Handled p = entries.protectedHandled();
    // an id passed as the entry point's own parameter is one of the ids it handles
    Set<Long> viaParam = new HashSet<>(n.ids());
    viaParam.addAll(p.ids());
    boolean viaParamKnown = n.complete() && p.complete();
    Acc notify = new Acc();
    Acc ppcall = new Acc();
    Acc ack = new Acc();
    for (PdCode.ApiCall c : code.calls()) {
      Acc a = CLint.NOTIFY.contains(c.fn()) ? notify : CLint.IRQ_ACK.contains(c.fn()) ? ack
          : ppcall;
      if (c.value() != null) a.ids.add(c.value());
      else if (c.viaParam()) {
        a.ids.addAll(viaParam);
        a.known &= viaParamKnown;
      } else {
        a.known = false;
      }
    }
    return new Uses(notify.ids, notify.known, ppcall.ids, ppcall.known, ack.ids, ack.known,
        n.ids(), n.complete(), p.ids(), p.complete());
  }

  /** Whether the code certainly never uses channel id {@code id} (in any of the five ways). */
  public boolean neverUsesChannel(long id) {
    return notifiesKnown && ppcallsKnown && handledKnown && servedKnown
        && !notifies.contains(id) && !ppcalls.contains(id) && !handled.contains(id)
        && !served.contains(id);
  }

  /** Whether the code names channel id {@code id} in any of the five ways. */
  public boolean usesChannel(long id) {
    return notifies.contains(id) || ppcalls.contains(id) || handled.contains(id)
        || served.contains(id);
  }

  /** Whether the code certainly never acknowledges irq id {@code id}. */
  public boolean neverAcks(long id) {
    return acksKnown && !acks.contains(id);
  }

  /** Whether the code certainly never notifies over channel id {@code id}. */
  public boolean neverNotifies(long id) {
    return notifiesKnown && !notifies.contains(id);
  }

  private static final class Acc {
    final Set<Long> ids = new HashSet<>();
    boolean known = true;
  }
}
