// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.dtb;

import java.util.ArrayList;
import java.util.List;

/**
 * One device tree property: a name and the raw bytes of its value. FDT values are untyped;
 * {@link #kind()} classifies them the way dtc and pyfdt (and so CAmkES) do.
 */
public final class Property {
  /** How a value is read: CAmkES' query results depend on this classification. */
  public enum Kind { EMPTY, STRINGS, CELLS, BYTES }

  private final String name;
  private final byte[] value;

  Property(String name, byte[] value) {
    this.name = name;
    this.value = value;
  }

  public String name() {
    return name;
  }

  /** A copy of the raw value. */
  public byte[] bytes() {
    return value.clone();
  }

  public int length() {
    return value.length;
  }

  /**
   * Empty; else a list of printable NUL-terminated strings (dtc's util_is_printable_string,
   * which pyfdt copies); else 32-bit cells when the length is a multiple of 4; else bytes.
   */
  public Kind kind() {
    if (value.length == 0) return Kind.EMPTY;
    if (printableStrings()) return Kind.STRINGS;
    return value.length % 4 == 0 ? Kind.CELLS : Kind.BYTES;
  }

  private boolean printableStrings() {
    if (value[value.length - 1] != 0) return false;
    int pos = 0;
    while (pos < value.length) {
      int start = pos;
      while (value[pos] != 0 && printable(value[pos])) pos++;
      if (value[pos] != 0 || pos == start) return false;
      pos++;
    }
    return true;
  }

  // Python's string.printable minus CR and LF: ASCII graphics, space, tab, VT, FF.
  private static boolean printable(byte b) {
    return (b >= 0x20 && b < 0x7f) || b == '\t' || b == 0x0b || b == 0x0c;
  }

  /** The value as big-endian 32-bit cells (unsigned); a trailing partial cell is ignored. */
  public long[] cells() {
    long[] cells = new long[value.length / 4];
    for (int i = 0; i < cells.length; i++) cells[i] = Fdt.u32(value, i * 4);
    return cells;
  }

  /** The cell at {@code index}, or -1 when the value is shorter. */
  public long cell(int index) {
    return value.length >= index * 4 + 4 ? Fdt.u32(value, index * 4) : -1;
  }

  /** The NUL-separated strings of the value (empty strings dropped, as pyfdt does). */
  public List<String> strings() {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= value.length; i++) {
      if (i == value.length || value[i] == 0) {
        if (i > start) out.add(new String(value, start, i - start, java.nio.charset.StandardCharsets.ISO_8859_1));
        start = i + 1;
      }
    }
    return out;
  }

  /** The first string of the value, or null when it is empty. */
  public String string() {
    List<String> s = strings();
    return s.isEmpty() ? null : s.get(0);
  }

  @Override
  public String toString() {
    return name + " (" + kind().name().toLowerCase(java.util.Locale.ROOT) + ", " + value.length + " bytes)";
  }
}
