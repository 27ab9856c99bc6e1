// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Turns CAmkES names into names that are valid in C, Make and the SDF. */
final class Names {
  private Names() {}

  /** A C identifier: characters outside {@code [A-Za-z0-9_]} become {@code _}. */
  static String identifier(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
    }
    if (b.length() == 0 || Character.isDigit(b.charAt(0))) b.insert(0, '_');
    return b.toString();
  }

  /** An upper-case macro name for C constants. */
  static String macro(String s) {
    return identifier(s).toUpperCase(Locale.ROOT);
  }

  /**
   * Shortens a PD name to {@code limit} bytes deterministically: the start of the name, an
   * underscore and four hex digits of a hash of the whole name, so that two long names with
   * the same start stay distinct.
   */
  static String shorten(String name, int limit) {
    if (name.getBytes(StandardCharsets.UTF_8).length <= limit) return name;
    int h = 0x811c9dc5; // FNV-1a: a fixed, documented hash (docs/migrate.md)
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    String tail = String.format("_%04x", (h ^ (h >>> 16)) & 0xffff);
    return name.substring(0, limit - tail.length()) + tail;
  }
}
