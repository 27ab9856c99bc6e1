// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import static dev.cpkit.graph.EdgeRouter.n;
import static dev.cpkit.graph.Xml.escape;

import dev.cpkit.graph.Graph.Edge;
import dev.cpkit.graph.Graph.Node;
import dev.cpkit.graph.Layout.Box;
import dev.cpkit.graph.Layout.Route;
import java.util.Map;

/**
 * SVG from {@link Layout}: no Graphviz needed. Styling is CSS classes in an embedded style
 * sheet, and every node and edge carries {@code data-} attributes naming what it is, so the
 * HTML page can highlight them without knowing how they were drawn.
 */
public final class SvgWriter {
  private SvgWriter() {}

  static final String STYLE = """
      .cpkit-graph { background: #ffffff; }
      .cpkit-graph .title { font-size: 15px; font-weight: bold; fill: #222; }
      .cpkit-graph .node rect { stroke-width: 1.4; }
      .cpkit-graph .node.pd > rect { fill: #dbe8f7; stroke: #4a6fa5; }
      .cpkit-graph .node.pd.container > rect { fill: #f1f6fc; }
      .cpkit-graph .node.vm > rect { fill: #e8dbf7; stroke: #7a4fb0; stroke-dasharray: 5 3; }
      .cpkit-graph .node.mr > rect { fill: #f7f0db; stroke: #a58a4a; }
      .cpkit-graph .node.irq > rect { fill: #f7dbdb; stroke: #b02f2f; }
      .cpkit-graph .node text { fill: #1d1d1d; }
      .cpkit-graph .node text.name { font-weight: bold; }
      .cpkit-graph .edge path { fill: none; stroke-width: 1.5; }
      .cpkit-graph .edge text { font-size: 10px; fill: #333; paint-order: stroke;
        stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
      .cpkit-graph .edge.map path { stroke: #3b6ea8; stroke-dasharray: 5 3; }
      .cpkit-graph .edge.map.writable path { stroke: #b5482c; stroke-dasharray: none; }
      .cpkit-graph .edge.channel path { stroke: #2f7d4a; }
      .cpkit-graph .edge.ppcall path { stroke: #7a3fb0; stroke-width: 2.6; }
      .cpkit-graph .edge.irq path { stroke: #b02f2f; stroke-dasharray: 2 3; }
      """;

  public static String write(Graph g) {
    return write(g, Layout.of(g));
  }

