// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.graph.Links;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Least privilege, as far as the SDF alone tells: channels that carry nothing, regions with
 * several writers, and sel4cp protected procedures open to every channel partner. Whether a
 * PD ever writes a region it maps writable, uses a channel or acks an irq needs its C code.
 */
final class PrivilegeCheck implements Check {

  @Override
  public void run(Context c, Findings out) {
    deadChannels(c, out);
    writers(c, out);
    if (c.system().dialect().isPython()) openProcedures(c, out);
  }

  private static void deadChannels(Context c, Findings out) {
    for (Channel ch : c.system().channels()) {
      boolean used = false;
      for (Links.Link l : c.links()) if (l.channel() == ch) used = true;
      if (used) continue;
      out.add(AnaCode.ANA301, "channel between '" + ch.a().pd() + "' and '" + ch.b().pd()
              + "' allows neither notifications nor calls in either direction", ch.span())
          .hint("both ends have notify=\"false\" and no pp; remove the channel, or say which"
              + " end may notify or call")
          .report();
    }
  }

  private static void writers(Context c, Findings out) {
    Map<String, List<Mapping>> writable = new LinkedHashMap<>();
    Map<String, Set<String>> owners = new LinkedHashMap<>();
    for (AddressSpaces.Space space : AddressSpaces.of(c.system())) {
      for (Mapping m : space.maps()) {
        if (!m.writable()) continue;
        writable.computeIfAbsent(m.mr(), k -> new ArrayList<>()).add(m);
        owners.computeIfAbsent(m.mr(), k -> new LinkedHashSet<>()).add(space.describe());
      }
    }
    for (Map.Entry<String, Set<String>> e : owners.entrySet()) {
      if (e.getValue().size() < 2) continue;
      MemoryRegion mr = c.region(e.getKey());
      List<Mapping> maps = writable.get(e.getKey());
      Findings.Builder b = out.add(AnaCode.ANA302, "region '" + e.getKey() + "' is writable"
          + " by " + e.getValue().size() + " address spaces: " + String.join(", ",
              e.getValue()), maps.get(1).span());
      b.note("writable here too", maps.get(0).span());
      if (mr != null) b.note("the region is declared here", mr.span());
      b.hint("if data flows one way, map the region read-only (perms=\"r\") where it is only"
          + " read, so a fault in the reader cannot corrupt it").report();
    }
  }

  private static void openProcedures(Context c, Findings out) {
    for (ProtectionDomain pd : c.system().allProtectionDomains()) {
      if (!pd.pp()) continue;
      Set<String> callers = new LinkedHashSet<>();
      for (Links.Link l : c.links(Links.Kind.PPCALL)) {
        if (l.to().equals(pd.name())) callers.add("'" + l.from() + "'");
      }
      if (callers.size() < 2) continue;
      out.add(AnaCode.ANA303, "every channel partner of '" + pd.name() + "' may call it: "
              + String.join(", ", callers), pd.span())
          .hint("in " + c.system().dialect() + ", pp is an attribute of the PD, so each"
              + " channel to it grants a call right; Microkit grants it per channel end")
          .report();
    }
  }
}
