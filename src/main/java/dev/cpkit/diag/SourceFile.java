// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.diag;

import java.util.Arrays;

/**
 * The text of one input file and a table of its line starts, so that a char offset can be
 * turned into a 1-based line and column (UTF-16 code units) and the source line can be shown
 * under a diagnostic.
 */
public final class SourceFile {
  private final String name;
  private final String text;
  private final int[] lineStarts;

  public SourceFile(String name, String text) {
    this.name = name;
    this.text = text;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
      starts[n++] = i + 1;
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  /** The name the user gave for the file (kept exactly, as the reference tools print it). */
  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  /** 1-based line of a char offset. */
  public int lineOf(int offset) {
    int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, text.length())));
    return i >= 0 ? i + 1 : -i - 1;
  }

  /**
   * 1-based column of a char offset, counted in characters (code points), as expat and
   * roxmltree count them: an emoji is one column.
   */
  public int columnOf(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int start = lineStarts[lineOf(clamped) - 1];
    return text.codePointCount(start, clamped) + 1;
  }

  /** 1-based column of a char offset in UTF-16 units: an index into {@link #line(int)}. */
  public int utf16ColumnOf(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    return clamped - lineStarts[lineOf(clamped) - 1] + 1;
  }

  /** The text of a 1-based line, without its line terminator. */
  public String line(int line) {
    if (line < 1 || line > lineStarts.length) return "";
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') end--;
    return text.substring(start, Math.max(start, end));
  }

  /** A span covering [start, end) of this file. */
  public SourceSpan span(int start, int end) {
    return new SourceSpan(this, start, Math.max(start, end));
  }

  /** A span for a single point. */
  public SourceSpan point(int offset) {
    return new SourceSpan(this, offset, offset);
  }
}
