// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import static dev.cpkit.diag.JsonRenderer.quote;

import dev.cpkit.diag.JsonRenderer;
import dev.cpkit.diag.Severity;
import java.util.List;

/**
 * One JSON object for CI: findings (each as in {@code check --message-format json}), counts,
 * memory, physical map and capacity. Sizes and addresses are numbers of bytes.
 */
public final class JsonReport {
  private JsonReport() {}

  public static String render(Report r) {
    StringBuilder out = new StringBuilder("{");
    out.append("\"file\":");
    quote(out, r.file());
    if (r.system() != null) {
      out.append(",\"dialect\":");
      quote(out, r.system().dialect().id());
      out.append(",\"board\":");
      quote(out, r.system().board().name());
    }
    out.append(",\"valid\":").append(r.system() != null);
    out.append(",\"counts\":{\"error\":").append(r.count(Severity.ERROR))
        .append(",\"warning\":").append(r.count(Severity.WARNING)).append(",\"note\":")
        .append(r.count(Severity.NOTE)).append('}');
    out.append(",\"findings\":[");
    String lines = new JsonRenderer().render(r.findings());
    out.append(String.join(",", lines.isEmpty() ? List.of() : List.of(lines.strip().split("\n"))));
    out.append(']');
    if (r.memory() != null) memory(r.memory(), out);
    if (r.capacity() != null) capacity(r.capacity(), out);
    out.append(",\"remarks\":[");
    for (int i = 0; i < r.remarks().size(); i++) {
      if (i > 0) out.append(',');
      quote(out, r.remarks().get(i));
    }
    out.append("]}\n");
    return out.toString();
  }

  private static void memory(MemoryReport m, StringBuilder out) {
    out.append(",\"memory\":{\"spaces\":[");
    for (int i = 0; i < m.spaces().size(); i++) {
      MemoryReport.Space s = m.spaces().get(i);
      if (i > 0) out.append(',');
      out.append("{\"name\":");
      quote(out, s.name());
      out.append(",\"kind\":");
      quote(out, s.what());
      out.append(",\"regions\":").append(s.regions()).append(",\"stack\":").append(s.stack())
          .append(",\"ipcBuffer\":").append(s.ipcBuffer()).append(",\"image\":")
          .append(s.image() < 0 ? "null" : Long.toString(s.image())).append(",\"pageTables\":")
          .append(s.pageTables()).append(",\"total\":").append(s.total()).append('}');
    }
    out.append("],\"allocated\":").append(m.allocated()).append(",\"overhead\":")
        .append(m.overhead()).append(",\"needed\":").append(m.needed());
    out.append(",\"ram\":");
    if (m.ram() == null) {
      out.append("null");
    } else {
      out.append("{\"source\":");
      quote(out, m.ram().source());
      out.append(",\"total\":").append(m.ram().total()).append(",\"free\":").append(m.free())
          .append(",\"freeRanges\":[");
      for (int i = 0; i < m.freeRanges().size(); i++) {
        long[] f = m.freeRanges().get(i);
        if (i > 0) out.append(',');
        out.append("{\"base\":").append(f[0]).append(",\"size\":").append(f[1] - f[0])
            .append('}');
      }
      out.append("]}");
    }
    build(m, out);
    out.append(",\"physicalMap\":[");
    for (int i = 0; i < m.map().size(); i++) {
      MemoryReport.MapEntry e = m.map().get(i);
      if (i > 0) out.append(',');
      out.append("{\"base\":").append(e.base()).append(",\"size\":").append(e.size())
          .append(",\"kind\":");
      quote(out, e.kind());
      out.append(",\"region\":");
      if (e.name().isEmpty()) out.append("null");
      else quote(out, e.name());
      out.append(",\"users\":[");
      for (int j = 0; j < e.users().size(); j++) {
        if (j > 0) out.append(',');
        quote(out, e.users().get(j));
      }
      out.append("]");
      if (!e.note().isEmpty()) {
        out.append(",\"note\":");
        quote(out, e.note());
      }
      out.append("}");
    }
    out.append("]}");
  }

  /** With --sdk: where from, and what the image build used (null when nothing was built). */
  private static void build(MemoryReport m, StringBuilder out) {
    if (m.sdk() == null) return;
    out.append(",\"sdk\":");
    quote(out, m.sdk().where());
    out.append(",\"build\":");
    BuildMap b = m.build();
    if (b == null) {
      out.append("null");
      return;
    }
    out.append("{\"objects\":[");
    for (int i = 0; i < b.objects().size(); i++) {
      BuildMap.ObjectUse u = b.objects().get(i);
      if (i > 0) out.append(',');
      out.append("{\"type\":");
      quote(out, u.type());
      out.append(",\"count\":").append(u.count()).append(",\"bytes\":").append(u.bytes())
          .append('}');
    }
    out.append("],\"fixedPages\":").append(b.fixedPages()).append(",\"untypeds\":")
        .append(b.untypeds()).append(",\"ramUntypeds\":").append(b.ramUntypeds())
        .append(",\"usedUntypeds\":").append(b.usedUntypeds()).append('}');
  }

  private static void capacity(CapacityReport c, StringBuilder out) {
    out.append(",\"capacity\":{\"pds\":").append(c.pds()).append(",\"pdLimit\":")
        .append(c.pdLimit()).append(",\"idLimit\":").append(c.idLimit()).append(",\"ids\":{");
    for (int i = 0; i < c.ids().size(); i++) {
      if (i > 0) out.append(',');
      quote(out, c.ids().get(i).pd());
      out.append(':').append(c.ids().get(i).used());
    }
    out.append("}}");
  }
}
