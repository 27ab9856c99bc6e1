// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects diagnostics in the order passes report them; passes keep going after an error. */
public final class DiagnosticSink {
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int errors;

  public void report(Diagnostic d) {
    diagnostics.add(d);
    if (d.isError()) errors++;
  }

  public void addAll(List<Diagnostic> ds) {
    for (Diagnostic d : ds) report(d);
  }

  public List<Diagnostic> diagnostics() {
    return Collections.unmodifiableList(diagnostics);
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  public int errorCount() {
    return errors;
  }

}
