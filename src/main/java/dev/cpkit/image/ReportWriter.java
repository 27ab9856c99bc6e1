// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.Locale;
import java.util.Map;

/**
 * The build report, in the reference's exact text (Python format semantics: {@code {:8,d}}
 * groups thousands, {@code {:50s}} pads but never truncates, hex is lowercase). One deliberate
 * difference: the reference prints a Python object address for a TCB's {@code regs}, which
 * changes on every run; cpkit prints the register values (see {@link #regs}).
 */
public final class ReportWriter {
  private final StringBuilder out = new StringBuilder(1 << 16);
  private final Map<Long, String> names;
  private final KernelAbi abi;

  private ReportWriter(Map<Long, String> names, KernelAbi abi) {
    this.names = names;
    this.abi = abi;
  }

  public static String write(BuiltSystem b, int bootstrapBytes, int systemBytes) {
    return new ReportWriter(b.capNames(), b.abi()).report(b, bootstrapBytes, systemBytes);
  }

  /**
   * What the reference prints on stderr before it stops with "bootstrap invocations too large
   * for monitor": both sizes, then every bootstrap invocation as in the report's detail
   * section but without the index prefix.
   */
  static String bootstrapDump(BuiltSystem b, long room, int required) {
    ReportWriter w = new ReportWriter(b.capNames(), b.abi());
    w.line("INTERNAL ERROR: bootstrap invocations too large");
    w.line("bootstrap invocation array size   : " + room);
    w.line("bootstrap invocation required size: " + required);
    for (Invocation inv : b.bootstrapInvocations()) {
      w.invocation(inv);
      w.out.append('\n');
    }
    return w.out.toString();
  }

  private String report(BuiltSystem b, int bootstrapBytes, int systemBytes) {
    BootInfo bi = b.bootInfo();
    line("# Kernel Boot Info\n");
    line("    # of fixed caps     : " + num(bi.fixedCapCount(), 8));
    line("    # of page table caps: " + num(bi.pagingCapCount(), 8));
    line("    # of page caps      : " + num(bi.pageCapCount(), 8));
    line("    # of untyped objects: " + num(bi.untypeds().size(), 8));
    line("");
    line("# Loader Regions\n");
    for (LoaderRegion r : b.pdRegions()) line("       " + r);
    line("");
    line("# Monitor (Initial Task) Info\n");
    line("     virtual memory : " + b.initialTaskVirt());
    line("     physical memory: " + b.initialTaskPhys());
    line("");
    line("# Allocated Kernel Objects Summary\n");
    line("     # of allocated objects: " + num(b.kernelObjects().size(), 0));
    line("");
    line("# Bootstrap Kernel Invocations Summary\n");
    line("     # of invocations   : " + num(b.bootstrapInvocations().size(), 10));
    line("     size of invocations: " + num(bootstrapBytes, 10));
    line("");
    line("# System Kernel Invocations Summary\n");
    line("     # of invocations   : " + num(b.systemInvocations().size(), 10));
    line("     size of invocations: " + num(systemBytes, 10));
    line("");
    line("# Allocated Kernel Objects Detail\n");
    for (KernelObject ko : b.kernelObjects()) {
      out.append("    ");
      pad(ko.name(), 50);
      out.append(' ').append(ko.type()).append(" cap_addr=").append(Long.toHexString(ko.capAddr()))
          .append(" phys_addr=").append(Long.toHexString(ko.physAddr())).append('\n');
    }
    line("");
    line("# Bootstrap Kernel Invocations Detail\n");
    invocations(b.bootstrapInvocations());
    line("");
    line("# System Kernel Invocations Detail\n");
    invocations(b.systemInvocations());
    return out.toString();
  }

  private void invocations(java.util.List<Invocation> list) {
    for (int i = 0; i < list.size(); i++) {
      // at least four hex digits, as the reference's {idx:04x}; no String.format (hot path)
      String h = Integer.toHexString(i);
      out.append("    0x");
      for (int n = h.length(); n < 4; n++) out.append('0');
      out.append(h).append(' ');
      invocation(list.get(i));
      out.append('\n');
    }
  }

