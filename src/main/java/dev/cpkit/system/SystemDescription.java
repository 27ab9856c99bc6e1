// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import dev.cpkit.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated system: the one model in the middle that every back end consumes. It holds the
 * union of what the dialects can express; fields a dialect lacks keep their defaults.
 *
 * @param protectionDomains top-level protection domains in document order (children nested)
 */
public record SystemDescription(
    Dialect dialect,
    Board board,
    List<MemoryRegion> memoryRegions,
    List<ProtectionDomain> protectionDomains,
    List<Channel> channels,
    List<IoAddressSpace> ioAddressSpaces,
    Domains domains,
    SourceSpan span) {

  public SystemDescription {
    memoryRegions = List.copyOf(memoryRegions);
    protectionDomains = List.copyOf(protectionDomains);
    channels = List.copyOf(channels);
    ioAddressSpaces = List.copyOf(ioAddressSpaces);
  }

  /** Every protection domain, parents before their children (pre-order). */
  public List<ProtectionDomain> allProtectionDomains() {
    List<ProtectionDomain> out = new ArrayList<>();
    for (ProtectionDomain pd : protectionDomains) pd.collect(out);
    return out;
  }

  public ProtectionDomain protectionDomain(String name) {
    for (ProtectionDomain pd : allProtectionDomains()) if (pd.name().equals(name)) return pd;
    return null;
  }

  public MemoryRegion memoryRegion(String name) {
    for (MemoryRegion mr : memoryRegions) if (mr.name().equals(name)) return mr;
    return null;
  }
}
