// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.diag;

import java.util.List;

/**
 * Renders diagnostics for a person: {@code file:line:col: error[CODE]: message}, the source
 * line with a caret under the span, then notes and hints.
 */
public final class HumanRenderer {
  private final boolean showSource;

  public HumanRenderer(boolean showSource) {
    this.showSource = showSource;
  }

  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) render(d, out);
    long errors = 0;
    long warnings = 0;
    for (Diagnostic d : diagnostics) {
      if (d.isError()) errors++;
      if (d.severity() == Severity.WARNING) warnings++;
    }
    if (errors > 0 || warnings > 0) {
      out.append(plural(errors, "error")).append(", ").append(plural(warnings, "warning"))
          .append('\n');
    }
    return out.toString();
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  void render(Diagnostic d, StringBuilder out) {
    SourceSpan span = d.span();
    if (span != null) out.append(span.fileName()).append(':').append(span.line()).append(':')
        .append(span.column()).append(": ");
    out.append(d.severity().label()).append('[').append(d.code()).append("]: ")
        .append(d.message()).append('\n');
    if (showSource && span != null && span.origin() == null && span.isKnown()) {
      snippet(span, out);
    }
    for (Diagnostic.Note note : d.notes()) {
      if (note.span() != null) {
        out.append("  note: ").append(note.span()).append(": ").append(note.message()).append('\n');
      } else {
        out.append("  = hint: ").append(note.message()).append('\n');
      }
    }
  }

  private static void snippet(SourceSpan span, StringBuilder out) {
    int line = span.line();
    String text = span.file().line(line);
    if (text.length() > 200) return; // a minified file: the caret would not help
    String number = Integer.toString(line);
    String gutter = " ".repeat(number.length());
    out.append(' ').append(number).append(" | ").append(text.replace('\t', ' ')).append('\n');
    int col = span.file().utf16ColumnOf(span.start()) - 1;
    int width = span.endLine() == line
        ? Math.max(1, span.file().utf16ColumnOf(span.end()) - 1 - col) : 1;
    width = Math.max(1, Math.min(width, text.length() - col));
    out.append(' ').append(gutter).append(" | ").append(" ".repeat(Math.max(0, col)))
        .append('^').append("~".repeat(width - 1)).append('\n');
  }
}
