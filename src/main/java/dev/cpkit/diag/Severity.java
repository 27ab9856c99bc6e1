// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.diag;

public enum Severity {
  ERROR,
  WARNING,
  NOTE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
