// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds CAmkES diagnostics. Every code used by the front end is listed in docs/camkes.md;
 * CAmkES has no reference-tool output format, so {@code reference} is always null.
 */
final class Diags {
  private Diags() {}

  static Diagnostic error(String code, String message, SourceSpan span, Diagnostic.Note... notes) {
    return make(Severity.ERROR, code, message, span, notes);
  }

  static Diagnostic warning(String code, String message, SourceSpan span,
      Diagnostic.Note... notes) {
    return make(Severity.WARNING, code, message, span, notes);
  }

  private static Diagnostic make(Severity severity, String code, String message, SourceSpan span,
      Diagnostic.Note... notes) {
    List<Diagnostic.Note> all = new ArrayList<>();
    for (Diagnostic.Note n : notes) if (n != null) all.add(n);
    if (span != null && span.origin() != null && span.origin().macro() != null) {
      all.add(Diagnostic.Note.hint("in expansion of macro '" + span.origin().macro() + "'"));
    }
    return new Diagnostic(severity, code, message, span, all, null);
  }

  /** A "did you mean" hint, or null when nothing is close. */
  static Diagnostic.Note didYouMean(String word, java.util.Collection<String> candidates) {
    String best = dev.cpkit.diag.Spelling.closest(word, candidates);
    return best == null ? null : Diagnostic.Note.hint("did you mean '" + best + "'?");
  }
}
