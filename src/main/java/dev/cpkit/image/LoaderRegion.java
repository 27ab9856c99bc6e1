// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

/** Bytes the loader copies to a physical address at boot. {@code data} may be shared. */
public record LoaderRegion(String name, long addr, byte[] data) {
  /** The reference's repr, printed in the report's "Loader Regions" section. */
  @Override
  public String toString() {
    return "<Region name=" + name + " addr=0x" + Long.toHexString(addr) + " size=" + data.length
        + ">";
  }
}
