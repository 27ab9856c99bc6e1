// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.diag;

import java.util.List;

/**
 * One finding about the input, as data.
 *
 * @param code stable identifier (e.g. {@code SDF012}); documented in docs/diagnostics.md
 * @param message the text a person reads; identical to the reference tool's wording where the
 *     reference reports the same problem
 * @param span where the problem is
 * @param notes secondary locations and hints ("did you mean 'pd2'?")
 * @param reference how the reference tool prints this diagnostic, or null when the reference
 *     tool does not report it (cpkit's own warnings). Used by the {@code sel4cp} format.
 */
public record Diagnostic(
    Severity severity,
    String code,
    String message,
    SourceSpan span,
    List<Note> notes,
    ReferenceText reference) {

  public Diagnostic {
    notes = List.copyOf(notes);
  }

  /** A secondary message, optionally located. */
  public record Note(String message, SourceSpan span) {
    public static Note hint(String message) {
      return new Note(message, null);
    }
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public Diagnostic withNote(Note note) {
    var all = new java.util.ArrayList<>(notes);
    all.add(note);
    return new Diagnostic(severity, code, message, span, all, reference);
  }
}
