// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

/** A small builder for C text: lines with indentation, LF line ends. */
final class CWriter {
  private final StringBuilder out = new StringBuilder();
  private int depth;

  CWriter line(String s) {
    if (!s.isEmpty()) out.append("    ".repeat(depth)).append(s);
    out.append('\n');
    return this;
  }

  CWriter blank() {
    return line("");
  }

  /** A line that opens a block ({@code ... {}) and indents what follows. */
  CWriter open(String s) {
    line(s);
    depth++;
    return this;
  }

  /** Closes a block with {@code s} (usually {@code "}"}). */
  CWriter close(String s) {
    depth--;
    return line(s);
  }

  CWriter raw(String text) {
    out.append(text);
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** A C string literal for any text. */
  static String literal(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) b.append(String.format("\\%03o", (int) c & 0xff));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }

  /** Text safe inside a C block comment. */
  static String comment(String s) {
    return s.replace("*/", "* /");
  }
}
