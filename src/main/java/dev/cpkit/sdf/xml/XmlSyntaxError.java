// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf.xml;

/**
 * Input that is not well-formed XML (or that cpkit refuses, such as a DOCTYPE).
 *
 * @param message expat's wording for the problem ("mismatched tag", "no element found"...)
 * @param offset where expat reports it, as an offset into the decoded text
 * @param refused true when the XML is well-formed but refused by cpkit (DTDs, depth limit)
 */
public record XmlSyntaxError(String message, int offset, boolean refused) {}
