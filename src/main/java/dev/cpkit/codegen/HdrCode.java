// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.codegen;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceSpan;
import java.util.List;

/** Stable codes of {@code cpkit headers}; listed in docs/headers.md. Never renumber. */
public enum HdrCode {
  HDR001("two constants of one header would get the same name"),
  HDR002("a setvar symbol that is not a C identifier"),
  HDR003("two protection domains whose output files would have the same name");

  private final String summary;

  HdrCode(String summary) {
    this.summary = summary;
  }

  public String summary() {
    return summary;
  }

  Diagnostic error(String message, SourceSpan span, List<Diagnostic.Note> notes) {
    return new Diagnostic(Severity.ERROR, name(), message, span, notes, null);
  }
}
