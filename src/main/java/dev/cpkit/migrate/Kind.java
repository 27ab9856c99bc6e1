// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

/** How a CAmkES construct was mapped (MAPPING.md's three kinds). */
public enum Kind {
  /** The seL4CP output means the same thing. */
  EXACT,
  /** An equivalent structure is generated; the report says what differs. */
  APPROXIMATE,
  /** No equivalent: the report says what the user must do. */
  MANUAL;

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
