// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.json;

/**
 * Malformed JSON, or JSON of the wrong shape, located in its text: {@code offset} is a
 * character index into the decoded text (for undecodable bytes, the byte index), {@code line}
 * and {@code column} are 1-based.
 */
public final class JsonException extends RuntimeException {
  private final String reason;
  private final int offset;
  private final int line;
  private final int column;

  JsonException(String reason, int offset, int line, int column) {
    super(line + ":" + column + ": " + reason);
    this.reason = reason;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }

  /** The problem, without its location. */
  public String reason() {
    return reason;
  }

  public int offset() {
    return offset;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
