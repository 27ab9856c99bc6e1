// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.Irq;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How much of the fixed limits a system uses: channel and irq ids per PD (they share one
 * space: each is a bit of the PD's notification badge) and the number of PDs.
 *
 * @param idLimit ids per PD: sel4cp and Microkit accept 0..62, sel4cp-dev 0..63
 * @param pdLimit PDs per system (63 in every dialect: the monitor's tables)
 */
public record CapacityReport(int pds, int pdLimit, List<Ids> ids, int idLimit) {

  public record Ids(String pd, int used, ProtectionDomain domain) {}

  static CapacityReport of(SystemDescription s) {
    List<Ids> ids = new ArrayList<>();
    for (ProtectionDomain pd : s.allProtectionDomains()) {
      TreeSet<Integer> used = new TreeSet<>();
      for (Irq irq : pd.irqs()) used.add(irq.id());
      for (Channel c : s.channels()) {
        if (c.a().pd().equals(pd.name())) used.add(c.a().id());
        if (c.b().pd().equals(pd.name())) used.add(c.b().id());
      }
      ids.add(new Ids(pd.name(), used.size(), pd));
    }
    int idLimit = s.dialect() == Dialect.SEL4CP_DEV ? 64 : 63;
    return new CapacityReport(ids.size(), 63, ids, idLimit);
  }
}
