// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import dev.cpkit.diag.SourceSpan;
import java.util.List;

/** A Microkit IOMMU address space for one device. */
public record IoAddressSpace(String name, String peripheralId, Long domainId, List<IoMap> maps,
    SourceSpan span) {

  public IoAddressSpace {
    maps = List.copyOf(maps);
  }

  /** A region mapped into the device's I/O address space. */
  public record IoMap(String mr, long iovaddr, String perms, SourceSpan span) {}
}
