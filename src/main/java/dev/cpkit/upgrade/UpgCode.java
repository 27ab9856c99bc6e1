// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.upgrade;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceSpan;
import java.util.List;

/**
 * Stable codes of {@code cpkit upgrade}'s C rewriting; listed in docs/upgrade.md. Never
 * renumber. (The SDF part reports with the converter's SDF109 / SDF110.)
 */
public enum UpgCode {
  UPG001(Severity.NOTE, "a sel4cp name rewritten to its Microkit counterpart"),
  UPG002(Severity.NOTE, "#include of sel4cp.h rewritten to microkit.h"),
  UPG003(Severity.WARNING, "a sel4cp API with no Microkit counterpart: needs a person"),
  UPG004(Severity.WARNING, "a rewritten name whose meaning changed: needs review"),
  UPG005(Severity.NOTE, "#include of stdint.h or stdbool.h added (microkit.h no longer includes them)"),
  UPG006(Severity.WARNING, "a sel4cp name cpkit does not know: needs a person");

  private final Severity severity;
  private final String summary;

  UpgCode(Severity severity, String summary) {
    this.severity = severity;
    this.summary = summary;
  }

  public String summary() {
    return summary;
  }

  public Severity severity() {
    return severity;
  }

  Diagnostic at(SourceSpan span, String message) {
    return new Diagnostic(severity, name(), message, span, List.of(), null);
  }
}
