// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

/**
 * Warns before a limit is hit: a PD using 90% of its channel/irq ids, or a system with 90% of
 * the PDs it may have. The reference tools reject a system past a limit; the last few ids or
 * PDs are the hard part of growing a design (seL4/microkit#526).
 */
final class CapacityCheck implements Check {
  static final double NEAR = 0.9;

  @Override
  public void run(Context c, Findings out) {
    CapacityReport cap = CapacityReport.of(c.system());
    for (CapacityReport.Ids ids : cap.ids()) {
      if (ids.used() >= Math.ceil(cap.idLimit() * NEAR)) {
        out.add(AnaCode.ANA501, "'" + ids.pd() + "' uses " + ids.used() + " of its "
                + cap.idLimit() + " channel and irq ids", ids.domain().span())
            .hint("channel and irq ids are bits of one notification badge; split the PD or"
                + " multiplex several devices or clients over one channel")
            .report();
      }
    }
    if (cap.pds() >= Math.ceil(cap.pdLimit() * NEAR)) {
      out.add(AnaCode.ANA502, "the system has " + cap.pds() + " of the " + cap.pdLimit()
              + " protection domains it may have", c.system().span())
          .hint("the monitor's tables hold " + cap.pdLimit() + " PDs; merge PDs that need not"
              + " be isolated from each other")
          .report();
    }
  }
}
