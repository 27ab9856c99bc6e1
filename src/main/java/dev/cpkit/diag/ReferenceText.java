// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.diag;

/**
 * The exact text a reference tool prints for a diagnostic, with {@code {loc}} standing for
 * the location, which is written in the reference tool's own format ({@code FILE:LINE.COL}
 * with a 0-based column for the Python sel4cp tools, {@code FILE:LINE:COL} for Microkit).
 *
 * @param template the text, e.g. {@code "Error: {msg} on element 'map': {loc}"}
 * @param location what {@code {loc}} stands for: where the reference tool points, which is
 *     often coarser than the diagnostic's own span (the element, not the attribute)
 * @param toStderr whether the reference tool writes it to stderr (Microkit) or stdout
 */
public record ReferenceText(String template, SourceSpan location, boolean toStderr) {

  /** The reference text with the message and location filled in. */
  public String render(String message, LocationStyle style) {
    // one pass, so that a name containing "{loc}" inside the message is left alone
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      if (template.startsWith("{msg}", i)) {
        out.append(message);
        i += 5;
      } else if (template.startsWith("{loc}", i)) {
        out.append(style.format(location));
        i += 5;
      } else {
        out.append(template.charAt(i++));
      }
    }
    return out.toString();
  }

  /** How a reference tool writes a location. */
  public enum LocationStyle {
    /** Python ElementTree/expat: line 1-based, column 0-based, separated by a dot. */
    PYTHON,
    /** Rust roxmltree: line and column 1-based, separated by a colon. */
    RUST;

    public String format(SourceSpan span) {
      if (span == null) return "";
      return switch (this) {
        case PYTHON -> span.fileName() + ":" + span.line() + "." + (span.column() - 1);
        case RUST -> span.fileName() + ":" + span.line() + ":" + span.column();
      };
    }
  }
}
