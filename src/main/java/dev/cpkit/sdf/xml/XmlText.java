// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

/** Character data (entity references resolved, CDATA sections merged in). */
public record XmlText(String text, int start, int end) implements XmlNode {
  public boolean isBlank() {
    return text.isBlank();
  }
}
