// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.Arrays;

/**
 * One seL4 method call the monitor will perform: the service cap and the arguments in
 * declaration order, optionally repeated {@code count} times with per-field increments (the
 * monitor adds {@code i * increment} to each word in iteration i).
 */
public final class Invocation {
  /** Number of registers in the aarch64 {@code seL4_UserContext}. */
  public static final int REGISTER_COUNT = 36;

  final InvocationKind kind;
  final long service;
  final long[] args;
  /** WriteRegisters only: pc, sp, spsr, x0..x8, x16..x18, x29, x30, x9..x15, x19..x28, tpidrs. */
  final long[] regs;
  int repeatCount;
  /** Increment names in the order the caller gave them (the report prints a Python dict). */
  String[] incrNames = new String[0];
  long[] incrValues = new long[0];

  private Invocation(InvocationKind kind, long service, long[] args, long[] regs) {
    if (args.length != kind.fields.size()) {
      throw new IllegalArgumentException(kind + " takes " + kind.fields.size() + " arguments");
    }
    this.kind = kind;
    this.service = service;
    this.args = args;
    this.regs = regs;
  }

  public static Invocation of(InvocationKind kind, long service, long... args) {
    return new Invocation(kind, service, args, null);
  }

  /** TCB WriteRegisters with resume = false and no arch flags, as the builder always uses. */
  public static Invocation writeRegisters(long tcb, long[] regs) {
    if (regs.length != REGISTER_COUNT && regs.length != 32) {
      throw new IllegalArgumentException("36 (aarch64) or 32 (RISC-V) registers");
    }
    return new Invocation(InvocationKind.TCB_WRITE_REGISTERS, tcb, new long[] {0, 0, 0},
        regs.clone());
  }

  /**
   * Repeats the invocation; like the reference, a count of 0 or 1 means no repeat at all
   * (nothing is encoded), and fields not named keep an increment of 0.
   */
  public Invocation repeat(int count, Object... namesAndIncrements) {
    if (count <= 1) return this;
    int n = namesAndIncrements.length / 2;
    incrNames = new String[n];
    incrValues = new long[n];
    for (int i = 0; i < n; i++) {
      incrNames[i] = (String) namesAndIncrements[2 * i];
      incrValues[i] = ((Number) namesAndIncrements[2 * i + 1]).longValue();
      kind.fieldIndex(incrNames[i]);
    }
    repeatCount = count;
    return this;
  }

  public InvocationKind kind() {
    return kind;
  }

  public long service() {
    return service;
  }

  /** The value of a named argument (or the service). */
  public long arg(String name) {
    int i = kind.fieldIndex(name);
    return i < 0 ? service : args[i];
  }

  public int repeatCount() {
    return repeatCount;
  }

  long increment(String name) {
    for (int i = 0; i < incrNames.length; i++) if (incrNames[i].equals(name)) return incrValues[i];
    return 0;
  }

  @Override
  public String toString() {
    return kind + "(" + Long.toHexString(service) + ", " + Arrays.toString(args)
        + (repeatCount > 1 ? " x" + repeatCount : "") + ")";
  }
}