  /** The reference's invocation_to_str: header line, one line per argument, repeat line. */
  void invocation(Invocation inv) {
    InvocationKind k = inv.kind;
    pad(k.objectName, 20);
    out.append(" - ");
    pad(k.methodName, 17);
    out.append(" - ");
    capRef(inv.service);
    out.append('\n');
    boolean first = true;
    for (int i = 0; i < k.fields.size(); i++) {
      if (!first) out.append('\n');
      first = false;
      String f = k.fields.get(i);
      long v = inv.args[i];
      out.append("         ");
      if (k.isCap[i] || f.equals("src_obj")) {
        // src_obj is sent as a value but printed as a cap
        out.append(f).append(" (cap)");
        for (int n = f.length() + 6; n < 20; n++) out.append(' ');
        out.append(' ');
        capRef(v);
        continue;
      }
      String value;
      if (f.equals("vaddr")) {
        value = "0x" + Long.toHexString(v);
      } else if (f.equals("size_bits")) {
        value = v == 0 ? "0 (N/A)" : v + " (0x" + Long.toHexString(1L << v) + ")";
      } else if (f.equals("object_type")) {
        long size = abi.typeSize((int) v);
        value = v + " (" + abi.typeName((int) v) + " - "
            + (size == 0 ? "variable size" : "0x" + Long.toHexString(size)) + ")";
      } else if (f.equals("resume")) {
        value = v != 0 ? "True" : "False";
      } else if (f.equals("regs")) {
        value = abi.fork() ? forkRegs(inv.regs) : regs(inv.regs);
      } else {
        value = Long.toUnsignedString(v);
      }
      pad(f, 20);
      out.append(' ').append(value);
    }
    if (inv.repeatCount > 1) {
      if (!first) out.append('\n');
      out.append("      REPEAT: count=").append(inv.repeatCount).append(" {");
      for (int i = 0; i < inv.incrNames.length; i++) {
        if (i > 0) out.append(", ");
        out.append('\'').append(inv.incrNames[i]).append("': ")
            .append(Long.toUnsignedString(inv.incrValues[i]));
      }
      out.append('}');
    }
  }

  /**
   * Where the reference prints {@code <sel4coreplat.sel4.Sel4Aarch64Regs object at 0x7f...>}
   * (a different address on every run), cpkit prints the registers that are set.
   */
  static String regs(long[] regs) {
    String[] names = {"pc", "sp", "spsr", "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8",
        "x16", "x17", "x18", "x29", "x30", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x19",
        "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "tpidr_el0",
        "tpidrro_el0"};
    StringBuilder s = new StringBuilder("Sel4Aarch64Regs(");
    boolean any = false;
    for (int i = 0; i < regs.length; i++) {
      if (regs[i] == 0) continue;
      if (any) s.append(", ");
      s.append(names[i]).append("=0x").append(Long.toHexString(regs[i]));
      any = true;
    }
    return s.append(any ? ", others 0)" : "all 0)").toString();
  }

  private static final String[] AARCH64_REGS = {"pc", "sp", "spsr", "x0", "x1", "x2", "x3",
      "x4", "x5", "x6", "x7", "x8", "x16", "x17", "x18", "x29", "x30", "x9", "x10", "x11", "x12",
      "x13", "x14", "x15", "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28",
      "tpidr_el0", "tpidrro_el0"};
  private static final String[] RISCV_REGS = {"pc", "ra", "sp", "gp", "s0", "s1", "s2", "s3",
      "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "a0", "a1", "a2", "a3", "a4", "a5", "a6",
      "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "tp"};

  /**
   * The fork prints every register, one per line ({@code name : 0x<16 digits>}), the later
   * ones indented to the value column: deterministic, so nothing is masked in its goldens.
   */
  static String forkRegs(long[] regs) {
    String[] names = regs.length == RISCV_REGS.length ? RISCV_REGS : AARCH64_REGS;
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < regs.length; i++) {
      if (i > 0) s.append('\n').append(" ".repeat(30));
      String h = Long.toHexString(regs[i]);
      s.append(names[i]).append(" : 0x").append("0".repeat(16 - h.length())).append(h);
    }
    return s.toString();
  }

  /** Appends {@code 0x<16 hex digits> (<name>)}, the reference's cap reference. */
  private void capRef(long cap) {
    String h = Long.toHexString(cap);
    out.append("0x");
    for (int n = h.length(); n < 16; n++) out.append('0');
    String name = names.get(cap);
    out.append(h).append(" (").append(name == null ? "None" : name).append(')');
  }

  /** Left-aligns to {@code width} code points, as Python's {@code {:Ns}} does. */
  private void pad(String s, int width) {
    out.append(s);
    for (int n = s.codePointCount(0, s.length()); n < width; n++) out.append(' ');
  }

  private static String num(long v, int width) {
    return String.format(Locale.ROOT, "%," + (width == 0 ? "" : width) + "d", v);
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
