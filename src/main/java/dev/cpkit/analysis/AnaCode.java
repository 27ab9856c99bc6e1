// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.diag.Severity;

/**
 * Stable codes of {@code cpkit analyse}, each explained in docs/analysis.md (a test keeps the
 * page in step). The hundreds are the areas: 0 protected calls, 1 scheduling (MCS), 2 address
 * spaces, 3 least privilege, 4 physical memory, 5 capacity. Never renumber.
 */
public enum AnaCode {
  ANA001(Severity.ERROR, "a protected procedure call to a PD of equal or lower priority"),
  ANA002(Severity.ERROR, "protected procedure calls that form a cycle"),
  ANA003(Severity.ERROR, "a passive PD that nothing can ever run"),
  ANA101(Severity.ERROR, "a core whose budgets add up to more than 100%"),
  ANA102(Severity.WARNING, "a PD starved by the budgets of higher-priority PDs"),
  ANA103(Severity.NOTE, "a full (unenforced) budget above lower-priority PDs"),
  ANA201(Severity.ERROR, "maps that overlap in one address space"),
  ANA202(Severity.ERROR, "a map that overlaps the PD's program image"),
  ANA203(Severity.WARNING, "a writable and executable map"),
  ANA204(Severity.WARNING, "a device region mapped cached"),
  ANA205(Severity.WARNING, "one region mapped cached in one place and uncached in another"),
  ANA301(Severity.WARNING, "a channel over which nothing can be sent"),
  ANA302(Severity.NOTE, "a region writable by more than one address space"),
  ANA303(Severity.NOTE, "a protected procedure every channel partner may call"),
  ANA304(Severity.WARNING, "a region mapped writable in a PD whose code only reads it"),
  ANA305(Severity.WARNING, "a channel the code of neither end uses"),
  ANA306(Severity.WARNING, "an irq the PD's code never acknowledges"),
  ANA401(Severity.ERROR, "fixed-address regions that overlap physically"),
  ANA402(Severity.ERROR, "more memory needed than the board's free RAM"),
  ANA403(Severity.WARNING, "a fixed-address region partly inside RAM"),
  ANA404(Severity.WARNING, "a fixed-address region on memory the kernel or firmware keeps"),
  ANA405(Severity.ERROR, "the image builder cannot build the system with the SDK given"),
  ANA501(Severity.WARNING, "a PD close to its limit of channel and irq ids"),
  ANA502(Severity.WARNING, "a system close to its limit of protection domains");

  private final Severity severity;
  private final String summary;

  AnaCode(Severity severity, String summary) {
    this.severity = severity;
    this.summary = summary;
  }

  public Severity severity() {
    return severity;
  }

  public String summary() {
    return summary;
  }
}
