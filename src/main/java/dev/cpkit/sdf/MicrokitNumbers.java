// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

/**
 * The integer syntaxes of the Microkit tool. Values are unsigned 64-bit held in a {@code long}
 * (compare with {@link Long#compareUnsigned}); the error reasons are the Display texts of Rust's
 * {@code ParseIntError}, because sdf.rs prints them verbatim.
 */
final class MicrokitNumbers {
  private MicrokitNumbers() {}

  static final String EMPTY = "cannot parse integer from empty string";
  static final String INVALID_DIGIT = "invalid digit found in string";
  static final String TOO_LARGE = "number too large to fit in target type";
  static final String TOO_SMALL = "number too small to fit in target type";

  /** A parse outcome: a value, or the reason Rust gives for refusing the text. */
  record Parsed(long value, String error) {
    boolean ok() {
      return error == null;
    }

    static Parsed of(long value) {
      return new Parsed(value, null);
    }

    static Parsed fail(String reason) {
      return new Parsed(0, reason);
    }
  }

  /**
   * sdf.rs {@code sdf_parse_number}: every {@code _} is dropped, then a lower-case {@code 0x}
   * prefix selects hex, anything else is decimal; the result is a u64.
   */
  static Parsed sdfNumber(String text) {
    String t = text.replace("_", "");
    if (t.startsWith("0x")) return unsigned(t.substring(2), 16);
    return unsigned(t, 10);
  }

  /** Rust {@code u64::from_str_radix}: an optional {@code +}, then digits; no {@code -}. */
  static Parsed unsigned(String s, int radix) {
    if (s.isEmpty()) return Parsed.fail(EMPTY);
    String digits = s;
    if (s.charAt(0) == '+') {
      if (s.length() == 1) return Parsed.fail(INVALID_DIGIT);
      digits = s.substring(1);
    }
    long value = 0;
    // Rust reads digits left to right and fails at the first bad digit or the first overflow,
    // whichever comes first.
    for (int i = 0; i < digits.length(); i++) {
      int d = digit(digits.charAt(i), radix);
      if (d < 0) return Parsed.fail(INVALID_DIGIT);
      if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, radix)) > 0) {
        return Parsed.fail(TOO_LARGE);
      }
      long lo = value * radix;
      long next = lo + d;
      if (Long.compareUnsigned(next, lo) < 0) return Parsed.fail(TOO_LARGE);
      value = next;
    }
    return Parsed.of(value);
  }

  /** Rust {@code str::parse::<i64>()}: an optional sign, then decimal digits. */
  static Parsed signed(String s) {
    if (s.isEmpty()) return Parsed.fail(EMPTY);
    boolean negative = false;
    String digits = s;
    char first = s.charAt(0);
    if (first == '+' || first == '-') {
      if (s.length() == 1) return Parsed.fail(INVALID_DIGIT);
      negative = first == '-';
      digits = s.substring(1);
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digit(digits.charAt(i), 10);
      if (d < 0) return Parsed.fail(INVALID_DIGIT);
      try {
        value = Math.multiplyExact(value, 10);
        value = negative ? Math.subtractExact(value, d) : Math.addExact(value, d);
      } catch (ArithmeticException e) {
        return Parsed.fail(negative ? TOO_SMALL : TOO_LARGE);
      }
    }
    return Parsed.of(value);
  }

  private static int digit(char c, int radix) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
    else return -1;
    return d < radix ? d : -1;
  }

  /** Rust {@code {:#x}}: lower-case hex with a {@code 0x} prefix ({@code 0x0} for zero). */
  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  /** Rust {@code {}} of a u64. */
  static String dec(long v) {
    return Long.toUnsignedString(v);
  }

  static boolean isMultiple(long value, long of) {
    return Long.remainderUnsigned(value, of) == 0;
  }

  static boolean below(long a, long b) {
    return Long.compareUnsigned(a, b) < 0;
  }

  /** A PCI address {@code BUS:DEV.FUNC} (each part hex, trimmed), or the reason it is not one. */
  record Pci(int bus, int device, int function, String error) {
    boolean ok() {
      return error == null;
    }

    /** sdf.rs prints devices as {@code {:02x}:{:02x}.{:x}}. */
    @Override
    public String toString() {
      return String.format("%02x:%02x.%x", bus, device, function);
    }
  }

  static Pci pci(String s) {
    int colon = s.indexOf(':');
    if (colon < 0) return pciError("expected PCI address in bus:device.function form");
    String rest = s.substring(colon + 1);
    int dot = rest.indexOf('.');
    if (dot < 0) return pciError("expected PCI address in bus:device.function form");
    Long bus = hexI64(s.substring(0, colon));
    if (bus == null) return pciError("failed to parse PCI bus");
    if (bus < 0 || bus > 255) return pciError("PCI bus must be within [0..255]");
    Long dev = hexI64(rest.substring(0, dot));
    if (dev == null) return pciError("failed to parse PCI device");
    if (dev < 0 || dev > 31) return pciError("PCI device must be within [0..31]");
    Long fn = hexI64(rest.substring(dot + 1));
    if (fn == null) return pciError("failed to parse PCI function");
    if (fn < 0 || fn > 7) return pciError("PCI function must be within [0..7]");
    return new Pci(bus.intValue(), dev.intValue(), fn.intValue(), null);
  }

  private static Pci pciError(String reason) {
    return new Pci(0, 0, 0, reason);
  }

  /** Rust {@code i64::from_str_radix(s.trim(), 16)}; null when it fails. */
  private static Long hexI64(String s) {
    String t = s.strip();
    boolean negative = false;
    if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
      if (t.length() == 1) return null;
      negative = t.charAt(0) == '-';
      t = t.substring(1);
    }
    Parsed p = unsigned(t, 16);
    if (!p.ok() || p.value() < 0) return null;
    return negative ? -p.value() : p.value();
  }
}
