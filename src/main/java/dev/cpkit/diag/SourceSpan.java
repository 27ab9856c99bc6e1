// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.diag;

/**
 * A range of characters in a source file. Lines and columns are 1-based and computed on
 * demand from the file's line table, so nodes only carry two offsets.
 *
 * <p>For text that went through a preprocessor, {@code origin} names the original file and
 * line the text came from (see the CAmkES front end); for SDF files it is null.
 */
public record SourceSpan(SourceFile file, int start, int end, Origin origin) {

  /** Where preprocessed text came from: original file, 1-based line, and macro if any. */
  public record Origin(String file, int line, int column, String macro) {}

  public SourceSpan(SourceFile file, int start, int end) {
    this(file, start, end, null);
  }

  /** A span with no file (for messages about the whole input). */
  public static SourceSpan none(String fileName) {
    return new SourceSpan(new SourceFile(fileName, ""), 0, 0);
  }

  public String fileName() {
    return origin != null ? origin.file() : file.name();
  }

  public int line() {
    return origin != null ? origin.line() : file.lineOf(start);
  }

  /** 1-based column. */
  public int column() {
    return origin != null ? origin.column() : file.columnOf(start);
  }

  public int endLine() {
    return origin != null ? origin.line() : file.lineOf(end);
  }

  public int endColumn() {
    return origin != null ? origin.column() + (end - start) : file.columnOf(end);
  }

  public boolean isKnown() {
    return origin != null || !file.text().isEmpty() || start > 0;
  }

  @Override
  public String toString() {
    return fileName() + ":" + line() + ":" + column();
  }
}
