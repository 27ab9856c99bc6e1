// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

/** A comment or processing instruction; kept because it splits text nodes in roxmltree. */
public record XmlComment(int start, int end) implements XmlNode {}
