// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.system.Board;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;

final class Sel4cpReader {
  Sel4cpReader(Reporter r, Dialect dialect, Board board) {}

  SystemDescription read(XmlElement root) {
    throw new UnsupportedOperationException();
  }
}
