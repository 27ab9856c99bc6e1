// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.diag;

/**
 * Phase timings for performance work: with {@code -Dcpkit.trace=true} (through
 * {@code CPKIT_JAVA_OPTS} with the launcher) each {@link #mark} prints the time since the
 * previous mark to stderr. Off, it costs one static boolean test.
 */
public final class Trace {
  private static final boolean ON = Boolean.getBoolean("cpkit.trace");
  private static long last = System.nanoTime();

  private Trace() {}

  public static void mark(String phase) {
    if (!ON) return;
    long now = System.nanoTime();
    System.err.println("[trace] " + phase + ": " + (now - last) / 100_000 / 10.0 + " ms");
    last = now;
  }
}
