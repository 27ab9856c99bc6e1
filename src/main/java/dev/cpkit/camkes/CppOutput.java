// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes preprocessed lines and the GNU line markers that keep them mapped to their origin. As
 * cpp does, a short gap in line numbers is filled with empty lines instead of a marker.
 */
final class CppOutput {
  static final long MAX_CHARS = 64L << 20;

  private final StringBuilder text = new StringBuilder();
  private final Map<Integer, List<Preprocessed.MacroRange>> macroLines = new HashMap<>();
  private String file;
  private int nextLine;
  private int outLine = 1;

  /** Emits one line that came from {@code line} of {@code fileName}. */
  void line(String fileName, int line, String content, List<Preprocessed.MacroRange> macros, int flag) {
    if (!fileName.equals(file) || line < nextLine || line - nextLine > 8 || flag != 0) {
      marker(fileName, line, flag);
    } else {
      while (nextLine < line) {
        text.append('\n');
        nextLine++;
        outLine++;
      }
    }
    if (!macros.isEmpty()) macroLines.put(outLine, List.copyOf(macros));
    text.append(content).append('\n');
    outLine++;
    nextLine = line + 1;
    if (text.length() > MAX_CHARS) {
      throw new MacroExpander.Failure("preprocessed output is larger than " + (MAX_CHARS >> 20) + " MiB");
    }
  }

  /** Marks entering (flag 1) or returning to (flag 2) a file, as cpp does. */
  void marker(String fileName, int line, int flag) {
    text.append("# ").append(line).append(" \"").append(escape(fileName)).append('"');
    if (flag != 0) text.append(' ').append(flag);
    text.append('\n');
    outLine++;
    file = fileName;
    nextLine = line;
  }

  static String escape(String name) {
    return name.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  String text() {
    return text.toString();
  }

  Map<Integer, List<Preprocessed.MacroRange>> macroLines() {
    return macroLines;
  }
}
