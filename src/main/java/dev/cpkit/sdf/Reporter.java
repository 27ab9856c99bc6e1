// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.ReferenceText;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.sdf.xml.XmlAttribute;
import dev.cpkit.sdf.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds diagnostics for one SDF file: the message a person reads, the span cpkit points at
 * (often an attribute), and the reference tool's own text and location (always an element).
 */
final class Reporter {
  final SourceFile file;
  final DiagnosticSink sink;
  private final boolean stderr;

  Reporter(SourceFile file, DiagnosticSink sink, boolean referenceWritesStderr) {
    this.file = file;
    this.sink = sink;
    this.stderr = referenceWritesStderr;
  }

  /** The span of an element's start: {@code <tag}. */
  SourceSpan at(XmlElement e) {
    return file.span(e.start(), e.nameEnd());
  }

  /** The span of an attribute: {@code name="value"}. */
  SourceSpan at(XmlAttribute a) {
    return file.span(a.nameStart(), a.valueEnd() + 1);
  }

  /** The span of an attribute's value. */
  SourceSpan valueOf(XmlAttribute a) {
    return file.span(a.valueStart(), a.valueEnd());
  }

  /** The attribute's value span when present, else the element. */
  SourceSpan focus(XmlElement e, String attr) {
    XmlAttribute a = attr == null ? null : e.attribute(attr);
    return a == null ? at(e) : valueOf(a);
  }

  /** Starts a diagnostic. */
  Builder error(Code code, String message) {
    return new Builder(Severity.ERROR, code, message);
  }

  Builder warning(Code code, String message) {
    return new Builder(Severity.WARNING, code, message);
  }

  /** Fluent construction: span, reference form, notes, then {@link #report()}. */
  final class Builder {
    private final Severity severity;
    private final Code code;
    private final String message;
    private SourceSpan span;
    private String template;
    private SourceSpan refLocation;
    private final List<Diagnostic.Note> notes = new ArrayList<>();
    private boolean stdout;

    Builder(Severity severity, Code code, String message) {
      this.severity = severity;
      this.code = code;
      this.message = message;
    }

    Builder span(SourceSpan s) {
      this.span = s;
      return this;
    }

    /** The reference tool prints {@code template} ({@code {msg}}, {@code {loc}}) at {@code loc}. */
    Builder reference(String template, SourceSpan loc) {
      this.template = template;
      this.refLocation = loc;
      return this;
    }

    /** The common form {@code Error: MSG on element 'TAG': LOC(element)}. */
    Builder onElement(XmlElement e) {
      if (span == null) span = at(e);
      return reference("Error: {msg} on element '" + e.tag() + "': {loc}", at(e));
    }

    /** The reference tool prints this one on stdout (Microkit's warnings use println!). */
    Builder toStdout() {
      this.stdout = true;
      return this;
    }

    Builder note(String text, SourceSpan where) {
      notes.add(new Diagnostic.Note(text, where));
      return this;
    }

    Builder hint(String text) {
      if (text != null) notes.add(Diagnostic.Note.hint(text));
      return this;
    }

    Diagnostic build() {
      ReferenceText ref = template == null ? null
          : new ReferenceText(template, refLocation, stderr && !stdout);
      return new Diagnostic(severity, code.name(), message, span, notes, ref);
    }

    void report() {
      sink.report(build());
    }
  }
}
