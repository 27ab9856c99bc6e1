// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who can touch what, as two tables for security review: address spaces (PDs and VMs) ×
 * memory regions with the permissions of each map, and PDs × PDs with the rights the row PD
 * holds over the column PD (notify, protected call, parent of).
 *
 * @param subjects row names: every PD, then each VM as {@code vm (VM of pd)}
 * @param subjectIds graph node ids of the rows
 * @param pds names of every PD (rows and columns of the PD matrix)
 */
public record AccessMatrix(List<String> subjects, List<String> subjectIds,
    List<String> regions, Map<String, Map<String, String>> regionAccess, List<String> pds,
    Map<String, Map<String, String>> pdAccess) {

  public static AccessMatrix of(SystemDescription s) {
    List<String> subjects = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Map<String, Map<String, String>> regionAccess = new LinkedHashMap<>();
    List<String> pds = new ArrayList<>();
    for (ProtectionDomain pd : s.allProtectionDomains()) {
      pds.add(pd.name());
      subjects.add(pd.name());
      ids.add(GraphBuilder.pdId(pd.name()));
      regionAccess.put(pd.name(), cells(pd.maps()));
      if (pd.virtualMachine() != null) {
        String label = pd.virtualMachine().name() + " (VM of " + pd.name() + ")";
        subjects.add(label);
        ids.add(GraphBuilder.vmId(pd.virtualMachine().name()));
        regionAccess.put(label, cells(pd.virtualMachine().maps()));
      }
    }
    List<String> regions = s.memoryRegions().stream().map(MemoryRegion::name).toList();
    Map<String, Map<String, String>> pdAccess = new LinkedHashMap<>();
    for (String pd : pds) pdAccess.put(pd, new LinkedHashMap<>());
    for (Links.Link l : Links.of(s)) {
      String right = (l.kind() == Links.Kind.NOTIFY ? "notify" : "call") + " " + l.fromId();
      pdAccess.get(l.from()).merge(l.to(), right, (x, y) -> x + ", " + y);
    }
    for (ProtectionDomain pd : s.allProtectionDomains()) {
      for (ProtectionDomain c : pd.children()) {
        pdAccess.get(pd.name()).merge(c.name(), "parent", (x, y) -> x + ", " + y);
      }
    }
    return new AccessMatrix(subjects, ids, regions, regionAccess, pds, pdAccess);
  }

  /** Region name to the perms of its maps ({@code rw}, {@code r uncached}; several joined). */
  private static Map<String, String> cells(List<Mapping> maps) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Mapping m : maps) {
      String cell = m.perms() + (m.cached() ? "" : " uncached");
      out.merge(m.mr(), cell, (x, y) -> x + ", " + y);
    }
    return out;
  }
}
