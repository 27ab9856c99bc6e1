// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.Arrays;
import java.util.List;

/**
 * Encodes invocations into the words the monitor decodes ({@code monitor/src/main.c}): a
 * message tag {@code label << 12 | caps << 7 | values} (plus {@code (count - 1) << 32} when
 * repeated), the service cap, the cap arguments, the value arguments, then, when repeated,
 * the service increment and one increment per cap and per value, in the same order. All words
 * little-endian u64, no padding, no count prefix.
 */
public final class InvocationEncoder {
  private long[] words = new long[1024];
  private int size;
  private final KernelAbi abi;

  public InvocationEncoder() {
    this(KernelAbi.sel4cp126());
  }

  public InvocationEncoder(KernelAbi abi) {
    this.abi = abi;
  }

  /** Encodes a list of invocations back to back, for sel4cp 1.2.6's kernel. */
  public static byte[] encode(List<Invocation> invocations) {
    return encode(invocations, KernelAbi.sel4cp126());
  }

  /** Encodes a list of invocations back to back, with the labels and types of {@code abi}. */
  public static byte[] encode(List<Invocation> invocations, KernelAbi abi) {
    InvocationEncoder e = new InvocationEncoder(abi);
    for (Invocation i : invocations) e.add(i);
    return e.toBytes();
  }

  /** Size in bytes of the encoded invocation, without encoding it. */
  public static int sizeOf(Invocation inv) {
    int n = 2 + inv.args.length + (inv.regs == null ? 0 : inv.regs.length - 1);
    return 8 * (inv.repeatCount > 1 ? 2 * n - 1 : n);
  }

  public void add(Invocation inv) {
    InvocationKind k = inv.kind;
    int caps = k.caps.size();
    boolean regs = inv.regs != null;
    // WriteRegisters sends {flags word, register count, registers...} as its values
    int values = regs ? 2 + inv.regs.length : k.fields.size() - caps;
    long tag = (abi.label(k) << 12) | ((long) caps << 7) | values;
    if (inv.repeatCount > 1) tag |= (long) (inv.repeatCount - 1) << 32;
    put(tag);
    put(inv.service);
    if (regs) {
      put(0); // (arch_flags << 8 | 1) if resume else 0; resume is always false
      put(inv.regs.length);
      for (long r : inv.regs) put(r);
    } else {
      for (int i = 0; i < inv.args.length; i++) if (k.isCap[i]) put(inv.args[i]);
      for (int i = 0; i < inv.args.length; i++) {
        if (k.isCap[i]) continue;
        // the report shows the tool's type number; the kernel gets its own (fork: per arch)
        boolean type = k == InvocationKind.UNTYPED_RETYPE && i == 0;
        put(type ? abi.wireType((int) inv.args[i]) : inv.args[i]);
      }
    }
    if (inv.repeatCount > 1) {
      put(inv.increment(k.serviceName));
      for (int i = 0; i < k.fields.size(); i++) if (k.isCap[i]) put(inv.increment(k.fields.get(i)));
      for (int i = 0; i < k.fields.size(); i++) {
        if (!k.isCap[i]) put(inv.increment(k.fields.get(i)));
      }
    }
  }

  private void put(long w) {
    if (size == words.length) words = Arrays.copyOf(words, size * 2);
    words[size++] = w;
  }

  public int byteSize() {
    return size * 8;
  }

  public byte[] toBytes() {
    byte[] out = new byte[size * 8];
    for (int i = 0; i < size; i++) {
      long w = words[i];
      int o = i * 8;
      for (int b = 0; b < 8; b++) out[o + b] = (byte) (w >>> (8 * b));
    }
    return out;
  }
}
