// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.diag;

import java.util.List;

/**
 * Renders diagnostics exactly as the reference tool would print them: the first error only
 * (the reference tools stop there), or, when there is no error, the warnings the reference
 * prints. Diagnostics the reference tool does not produce (cpkit's own) are left out, so the
 * output can replace the reference tool's in scripts.
 */
public final class ReferenceRenderer {
  private final ReferenceText.LocationStyle style;

  public ReferenceRenderer(ReferenceText.LocationStyle style) {
    this.style = style;
  }

  /** Output split by stream, as the reference tool writes it. */
  public record Output(String stdout, String stderr) {}

  public Output render(List<Diagnostic> diagnostics) {
    StringBuilder stdout = new StringBuilder();
    StringBuilder stderr = new StringBuilder();
    Diagnostic firstError = diagnostics.stream()
        .filter(d -> d.isError() && d.reference() != null)
        .findFirst()
        .orElse(null);
    if (firstError != null) {
      append(firstError, stdout, stderr);
    } else {
      for (Diagnostic d : diagnostics) {
        if (d.reference() != null && d.severity() == Severity.WARNING) append(d, stdout, stderr);
      }
    }
    return new Output(stdout.toString(), stderr.toString());
  }

  public String text(Diagnostic d) {
    return d.reference().render(d.message(), style);
  }

  private void append(Diagnostic d, StringBuilder stdout, StringBuilder stderr) {
    (d.reference().toStderr() ? stderr : stdout).append(text(d)).append('\n');
  }
}
