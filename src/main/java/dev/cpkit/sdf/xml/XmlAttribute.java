// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

/**
 * An attribute with the offsets of its name and of its value (inside the quotes), so that a
 * diagnostic about a value can point at the value itself.
 */
public record XmlAttribute(String name, String value, int nameStart, int valueStart, int valueEnd) {}