  static String write(Graph g, Layout.Result layout) {
    StringBuilder out = new StringBuilder();
    String w = n(layout.width());
    String h = n(layout.height());
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cpkit-graph\" width=\"")
        .append(w).append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w)
        .append(' ').append(h).append("\" font-family=\"DejaVu Sans Mono, Menlo, Consolas,"
            + " monospace\" font-size=\"12\">\n");
    out.append("<style>\n").append(STYLE).append("</style>\n");
    out.append("<defs>\n");
    marker(out, "arrow-channel", "#2f7d4a");
    marker(out, "arrow-ppcall", "#7a3fb0");
    marker(out, "arrow-irq", "#b02f2f");
    out.append("</defs>\n");
    out.append("<rect x=\"0\" y=\"0\" width=\"").append(w).append("\" height=\"").append(h)
        .append("\" fill=\"#ffffff\"/>\n");
    out.append("<text class=\"title\" x=\"").append(n(Layout.MARGIN)).append("\" y=\"")
        .append(n(Layout.MARGIN + 4)).append("\">").append(escape(g.title())).append("</text>\n");
    out.append("<g class=\"nodes\">\n");
    // Containers first so that their children are drawn on top of them.
    for (Node node : g.nodes()) {
      Box b = layout.boxes().get(node.id());
      if (b != null && b.container()) node(out, node, b);
    }
    for (Node node : g.nodes()) {
      Box b = layout.boxes().get(node.id());
      if (b != null && !b.container()) node(out, node, b);
    }
    out.append("</g>\n<g class=\"edges\">\n");
    for (Route r : layout.routes()) edge(out, r);
    out.append("</g>\n</svg>\n");
    return out.toString();
  }

  private static void marker(StringBuilder out, String id, String colour) {
    out.append("<marker id=\"").append(id).append("\" viewBox=\"0 0 10 10\" refX=\"9\""
        + " refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\""
        + " orient=\"auto-start-reverse\">"
        + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"").append(colour).append("\"/></marker>\n");
  }

  private static void node(StringBuilder out, Node node, Box b) {
    out.append("<g class=\"node ").append(node.kind().cssClass())
        .append(b.container() ? " container" : "").append("\" data-id=\"")
        .append(escape(node.id())).append("\" data-name=\"").append(escape(node.name()))
        .append("\" data-kind=\"").append(node.kind().cssClass()).append("\"");
    if (node.parent() != null) out.append(" data-parent=\"").append(escape(node.parent()))
        .append('"');
    out.append(">\n<title>").append(escape(tooltip(node))).append("</title>\n");
    double rx = switch (node.kind()) {
      case IRQ -> 12;
      case MR -> 2;
      default -> 7;
    };
    out.append("<rect x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y()))
        .append("\" width=\"").append(n(b.w())).append("\" height=\"").append(n(b.h()))
        .append("\" rx=\"").append(n(rx)).append("\"/>\n");
    double cx = b.x() + b.w() / 2;
    double y = b.y() + Layout.PAD_Y + 11.5;
    out.append("<text class=\"name\" x=\"").append(n(cx)).append("\" y=\"").append(n(y))
        .append("\" text-anchor=\"middle\">").append(escape(node.name())).append("</text>\n");
    for (String line : node.lines()) {
      y += Layout.LINE_H;
      out.append("<text x=\"").append(n(cx)).append("\" y=\"").append(n(y))
          .append("\" text-anchor=\"middle\">").append(escape(line)).append("</text>\n");
    }
    out.append("</g>\n");
  }

  static String tooltip(Node node) {
    StringBuilder t = new StringBuilder(node.name());
    for (Map.Entry<String, String> e : node.attributes().entrySet()) {
      t.append('\n').append(e.getKey()).append(": ").append(e.getValue());
    }
    return t.toString();
  }

  private static void edge(StringBuilder out, Route r) {
    Edge e = r.edge();
    boolean writable = e.attributes().getOrDefault("perms", "").contains("w");
    out.append("<g class=\"edge ").append(e.kind().cssClass())
        .append(writable ? " writable" : "").append("\" data-id=\"").append(escape(e.id()))
        .append("\" data-from=\"").append(escape(e.from())).append("\" data-to=\"")
        .append(escape(e.to())).append("\">\n<title>").append(escape(edgeTooltip(e)))
        .append("</title>\n<path d=\"").append(r.path()).append('"');
    switch (e.kind()) {
      case CHANNEL -> {
        if (e.notifyFrom()) out.append(" marker-end=\"url(#arrow-channel)\"");
        if (e.notifyTo()) out.append(" marker-start=\"url(#arrow-channel)\"");
      }
      case PPCALL -> out.append(" marker-end=\"url(#arrow-ppcall)\"");
      case IRQ -> out.append(" marker-end=\"url(#arrow-irq)\"");
      default -> { }
    }
    out.append("/>\n<text x=\"").append(n(r.labelX())).append("\" y=\"").append(n(r.labelY()))
        .append("\" text-anchor=\"middle\">").append(escape(e.label())).append("</text>\n</g>\n");
  }

  static String edgeTooltip(Edge e) {
    String from = e.from().substring(e.from().indexOf(':') + 1);
    String to = e.to().substring(e.to().indexOf(':') + 1);
    StringBuilder t = new StringBuilder(switch (e.kind()) {
      case MAP -> from + " maps " + to;
      case CHANNEL -> "channel " + from + " ↔ " + to;
      case PPCALL -> from + " may call " + to + " (protected procedure)";
      case IRQ -> "interrupt delivered to " + to;
    });
    for (Map.Entry<String, String> a : e.attributes().entrySet()) {
      t.append('\n').append(a.getKey()).append(": ").append(a.getValue());
    }
    return t.toString();
  }
}
