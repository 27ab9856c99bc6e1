// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.system.Mapping;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.util.ArrayList;
import java.util.List;

/** Every address space of a system: one per PD, one per virtual machine (its guest). */
final class AddressSpaces {
  private AddressSpaces() {}

  /**
   * @param owner the PD's name (for a VM, the VM's name)
   * @param pd the PD, or for a VM the PD that manages it
   */
  record Space(String owner, String what, boolean vm, ProtectionDomain pd, List<Mapping> maps) {
    String describe() {
      return what + " '" + owner + "'";
    }
  }

  static List<Space> of(SystemDescription s) {
    List<Space> out = new ArrayList<>();
    for (ProtectionDomain pd : s.allProtectionDomains()) {
      out.add(new Space(pd.name(), "protection domain", false, pd, pd.maps()));
      if (pd.virtualMachine() != null) {
        out.add(new Space(pd.virtualMachine().name(), "virtual machine", true, pd,
            pd.virtualMachine().maps()));
      }
    }
    return out;
  }
}
