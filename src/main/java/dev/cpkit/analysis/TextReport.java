// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.diag.HumanRenderer;
import dev.cpkit.diag.Severity;
import dev.cpkit.graph.Units;
import java.util.Locale;

/** The report for a person: findings as cpkit check prints diagnostics, then the summaries. */
public final class TextReport {
  private TextReport() {}

  public static String render(Report r) {
    StringBuilder out = new StringBuilder(new HumanRenderer(true).render(r.findings()));
    if (r.system() == null) return out.toString();
    if (r.findings().isEmpty()) out.append(r.file()).append(": no findings\n");
    else if (r.count(Severity.ERROR) == 0 && r.count(Severity.WARNING) == 0) {
      out.append(r.count(Severity.NOTE)).append(" note").append(r.count(Severity.NOTE) == 1
          ? "" : "s").append('\n');
    }
    out.append('\n');
    memory(r.memory(), out);
    physical(r, out);
    capacity(r.capacity(), out);
    for (String remark : r.remarks()) out.append("note: ").append(remark).append('\n');
    return out.toString();
  }

  private static void memory(MemoryReport m, StringBuilder out) {
    out.append("memory (per address space; page tables estimated, kernel objects not"
        + " counted):\n");
    int w = "address space".length();
    for (MemoryReport.Space s : m.spaces()) w = Math.max(w, s.name().length() + 5);
    String fmt = "  %-" + w + "s %10s %9s %9s %9s %12s %10s%n";
    out.append(String.format(Locale.ROOT, fmt, "address space", "regions", "stack", "IPC buf",
        "image", "page tables", "total"));
    for (MemoryReport.Space s : m.spaces()) {
      out.append(String.format(Locale.ROOT, fmt, s.name() + (s.what().startsWith("virtual")
              ? " (VM)" : ""), Units.size(s.regions()), s.stack() == 0 ? "-" : Units.size(s.stack()),
          s.ipcBuffer() == 0 ? "-" : Units.size(s.ipcBuffer()),
          s.image() < 0 ? "?" : Units.size(s.image()), Units.size(s.pageTables()),
          Units.size(s.total())));
    }
    out.append("  from RAM: ").append(Units.size(m.allocated()))
        .append(" of regions without phys_addr + ").append(Units.size(m.overhead()))
        .append(" of stacks, IPC buffers, images and page tables = ")
        .append(Units.size(m.needed())).append('\n');
  }

  private static void physical(Report r, StringBuilder out) {
    MemoryReport m = r.memory();
    out.append("physical memory map (board ").append(r.system().board().name());
    if (m.ram() == null) out.append("; RAM unknown");
    else out.append("; ").append(m.ram().source());
    out.append("):\n");
    if (m.map().isEmpty()) out.append("  no fixed-address regions\n");
    for (MemoryReport.MapEntry e : m.map()) {
      String range = e.size() == 0 ? String.format(Locale.ROOT, "[0x%x..)", e.base())
          : AddressSpaceCheck.range(e.base(), e.size());
      String row = String.format(Locale.ROOT, "  %-30s %9s  %-10s %s%s%s", range,
          e.size() == 0 ? "image" : Units.size(e.size()), e.kind(), e.name(),
          e.users().isEmpty() ? "" : "  (" + String.join(", ", e.users()) + ")",
          e.note().isEmpty() ? "" : "  (" + e.note() + ")");
      out.append(row.stripTrailing()).append('\n');
    }
    if (m.build() != null) build(m.build(), out);
    if (m.ram() != null) {
      long largest = 0;
      String where = "";
      for (long[] f : m.freeRanges()) {
        if (f[1] - f[0] > largest) {
          largest = f[1] - f[0];
          where = AddressSpaceCheck.range(f[0], f[1] - f[0]);
        }
      }
      out.append(m.build() != null ? "  free RAM after the build: " : "  free RAM: ")
          .append(Units.size(m.free())).append(" in ")
          .append(m.freeRanges().size()).append(" range").append(m.freeRanges().size() == 1
              ? "" : "s");
      if (largest > 0) out.append(", largest ").append(where);
      if (m.build() != null) {
        out.append(" (in untypeds the monitor could still retype)\n");
      } else {
        out.append("; the system needs about ").append(Units.size(m.needed()))
            .append(m.sdk() != null ? " (the monitor, the invocation table and kernel objects"
                + " also take some)\n"
                : m.map().stream().anyMatch(e -> e.kind().equals("reserved"))
                ? " (kernel objects and the monitor also take some)\n"
                : " (the kernel and loader also take some)\n");
      }
    }
  }

  private static void build(BuildMap b, StringBuilder out) {
    long objects = 0;
    long bytes = 0;
    for (BuildMap.ObjectUse u : b.objects()) {
      objects += u.count();
      bytes += u.bytes();
    }
    out.append("  kernel objects from RAM (image build): ").append(objects).append(" objects, ")
        .append(Units.size(bytes)).append("\n   ");
    for (int i = 0; i < b.objects().size(); i++) {
      BuildMap.ObjectUse u = b.objects().get(i);
      out.append(i == 0 ? " " : ", ").append(u.type()).append(' ').append(u.count())
          .append(" (").append(Units.size(u.bytes())).append(')');
    }
    out.append("\n    ").append(b.fixedPages()).append(" pages at fixed addresses (PD images,"
        + " invocation table, device regions)\n");
    out.append("  untypeds: ").append(b.untypeds()).append(" from the kernel (")
        .append(b.ramUntypeds()).append(" of RAM), ").append(b.usedUntypeds())
        .append(" used\n");
  }

  private static void capacity(CapacityReport c, StringBuilder out) {
    out.append("capacity: ").append(c.pds()).append(" of ").append(c.pdLimit())
        .append(" protection domains; channel and irq ids per PD (of ").append(c.idLimit())
        .append("):");
    for (CapacityReport.Ids ids : c.ids()) {
      out.append(' ').append(ids.pd()).append(' ').append(ids.used());
    }
    out.append('\n');
  }
}
