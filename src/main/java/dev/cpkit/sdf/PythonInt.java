// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import java.math.BigInteger;

/**
 * Python 3.11's {@code int(text, 0)} and {@code int(text)}, which the sel4cp tools use for
 * numbers, step by step as CPython does it (the differential test compares thousands of
 * spellings): non-ASCII whitespace becomes a space and non-ASCII decimal digits (Arabic-Indic,
 * full-width...) become ASCII digits; then ASCII whitespace around, a sign, in base 0 a
 * {@code 0x}/{@code 0o}/{@code 0b} prefix optionally followed by one {@code _}, digits with
 * single {@code _} between them, no leading zeros in a base-0 decimal unless the value is 0.
 * Decimal literals of more than 4300 digits are refused with Python's own message.
 */
final class PythonInt {
  private PythonInt() {}

  /** Python's default {@code sys.get_int_max_str_digits()}. */
  static final int MAX_STR_DIGITS = 4300;

  /** A ValueError message, for text Python refuses. */
  record Failure(String message) {}

  /** The value, or null when Python would raise ValueError. */
  static BigInteger parse(String text, int base) {
    Object r = parseOrFailure(text, base);
    return r instanceof BigInteger v ? v : null;
  }

  /**
   * The common case without the general machinery: a short plain decimal, or {@code 0x} and
   * hex digits in base 0, as nearly every number in a real SDF is written. Null otherwise.
   */
  private static BigInteger plain(String t, int base) {
    int len = t.length();
    if (len == 0 || len > 15) return null;
    int from = 0;
    int radix = 10;
    if (base == 0 && len > 2 && t.charAt(0) == '0' && t.charAt(1) == 'x') {
      from = 2;
      radix = 16;
    } else if (base == 0 && len > 1 && t.charAt(0) == '0') {
      return null; // "0..." in base 0: leave the rules on zeros to the general path
    }
    long v = 0;
    for (int i = from; i < len; i++) {
      int d = Character.digit(t.charAt(i), radix);
      if (d < 0 || t.charAt(i) > 'f') return null;
      v = v * radix + d;
    }
    return BigInteger.valueOf(v);
  }

  private static Failure invalid(String text, int base) {
    return new Failure("invalid literal for int() with base " + base + ": "
        + truncate(repr(text), 200));
  }

  /** The ValueError message for text that {@link #parse} refuses. */
  static String failure(String text, int base) {
    Object r = parseOrFailure(text, base);
    return r instanceof Failure f ? f.message() : null;
  }

  /** A BigInteger, or a {@link Failure} with the message Python raises. */
  static Object parseOrFailure(String text, int base) {
    BigInteger quick = plain(text, base);
    if (quick != null) return quick;
    String s = toAscii(text);
    int i = skipSpace(s, 0);
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int radix = base == 0 ? 10 : base;
    boolean zeroOnly = false;
    if (base == 0) {
      char c0 = at(s, i);
      char c1 = Character.toLowerCase(at(s, i + 1));
      if (c0 == '0') {
        radix = c1 == 'x' ? 16 : c1 == 'o' ? 8 : c1 == 'b' ? 2 : 10;
        zeroOnly = radix == 10; // an old-style octal "0..." must be all zeros
      }
    }
    if (radix != 10 && at(s, i) == '0') {
      i += 2;
      if (at(s, i) == '_') i++;
    }
    if (at(s, i) == '_') return invalid(text, base);
    StringBuilder digits = new StringBuilder();
    char prev = 0;
    while (i < s.length() && (Character.digit(s.charAt(i), radix) >= 0 && s.charAt(i) < 0x80
        || s.charAt(i) == '_')) {
      char c = s.charAt(i);
      if (c == '_' && prev == '_') return invalid(text, base);
      if (c != '_') digits.append(c);
      prev = c;
      i++;
    }
    if (prev == '_') return invalid(text, base);
    if (radix == 10 && digits.length() > MAX_STR_DIGITS) {
      return new Failure("Exceeds the limit (" + MAX_STR_DIGITS + " digits) for integer string"
          + " conversion: value has " + digits.length() + " digits; use"
          + " sys.set_int_max_str_digits() to increase the limit");
    }
    if (digits.length() == 0) return invalid(text, base);
    BigInteger v = new BigInteger(digits.toString(), radix);
    if (zeroOnly && v.signum() != 0) return invalid(text, base);
    i = skipSpace(s, i);
    if (i != s.length()) return invalid(text, base);
    return negative ? v.negate() : v;
  }

  /**
   * Python's {@code str(n)}, or null where Python 3.11 raises ValueError instead (more than
   * 4300 decimal digits); see {@link #STR_LIMIT_MESSAGE}.
   */
  static String str(BigInteger n) {
    String s = n.toString();
    int digits = s.length() - (n.signum() < 0 ? 1 : 0);
    return digits > MAX_STR_DIGITS ? null : s;
  }

  static final String STR_LIMIT_MESSAGE = "Exceeds the limit (" + MAX_STR_DIGITS
      + " digits) for integer string conversion; use sys.set_int_max_str_digits() to increase"
      + " the limit";

  private static char at(String s, int i) {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && isAsciiSpace(s.charAt(i))) i++;
    return i;
  }

  private static boolean isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == 0x0c || c == '\r';
  }

  /**
   * CPython's first step: non-ASCII whitespace to ' ', non-ASCII decimal digits to ASCII,
   * any other non-ASCII character to '?' (which then fails).
   */
  private static String toAscii(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x80) {
        sb.append((char) cp);
      } else if (isSpace(cp)) {
        sb.append(' ');
      } else if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
        sb.append((char) ('0' + Character.digit(cp, 10)));
      } else {
        sb.append('?');
      }
    }
    return sb.toString();
  }

  /** Python's {@code str.isspace()} for one character (also what {@code str.strip()} strips). */
  static boolean isSpace(int cp) {
    if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
    return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a)
        || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
  }

  /** Python's {@code s.strip() == ""}. */
  static boolean isBlank(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!isSpace(cp)) return false;
      i += Character.charCount(cp);
    }
    return true;
  }

  /** Python's {@code "%.200R"}: the first {@code max} code points. */
  private static String truncate(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) return s;
    return s.substring(0, s.offsetByCodePoints(0, max));
  }

  /** Python's {@code repr()} of a str, as it appears in ValueError messages. */
  static String repr(String s) {
    boolean hasSingle = s.indexOf('\'') >= 0;
    boolean hasDouble = s.indexOf('"') >= 0;
    char quote = hasSingle && !hasDouble ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(quote);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == quote || cp == '\\') {
        sb.append('\\').appendCodePoint(cp);
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (cp < 0x20 || cp == 0x7f) {
        sb.append(String.format("\\x%02x", cp));
      } else if (cp >= 0x80 && !isPrintable(cp)) {
        sb.append(cp <= 0xff ? String.format("\\x%02x", cp)
            : cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    }
    return sb.append(quote).toString();
  }

  private static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return !(type == Character.CONTROL || type == Character.FORMAT
        || type == Character.SURROGATE || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || (type == Character.SPACE_SEPARATOR && cp != ' '));
  }
}
