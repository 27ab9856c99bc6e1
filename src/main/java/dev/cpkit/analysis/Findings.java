// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/** Collects findings as diagnostics, so that the existing renderers print them. */
final class Findings {
  private final List<Diagnostic> out = new ArrayList<>();
  private final List<String> remarks = new ArrayList<>();

  /** Something the reader should know about the analysis itself (what it could not tell). */
  void remark(String text) {
    remarks.add(text);
  }

  List<String> remarks() {
    return remarks;
  }

  /** Starts a finding; {@link Builder#report()} adds it. */
  Builder add(AnaCode code, String message, SourceSpan span) {
    return new Builder(code, message, span);
  }

  List<Diagnostic> all() {
    return out;
  }

  final class Builder {
    private final AnaCode code;
    private final String message;
    private final SourceSpan span;
    private final List<Diagnostic.Note> notes = new ArrayList<>();

    private Builder(AnaCode code, String message, SourceSpan span) {
      this.code = code;
      this.message = message;
      this.span = span;
    }

    Builder note(String message, SourceSpan at) {
      notes.add(new Diagnostic.Note(message, at));
      return this;
    }

    Builder hint(String message) {
      notes.add(Diagnostic.Note.hint(message));
      return this;
    }

    void report() {
      out.add(new Diagnostic(code.severity(), code.name(), message, span, notes, null));
    }
  }
}
