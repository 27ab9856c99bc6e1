// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.dtb;

/** One {@code reg} entry: a physical address (translated to the CPU's view) and a size. */
public record Reg(long address, long size) {
  @Override
  public String toString() {
    return "0x" + Long.toHexString(address) + "+0x" + Long.toHexString(size);
  }
}
