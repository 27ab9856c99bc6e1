// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.SourceFile;
import java.util.List;
import java.util.Map;

/**
 * Preprocessor output: text with GNU line markers ({@code # LINE "FILE" FLAGS}) that map every
 * line back to its original file and line, the macro that produced each output line (keyed by
 * 1-based output line; only the built-in preprocessor knows this), and the files it read.
 */
record Preprocessed(SourceFile output, Map<Integer, List<MacroRange>> macroLines,
    List<String> filesRead) {

  /** Columns [start, end) (0-based) of an output line that came from expanding {@code macro}. */
  record MacroRange(int start, int end, String macro) {}

  /** The macro that produced the text at a 0-based column of an output line, or null. */
  String macroAt(int line, int column) {
    List<MacroRange> ranges = macroLines.get(line);
    if (ranges == null) return null;
    for (MacroRange r : ranges) if (column >= r.start() && column < r.end()) return r.macro();
    return null;
  }
}
