// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.diag;

import java.util.List;

/** JSON Lines: one object per diagnostic, for editors and CI. Columns are 1-based. */
public final class JsonRenderer {

  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append('{');
      field(out, "severity", d.severity().label()).append(',');
      field(out, "code", d.code()).append(',');
      field(out, "message", d.message()).append(',');
      location(out, d.span(), true);
      out.append(",\"notes\":[");
      for (int i = 0; i < d.notes().size(); i++) {
        Diagnostic.Note n = d.notes().get(i);
        if (i > 0) out.append(',');
        out.append('{');
        field(out, "message", n.message());
        if (n.span() != null) {
          out.append(',');
          location(out, n.span(), false);
        }
        out.append('}');
      }
      out.append("]}\n");
    }
    return out.toString();
  }

  private static void location(StringBuilder out, SourceSpan span, boolean withEnd) {
    if (span == null) {
      out.append("\"file\":null,\"line\":null,\"column\":null");
      if (withEnd) out.append(",\"endLine\":null,\"endColumn\":null");
      return;
    }
    field(out, "file", span.fileName()).append(',');
    out.append("\"line\":").append(span.line()).append(",\"column\":").append(span.column());
    if (withEnd) {
      out.append(",\"endLine\":").append(span.endLine())
          .append(",\"endColumn\":").append(span.endColumn());
    }
  }

  private static StringBuilder field(StringBuilder out, String name, String value) {
    out.append('"').append(name).append("\":");
    if (value == null) return out.append("null");
    return quote(out, value);
  }

  /** Appends a JSON string literal. */
  public static StringBuilder quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"');
  }
}
