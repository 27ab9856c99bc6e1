// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Severity;
import dev.cpkit.system.SystemDescription;
import java.util.List;

/**
 * What {@code cpkit analyse} found: located findings, and the memory and capacity summaries.
 *
 * @param system null when the input did not validate (then findings are its errors)
 * @param memory null when the input did not validate
 * @param capacity null when the input did not validate
 * @param remarks things the reader should know about the analysis itself (images not read)
 */
public record Report(String file, SystemDescription system, List<Diagnostic> findings,
    MemoryReport memory, CapacityReport capacity, List<String> remarks) {

  public Report {
    findings = List.copyOf(findings);
    remarks = List.copyOf(remarks);
  }

  /** A report of an input that did not validate: its diagnostics and nothing else. */
  public static Report invalid(String file, List<Diagnostic> diagnostics) {
    return new Report(file, null, diagnostics, null, null, List.of());
  }

  public long count(Severity severity) {
    return findings.stream().filter(d -> d.severity() == severity).count();
  }
}
