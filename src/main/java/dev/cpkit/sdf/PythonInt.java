// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import java.math.BigInteger;

/**
 * Python's {@code int(text, 0)} and {@code int(text)}, which the sel4cp tools use for numbers:
 * surrounding whitespace and a sign are allowed, {@code _} may separate digits, base 0 takes
 * {@code 0x}/{@code 0o}/{@code 0b} prefixes and refuses leading zeros in decimals, base 10
 * allows leading zeros. Values are unbounded, as in Python.
 */
final class PythonInt {
  private PythonInt() {}

  /** The value, or null when Python would raise ValueError. */
  static BigInteger parse(String text, int base) {
    String t = text.strip();
    if (t.isEmpty()) return null;
    boolean negative = false;
    if (t.charAt(0) == '+' || t.charAt(0) == '-') {
      negative = t.charAt(0) == '-';
      t = t.substring(1);
    }
    int radix = 10;
    boolean prefixed = false;
    if (base == 0 && t.length() >= 2 && t.charAt(0) == '0') {
      char p = Character.toLowerCase(t.charAt(1));
      if (p == 'x' || p == 'o' || p == 'b') {
        radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        t = t.substring(2);
        prefixed = true;
      }
    }
    String digits = digits(t, radix, prefixed);
    if (digits == null) return null;
    if (base == 0 && !prefixed && digits.length() > 1 && digits.charAt(0) == '0'
        && !digits.chars().allMatch(c -> c == '0')) {
      return null; // "04096": leading zeros are not allowed in base 0
    }
    BigInteger v = new BigInteger(digits, radix);
    return negative ? v.negate() : v;
  }

  /**
   * The digits with single underscores between them removed, or null if the text is not a
   * run of digits of the radix. After a prefix an underscore may come first ({@code 0x_10}).
   */
  private static String digits(String t, int radix, boolean prefixed) {
    if (t.isEmpty()) return null;
    StringBuilder sb = new StringBuilder(t.length());
    boolean lastUnderscore = prefixed; // "0x_1" is fine, "0x__1" is not
    boolean allowLeadingUnderscore = prefixed;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '_') {
        if (i == 0 && allowLeadingUnderscore) {
          lastUnderscore = true;
          continue;
        }
        if (lastUnderscore || sb.length() == 0) return null;
        lastUnderscore = true;
        continue;
      }
      if (Character.digit(c, radix) < 0 || c > 0x7f) return null;
      sb.append(c);
      lastUnderscore = false;
    }
    if (lastUnderscore || sb.length() == 0) return null;
    return sb.toString();
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
