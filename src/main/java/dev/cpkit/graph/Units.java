// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

/** Sizes and addresses written the way people read them in SDFs and reviews. */
public final class Units {
  private Units() {}

  /** {@code 4 KiB}, {@code 2 MiB}, {@code 1.5 MiB}, or bytes when not a round unit. */
  public static String size(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) return bytes + " B";
    int u = 0;
    double v = bytes;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    if (v == Math.rint(v)) return (long) v + " " + units[u];
    // Two decimals, trailing zeros dropped; "~" says a small remainder was rounded away.
    String t = String.format(java.util.Locale.ROOT, "%.2f", v).replaceAll("0+$", "")
        .replaceAll("\\.$", "");
    return (t.contains(".") ? "" : "~") + t + " " + units[u];
  }

  public static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }
}
