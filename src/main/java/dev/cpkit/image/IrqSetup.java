// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static dev.cpkit.image.InvocationKind.IRQ_CONTROL_GET;
import static dev.cpkit.image.InvocationKind.IRQ_CONTROL_GET_TRIGGER;
import static dev.cpkit.image.InvocationKind.IRQ_HANDLER_SET_NOTIFICATION;
import static dev.cpkit.image.SystemBuilder.BASE_IRQ_CAP;
import static dev.cpkit.image.SystemBuilder.CAP_ADDRESS_BITS;
import static dev.cpkit.image.SystemBuilder.IRQ_CONTROL;
import static dev.cpkit.image.SystemBuilder.RIGHTS_ALL;

import dev.cpkit.image.BuildInput.Pd;
import java.util.ArrayList;
import java.util.List;

/**
 * Each PD's {@code <irq>}s, in four steps at four points of the system invocation list: a
 * handler cap from IRQ control, the PD's notification minted with badge {@code 1 << id}, the
 * handler minted into the PD's CNode (slot 138 + id), the handler bound to the badged
 * notification. Keeps the caps from one step to the next.
 */
final class IrqSetup {
  private final List<Pd> pds;
  private final boolean fork;
  /** Per PD, per irq: the handler's cap in the system CNode. */
  private final List<List<Long>> handlers = new ArrayList<>();
  /** Per PD, per irq: the badged notification's cap in the system CNode. */
  private final List<List<Long>> badged = new ArrayList<>();

  IrqSetup(List<Pd> pds, boolean fork) {
    this.pds = pds;
    this.fork = fork;
  }

  void getHandlers(SystemInvocationWriter w) {
    for (Pd pd : pds) {
      List<Long> caps = new ArrayList<>();
      for (BuildInput.Irq irq : pd.irqs()) {
        long addr = w.claim(1);
        if (fork) {
          // fork: IRQControl GetTrigger, with the <irq>'s trigger (0 level, 1 edge)
          w.add(Invocation.of(IRQ_CONTROL_GET_TRIGGER, IRQ_CONTROL, irq.irq(),
              irq.trigger(), w.root(), addr, CAP_ADDRESS_BITS));
        } else {
          w.add(Invocation.of(IRQ_CONTROL_GET, IRQ_CONTROL, irq.irq(), w.root(), addr,
              CAP_ADDRESS_BITS));
        }
        w.names.put(addr, "IRQ Handler: irq=" + irq.irq());
        caps.add(addr);
      }
      handlers.add(caps);
    }
  }

  void mintBadgedNotifications(SystemInvocationWriter w, List<KernelObject> ntfns) {
    for (int p = 0; p < pds.size(); p++) {
      List<Long> caps = new ArrayList<>();
      for (BuildInput.Irq irq : pds.get(p).irqs()) {
        if (irq.id() < 0 || irq.id() > 63) {
          // the fork checks no <irq> id (1.2.6's SDF check keeps them below 63); its badge
          // 1 << id then fails to pack into a 64-bit word, or to shift for a negative id
          throw BuildException.crash("IMG049", "the id " + irq.id() + " of irq " + irq.irq()
              + " in '" + pds.get(p).name() + "' does not fit a 64-bit notification badge"
              + " (ids are 0 to 63)", irq.id() < 0 ? "ValueError: negative shift count"
                  : "struct.error: argument out of range").at(irq.span());
        }
        long badge = 1L << irq.id();
        w.add(w.mintToNextSlot(ntfns.get(p).capAddr(), RIGHTS_ALL, badge));
        long addr = w.claim(1);
        w.names.put(addr, w.names.get(ntfns.get(p).capAddr()) + " (badge=0x"
            + Long.toHexString(badge) + ")");
        caps.add(addr);
      }
      badged.add(caps);
    }
  }

  void mintHandlersToPds(SystemInvocationWriter w, List<KernelObject> cnodes) {
    for (int p = 0; p < pds.size(); p++) {
      List<BuildInput.Irq> irqs = pds.get(p).irqs();
      for (int i = 0; i < irqs.size(); i++) {
        w.add(w.mintToPd(cnodes.get(p), BASE_IRQ_CAP + irqs.get(i).id(),
            handlers.get(p).get(i), 0));
      }
    }
  }

  void bindToNotifications(SystemInvocationWriter w) {
    for (int p = 0; p < pds.size(); p++) {
      for (int i = 0; i < handlers.get(p).size(); i++) {
        w.add(Invocation.of(IRQ_HANDLER_SET_NOTIFICATION, handlers.get(p).get(i),
            badged.get(p).get(i)));
      }
    }
  }
}
