// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import dev.cpkit.diag.SourceSpan;

/**
 * A {@code <map>} of a memory region into a PD (or VM) address space.
 *
 * @param perms the perms string as written ({@code rw} by default)
 * @param setvarVaddr symbol patched with the vaddr, or null
 * @param setvarSize Microkit: symbol patched with the region size, or null
 * @param setvarPrefillSize Microkit: symbol patched with the prefill size, or null
 */
public record Mapping(
    String mr,
    long vaddr,
    String perms,
    boolean cached,
    String setvarVaddr,
    String setvarSize,
    String setvarPrefillSize,
    SourceSpan span) {

  public boolean readable() {
    return perms.indexOf('r') >= 0;
  }

  public boolean writable() {
    return perms.indexOf('w') >= 0;
  }

  public boolean executable() {
    return perms.indexOf('x') >= 0;
  }
}
