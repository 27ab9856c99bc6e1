// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.diag.Spelling;
import dev.cpkit.sdf.xml.XmlAttribute;
import dev.cpkit.sdf.xml.XmlElement;
import java.util.List;

/**
 * Attribute access with sdf.rs's messages: {@code check_attributes}, {@code checked_lookup},
 * {@code value_error}, {@code sdf_parse_number}, {@code str_to_bool}, and the decimal-only
 * {@code parse().unwrap()} fields on which the tool panics (reported here as located errors).
 * Every method reports its own error and returns null/false so the caller can go on.
 */
final class MicrokitAttrs {
  final Reporter r;

  MicrokitAttrs(Reporter r) {
    this.r = r;
  }

  /**
   * sdf.rs {@code check_attributes}: the tool stops at the first attribute (in document order)
   * not in the list; cpkit reports each of them. True when all are allowed.
   */
  boolean allowed(XmlElement e, List<String> names) {
    boolean ok = true;
    for (XmlAttribute a : e.attributes()) {
      if (names.contains(a.name())) continue;
      ok = false;
      String guess = Spelling.closest(a.name(), names);
      r.error(Code.SDF005, "invalid attribute '" + a.name() + "'")
          .span(r.at(a))
          .onElement(e)
          .hint(guess == null ? null : "did you mean '" + guess + "'?")
          .report();
    }
    return ok;
  }

  /** sdf.rs {@code checked_lookup}: the value, or null after reporting it missing. */
  String required(XmlElement e, String name) {
    String v = e.value(name);
    if (v == null) {
      r.error(Code.SDF006, "Missing required attribute '" + name + "'").onElement(e).report();
    }
    return v;
  }

  /** sdf.rs {@code value_error}: {@code Error: MSG on element 'TAG': LOC}, pointing at attr. */
  void value(XmlElement e, Code code, String message, String attr) {
    r.error(code, message).span(r.focus(e, attr)).onElement(e).report();
  }

  /** Like {@link #value} with a hint. */
  void value(XmlElement e, Code code, String message, String attr, String hint) {
    r.error(code, message).span(r.focus(e, attr)).onElement(e).hint(hint).report();
  }

  /** An error the tool prints as {@code Error: MSG} with no location (cpkit still points). */
  void unlocated(Code code, String message, dev.cpkit.diag.SourceSpan span) {
    r.error(code, message).span(span).reference("Error: {msg}", null).report();
  }

  /**
   * sdf.rs {@code sdf_parse_number} of attribute {@code attr} of {@code e}; {@code tagOf} is
   * the element the message names (the tool sometimes names the parent). Null when absent or
   * bad (reported).
   */
  Long number(XmlElement e, String attr, XmlElement tagOf) {
    String raw = e.value(attr);
    return raw == null ? null : number(raw, e, attr, tagOf);
  }

  Long number(String raw, XmlElement e, String attr, XmlElement tagOf) {
    MicrokitNumbers.Parsed p = MicrokitNumbers.sdfNumber(raw);
    if (p.ok()) return p.value();
    String hint = p.error().equals(MicrokitNumbers.INVALID_DIGIT)
        ? "numbers are decimal or 0x-prefixed hex (lower-case 'x'); '_' may separate digits"
        : null;
    r.error(Code.SDF007, "failed to parse integer '" + raw + "' on element '" + tagOf.tag()
            + "': " + p.error())
        .span(r.focus(e, attr))
        .reference("Error: {msg}", null)
        .hint(hint)
        .report();
    return null;
  }

  /** Like {@link #number} for a required attribute. */
  Long requiredNumber(XmlElement e, String attr) {
    String raw = required(e, attr);
    return raw == null ? null : number(raw, e, attr, e);
  }

  /**
   * sdf.rs {@code str_to_bool} on an optional attribute: exactly {@code true} or {@code false}.
   * Null after reporting a bad value.
   */
  Boolean bool(XmlElement e, String attr, boolean absent) {
    String v = e.value(attr);
    if (v == null) return absent;
    if (v.equals("true")) return true;
    if (v.equals("false")) return false;
    String hint = v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")
        ? "the Microkit tool is case-sensitive here: write '" + v.toLowerCase(java.util.Locale.ROOT)
            + "'"
        : null;
    value(e, Code.SDF008, attr + " must be 'true' or 'false'", attr, hint);
    return null;
  }

  /**
   * A decimal field the tool reads with {@code parse::<i64>().unwrap()} ({@code signed}) or
   * {@code parse::<u64>().unwrap()}: it panics on anything else, cpkit reports it instead.
   */
  Long decimal(XmlElement e, String attr, String raw, boolean signed) {
    MicrokitNumbers.Parsed p = signed ? MicrokitNumbers.signed(raw)
        : MicrokitNumbers.unsigned(raw, 10);
    if (p.ok()) return p.value();
    String why = p.error().equals(MicrokitNumbers.INVALID_DIGIT)
            || p.error().equals(MicrokitNumbers.EMPTY)
        ? "is not a " + (signed ? "" : "non-negative ") + "decimal integer"
        : "does not fit in 64 bits";
    r.error(Code.SDF007, attr + " '" + raw + "' " + why
            + " (the Microkit tool crashes on this value)")
        .span(r.focus(e, attr))
        .onElement(e)
        .hint("this attribute is read as plain decimal: no 0x prefix, no '_', no spaces")
        .report();
    return null;
  }
}
