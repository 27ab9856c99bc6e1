// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

/**
 * Integer helpers with the reference tool's Python semantics: rounding is floor-based (it
 * matters for the negative values the rootserver scan can produce), and {@code msb(0)} and
 * {@code lsb(0)} are -1.
 */
public final class Bits {
  private Bits() {}

  public static long roundUp(long n, long x) {
    long m = Math.floorMod(n, x);
    return m == 0 ? n : n + x - m;
  }

  public static long roundDown(long n, long x) {
    return n - Math.floorMod(n, x);
  }

  /** Index of the highest set bit; -1 for 0. */
  public static int msb(long x) {
    return 63 - Long.numberOfLeadingZeros(x);
  }

  /** Index of the lowest set bit; -1 for 0. */
  public static int lsb(long x) {
    return x == 0 ? -1 : Long.numberOfTrailingZeros(x);
  }

  public static boolean isPowerOfTwo(long n) {
    return n > 0 && (n & (n - 1)) == 0;
  }

  /** log2 of a power of two (the reference's {@code int(log2(x))}). */
  public static int log2(long powerOfTwo) {
    return msb(powerOfTwo);
  }

  /** {@code 2 ** ceil(log2(n))} for n >= 1, computed without floating point. */
  public static long nextPowerOfTwo(long n) {
    return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
  }
}
