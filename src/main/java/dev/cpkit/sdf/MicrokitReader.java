// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.system.Board;
import dev.cpkit.system.SystemDescription;
import java.nio.file.Path;
import java.util.List;

/** Reads and validates the Microkit dialect (seL4/microkit@cfd5216, tool/microkit/src/sdf.rs). */
final class MicrokitReader {
  private final Reporter r;
  private final Board board;
  private final List<Path> searchPaths;

  MicrokitReader(Reporter r, Board board, List<Path> searchPaths) {
    this.r = r;
    this.board = board;
    this.searchPaths = searchPaths;
  }

  SystemDescription read(XmlElement root) {
    throw new UnsupportedOperationException("microkit dialect: not yet implemented");
  }
}
