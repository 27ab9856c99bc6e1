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
record Preprocessed(SourceFile output, Map<Integer, String> macroLines, List<String> filesRead) {}
