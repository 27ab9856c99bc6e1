// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import static dev.cpkit.graph.Xml.escape;

import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One self-contained HTML page: the SVG drawing, a search box, a details panel, hover
 * tooltips, click-to-highlight, and the access matrices. The script and style sheet are
 * cpkit's own resources, inlined; a Content-Security-Policy forbids every network request, so
 * the page works offline and cannot leak what it shows.
 */
public final class HtmlWriter {
  private HtmlWriter() {}

  public static String write(Graph g, SystemDescription s) {
    StringBuilder out = new StringBuilder();
    out.append("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
        style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="cpkit graph">
        """);
    out.append("<title>").append(escape(g.title())).append(" — cpkit graph</title>\n");
    out.append("<style>\n").append(resource("graph.css")).append("</style>\n</head>\n<body>\n");
    out.append("<header>\n<h1>").append(escape(g.title())).append("</h1>\n<span class=\"meta\">")
        .append(escape(s.dialect().id())).append(" · board ").append(escape(s.board().name()))
        .append(" · ").append(count(g.nodes(Graph.NodeKind.PD).size(), "protection domain"))
        .append(" · ").append(count(g.nodes(Graph.NodeKind.MR).size(), "memory region"))
        .append(" · ").append(count(s.channels().size(), "channel")).append("</span>\n");
    out.append("""
        <input id="search" type="search" placeholder="search PDs, regions, irqs…" \
        aria-label="search" autocomplete="off">
        <span id="status"></span>
        </header>
        <main>
        <section id="drawing">
        """);
    out.append(SvgWriter.write(g));
    out.append("""
        </section>
        <aside id="details">
        <h2>Details</h2>
        <p class="hint">Click a protection domain to highlight what it can reach; hover over \
        anything for its attributes; Escape clears.</p>
        <div id="selection"></div>
        """);
    legend(out);
    out.append("</aside>\n</main>\n<section id=\"matrices\">\n");
    AccessMatrix m = AccessMatrix.of(s);
    regionMatrix(out, m);
    pdMatrix(out, m);
    out.append("</section>\n<div id=\"tooltip\" hidden></div>\n<script>\n")
        .append(resource("graph.js")).append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static void legend(StringBuilder out) {
    out.append("""
        <h2>Legend</h2>
        <ul class="legend">
        <li><span class="swatch pd"></span>protection domain (children inside)</li>
        <li><span class="swatch vm"></span>virtual machine</li>
        <li><span class="swatch mr"></span>memory region</li>
        <li><span class="swatch irq"></span>interrupt</li>
        <li><span class="line map-w"></span>map, writable</li>
        <li><span class="line map-r"></span>map, read-only</li>
        <li><span class="line channel"></span>channel (arrow: may notify)</li>
        <li><span class="line ppcall"></span>protected procedure call</li>
        <li><span class="line irq"></span>interrupt delivery</li>
        </ul>
        """);
  }

  private static void regionMatrix(StringBuilder out, AccessMatrix m) {
    out.append("<h2>Access matrix: address spaces × memory regions</h2>\n");
    if (m.regions().isEmpty()) {
      out.append("<p>No memory regions.</p>\n");
      return;
    }
    out.append("<table id=\"matrix-mr\" class=\"matrix\">\n<thead><tr><th></th>");
    for (String r : m.regions()) {
      out.append("<th scope=\"col\" data-id=\"").append(escape(GraphBuilder.mrId(r)))
          .append("\"><span>").append(escape(r)).append("</span></th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (int i = 0; i < m.subjects().size(); i++) {
      String subject = m.subjects().get(i);
      out.append("<tr data-id=\"").append(escape(m.subjectIds().get(i)))
          .append("\"><th scope=\"row\">").append(escape(subject)).append("</th>");
      Map<String, String> row = m.regionAccess().get(subject);
      for (String r : m.regions()) cell(out, row.get(r), r);
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private static void pdMatrix(StringBuilder out, AccessMatrix m) {
    out.append("<h2>Access matrix: protection domains × protection domains</h2>\n"
        + "<p class=\"hint\">A cell holds the rights of the row PD over the column PD, with"
        + " the channel id the row PD uses.</p>\n");
    out.append("<table id=\"matrix-pd\" class=\"matrix\">\n<thead><tr><th></th>");
    for (String pd : m.pds()) {
      out.append("<th scope=\"col\" data-id=\"").append(escape(GraphBuilder.pdId(pd)))
          .append("\"><span>").append(escape(pd)).append("</span></th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (String from : m.pds()) {
      out.append("<tr data-id=\"").append(escape(GraphBuilder.pdId(from)))
          .append("\"><th scope=\"row\">").append(escape(from)).append("</th>");
      for (String to : m.pds()) cell(out, m.pdAccess().get(from).get(to), to);
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private static void cell(StringBuilder out, String value, String column) {
    if (value == null) {
      out.append("<td></td>");
      return;
    }
    java.util.Set<String> classes = new java.util.TreeSet<>();
    for (String part : value.split(", ")) {
      String perms = part.split(" ")[0];
      if (perms.matches("[rwx]+") && perms.contains("w")) classes.add("write");
      if (perms.matches("[rwx]+") && perms.contains("x")) classes.add("exec");
    }
    if (value.contains("call")) classes.add("call");
    out.append("<td class=\"").append(String.join(" ", classes)).append("\" title=\"")
        .append(escape(column)).append(": ").append(escape(value)).append("\">")
        .append(escape(value)).append("</td>");
  }

  static String resource(String name) {
    try (InputStream in = HtmlWriter.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
