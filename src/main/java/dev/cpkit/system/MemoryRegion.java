// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import dev.cpkit.diag.SourceSpan;

/**
 * A memory region.
 *
 * @param pageSize the page size in force (after Microkit's automatic promotion to 2 MiB)
 * @param pageSizeGiven whether the SDF named the page size (the writer keeps it then)
 * @param physAddr fixed physical address, or null when the tool allocates one
 * @param prefillPath Microkit: file whose contents fill the region, or null
 * @param prefillBootinfo Microkit: boot-info type filling the region, or null
 */
public record MemoryRegion(
    String name,
    long size,
    boolean sizeGiven,
    long pageSize,
    boolean pageSizeGiven,
    Long physAddr,
    String prefillPath,
    String prefillBootinfo,
    SourceSpan span) {

  public long pageCount() {
    return pageSize == 0 ? 0 : size / pageSize;
  }
}
