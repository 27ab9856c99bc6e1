// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.dtb;

import java.util.ArrayList;
import java.util.List;

/**
 * An interrupt as CAmkES numbers it on Arm (camkes-tool's parse_dtb_node_interrupts): the
 * {@code interrupts} property is read as GIC triples (type, number, flags) whatever the
 * controller's {@code #interrupt-cells}; a shared peripheral interrupt (type 0) gets 32 added,
 * other types keep their number; flags below 4 (edge-triggered) mean {@code edge}.
 */
public record Interrupt(long number, boolean edge) {

  /**
   * The node's interrupts in CAmkES' Arm numbering; {@code interrupts-extended} is read the
   * same way after skipping its first cell (the controller phandle), as CAmkES does.
   */
  public static List<Interrupt> camkesArm(Node node) {
    Property p = node.property("interrupts");
    int skip = 0;
    if (p == null) {
      p = node.property("interrupts-extended");
      skip = 1;
    }
    List<Interrupt> out = new ArrayList<>();
    if (p == null) return out;
    long[] cells = p.cells();
    int count = (cells.length) / (3 + skip);
    for (int i = 0; i < count; i++) {
      long type = cells[i * 3 + skip];
      long number = cells[i * 3 + 1 + skip];
      long flags = cells[i * 3 + 2 + skip];
      out.add(new Interrupt(type == 0 ? number + 32 : number, flags < 4));
    }
    return out;
  }
}
