// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

/**
 * Bytes the loader copies to a physical address at boot. {@code data} may be shared.
 * {@code offset} is the fork's: a PD-ELF segment's distance from its page-aligned start, put
 * before the data as zeros in the image and shown in the report; -1 for sel4cp 1.2.6, which
 * has neither.
 */
public record LoaderRegion(String name, long addr, byte[] data, long offset) {
  public LoaderRegion(String name, long addr, byte[] data) {
    this(name, addr, data, -1);
  }

  /** The data as the loader gets it: the fork's offset zeros, then the segment. */
  public byte[] loaded() {
    if (offset <= 0) return data;
    byte[] out = new byte[(int) offset + data.length];
    System.arraycopy(data, 0, out, (int) offset, data.length);
    return out;
  }

  /** The reference's repr, printed in the report's "Loader Regions" section. */
  @Override
  public String toString() {
    return "<Region name=" + name + " addr=0x" + Long.toHexString(addr)
        + (offset < 0 ? "" : " offset=0x" + Long.toHexString(offset)) + " size=" + data.length
        + ">";
  }
}
