// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceFile;
import java.nio.file.Path;

/** Runs the C preprocessor over one CAmkES file, as CAmkES does for every file it parses. */
interface Preprocessor {
  /**
   * @param dir the directory of the file, for {@code #include "..."}; null for built-in files
   */
  Preprocessed run(SourceFile file, Path dir, DiagnosticSink sink);
}
