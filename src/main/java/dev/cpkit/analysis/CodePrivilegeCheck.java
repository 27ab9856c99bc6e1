// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.lint.PdCode;
import dev.cpkit.lint.SetvarAccess;
import dev.cpkit.lint.Uses;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Irq;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;

/**
 * Least privilege that needs the PDs' C code (given like lint-c's --pd / --map): rights the
 * SDF grants that the code never exercises. Each judgement is made only when the code
 * settles it; otherwise a remark says what could not be told and why, because a silent
 * "cannot tell" reads like "fine".
 */
final class CodePrivilegeCheck implements Check {

  @Override
  public void run(Context c, Findings out) {
    if (c.code().isEmpty()) return;
    for (ProtectionDomain pd : c.system().allProtectionDomains()) {
      PdCode code = c.code().get(pd.name());
      if (code == null) continue;
      for (Mapping m : pd.maps()) writableButRead(c, pd, code, m, out);
      for (Irq irq : pd.irqs()) neverAcked(pd, code.uses(), irq, out);
    }
    for (Channel ch : c.system().channels()) unusedChannel(c, ch, out);
  }

  private static void writableButRead(Context c, ProtectionDomain pd, PdCode code, Mapping m,
      Findings out) {
    if (!m.writable()) return;
    MemoryRegion mr = c.region(m.mr());
    String what = "whether '" + pd.name() + "' writes region '" + m.mr() + "' (mapped \""
        + m.perms() + "\")";
    if (m.setvarVaddr() == null) {
      out.remark("cannot tell " + what + ": the map has no setvar_vaddr, so the code's access"
          + " path is not known");
      return;
    }
    long size = mr != null ? mr.size() : 0;
    SetvarAccess a = SetvarAccess.of(code, m.setvarVaddr(), m.vaddr(), size);
    switch (a.kind()) {
      case READ_ONLY -> out.add(AnaCode.ANA304, "region '" + m.mr() + "' is mapped writable"
              + " (\"" + m.perms() + "\") in '" + pd.name() + "', whose code only reads it"
              + " through '" + m.setvarVaddr() + "'", m.span())
          .note("for example: " + a.reason(), a.at())
          .hint("map it perms=\"" + m.perms().replace("w", "") + "\" so a fault in '"
              + pd.name() + "' cannot corrupt it")
          .report();
      case UNKNOWN -> out.remark("cannot tell " + what + ": " + a.reason()
          + (a.at() != null ? " (" + a.at().fileName() + ":" + a.at().line() + ")" : ""));
      case UNUSED -> out.remark("cannot tell " + what + ": its code never uses '"
          + m.setvarVaddr() + "'");
      case WRITES -> { }
    }
  }

  private static void neverAcked(ProtectionDomain pd, Uses uses, Irq irq, Findings out) {
    if (uses.neverAcks(irq.id())) {
      out.add(AnaCode.ANA306, "irq id " + irq.id() + " of '" + pd.name() + "' is never"
              + " acknowledged by its code: the interrupt is delivered once and then stays"
              + " masked", irq.span())
          .hint("call irq_ack (sel4cp_irq_ack / microkit_irq_ack) with id " + irq.id()
              + " when handling it in notified(), or remove the irq")
          .report();
    } else if (!uses.acksKnown()) {
      out.remark("cannot tell whether '" + pd.name() + "' acknowledges irq id " + irq.id()
          + ": its code passes a non-constant id to irq_ack");
    }
  }

  private static void unusedChannel(Context c, Channel ch, Findings out) {
    PdCode a = c.code().get(ch.a().pd());
    PdCode b = c.code().get(ch.b().pd());
    if (a == null || b == null) return; // one side's code unknown: nothing to say
    boolean aUnused = a.uses().neverUsesChannel(ch.a().id());
    boolean bUnused = b.uses().neverUsesChannel(ch.b().id());
    if (aUnused && bUnused) {
      out.add(AnaCode.ANA305, "channel between '" + ch.a().pd() + "' (id " + ch.a().id()
              + ") and '" + ch.b().pd() + "' (id " + ch.b().id() + ") is never used by the"
              + " code of either side: no notify, ppcall or handler names its ids", ch.span())
          .hint("remove the channel: it grants rights nothing exercises")
          .report();
    } else if (!a.uses().usesChannel(ch.a().id()) && !b.uses().usesChannel(ch.b().id())) {
      out.remark("cannot tell whether the channel between '" + ch.a().pd() + "' and '"
          + ch.b().pd() + "' is used: no constant id names it, but the code passes ids as"
          + " variables or hands notified()/protected()'s channel to other functions");
    }
  }
}
