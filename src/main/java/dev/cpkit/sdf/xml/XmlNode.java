// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

/** A node of the small XML tree the SDF readers work on. Offsets index the decoded text. */
public sealed interface XmlNode permits XmlElement, XmlText, XmlComment {
  /** Offset of the node's first character ({@code <} for elements and comments). */
  int start();
}
