// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import dev.cpkit.diag.ReferenceText;

/** The SDF dialects cpkit reads, each the language of one reference tool. */
public enum Dialect {
  /** Upstream seL4 Core Platform 1.2.6 (seL4/microkit@e6f235e, the Python tool). */
  SEL4CP("sel4cp", ReferenceText.LocationStyle.PYTHON),
  /** The community dev line (Ivan-Velickovic/sel4cp@3902541): child PDs, VMs, cpu, trigger. */
  SEL4CP_DEV("sel4cp-dev", ReferenceText.LocationStyle.PYTHON),
  /** Today's Microkit (seL4/microkit@cfd5216, the Rust tool). */
  MICROKIT("microkit", ReferenceText.LocationStyle.RUST);

  private final String id;
  private final ReferenceText.LocationStyle locationStyle;

  Dialect(String id, ReferenceText.LocationStyle locationStyle) {
    this.id = id;
    this.locationStyle = locationStyle;
  }

  public String id() {
    return id;
  }

  public ReferenceText.LocationStyle locationStyle() {
    return locationStyle;
  }

  /** Whether the reference tool is the Python one (sel4cp, sel4cp-dev). */
  public boolean isPython() {
    return this != MICROKIT;
  }

  public static Dialect byId(String id) {
    for (Dialect d : values()) if (d.id.equals(id)) return d;
    return null;
  }

  @Override
  public String toString() {
    return id;
  }
}
