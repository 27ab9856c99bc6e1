// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceSpan;
import java.util.List;

/** Stable codes of {@code cpkit lint-c}; listed in docs/lint-c.md. Never renumber. */
public enum LintCode {
  LNT001(Severity.ERROR, "notify of an id that is not a channel of the PD"),
  LNT002(Severity.ERROR, "notify of an irq id"),
  LNT003(Severity.ERROR, "ppcall over a channel whose peer does not accept protected calls"),
  LNT004(Severity.ERROR, "ppcall to a peer whose priority is not strictly higher"),
  LNT005(Severity.ERROR, "irq_ack of an id that is not an irq of the PD"),
  LNT006(Severity.ERROR, "a case label in notified() or protected() that handles nothing"),
  LNT007(Severity.WARNING, "a channel or irq that notified() never handles"),
  LNT008(Severity.ERROR, "protected() defined in a PD that receives no protected calls"),
  LNT009(Severity.ERROR, "protected() missing in a PD that receives protected calls"),
  LNT010(Severity.WARNING, "a variable declared like a setvar symbol that the SDF never sets"),
  LNT011(Severity.WARNING, "a setvar symbol the SDF sets that no source defines"),
  LNT012(Severity.ERROR, "notify over a channel end with notify=\"false\"");

  private final Severity severity;
  private final String summary;

  LintCode(Severity severity, String summary) {
    this.severity = severity;
    this.summary = summary;
  }

  public String summary() {
    return summary;
  }

  public Severity severity() {
    return severity;
  }

  Diagnostic at(SourceSpan span, String message, String... hints) {
    List<Diagnostic.Note> notes = new java.util.ArrayList<>();
    for (String h : hints) if (h != null) notes.add(Diagnostic.Note.hint(h));
    return new Diagnostic(severity, name(), message, span, notes, null);
  }
}
