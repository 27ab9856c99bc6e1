// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import dev.cpkit.graph.Graph.Edge;
import dev.cpkit.graph.Graph.Node;
import dev.cpkit.graph.Graph.NodeKind;
import java.util.List;
import java.util.Map;

/**
 * Graphviz DOT. A PD with children or a virtual machine becomes a cluster holding itself and
 * them, which is how Graphviz nests; {@code dot -Tsvg} renders it.
 */
public final class DotWriter {
  private final StringBuilder out = new StringBuilder();
  private final Graph g;

  private DotWriter(Graph g) {
    this.g = g;
  }

  public static String write(Graph g) {
    DotWriter w = new DotWriter(g);
    w.run();
    return w.out.toString();
  }

  private void run() {
    out.append("digraph ").append(quote(g.title())).append(" {\n");
    out.append("  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=11, newrank=true,"
        + " label=").append(quote(g.title())).append(", labelloc=t];\n");
    out.append("  node [fontname=\"Helvetica\", fontsize=10, style=filled];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (Node n : g.children(null)) node(n, "  ");
    for (Edge e : g.edges()) edge(e);
    out.append("}\n");
  }

  private void node(Node n, String indent) {
    List<Node> inner = g.children(n.id());
    if (inner.isEmpty()) {
      out.append(indent).append(quote(n.id())).append(" [").append(style(n.kind()))
          .append(", label=").append(quote(label(n))).append(", tooltip=")
          .append(quote(tooltip(n.attributes()))).append("];\n");
      return;
    }
    out.append(indent).append("subgraph ").append(quote("cluster_" + n.id())).append(" {\n");
    out.append(indent).append("  label=").append(quote(n.name())).append("; style=rounded;"
        + " color=\"#4a6fa5\";\n");
    out.append(indent).append("  ").append(quote(n.id())).append(" [").append(style(n.kind()))
        .append(", label=").append(quote(label(n))).append(", tooltip=")
        .append(quote(tooltip(n.attributes()))).append("];\n");
    for (Node c : inner) node(c, indent + "  ");
    out.append(indent).append("}\n");
  }

  private static String style(NodeKind kind) {
    return switch (kind) {
      case PD -> "shape=box, style=\"rounded,filled\", fillcolor=\"#dbe8f7\"";
      case VM -> "shape=box3d, fillcolor=\"#e8dbf7\"";
      case MR -> "shape=cylinder, fillcolor=\"#f7f0db\"";
      case IRQ -> "shape=cds, fillcolor=\"#f7dbdb\"";
    };
  }

  private void edge(Edge e) {
    out.append("  ").append(quote(e.from())).append(" -> ").append(quote(e.to())).append(" [");
    switch (e.kind()) {
      case MAP -> {
        String perms = e.attributes().getOrDefault("perms", "");
        out.append(perms.contains("w") ? "color=\"#b5482c\"" : "color=\"#3b6ea8\"");
        if (!perms.contains("w")) out.append(", style=dashed");
      }
      case CHANNEL -> out.append("dir=both, arrowhead=").append(e.notifyFrom() ? "normal" : "none")
          .append(", arrowtail=").append(e.notifyTo() ? "normal" : "none")
          .append(", color=\"#2f7d4a\"");
      case PPCALL -> out.append("style=bold, color=\"#7a3fb0\", arrowhead=vee");
      case IRQ -> out.append("style=dotted, color=\"#b02f2f\"");
    }
    out.append(", label=").append(quote(e.label())).append(", tooltip=")
        .append(quote(e.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
            + tooltip(e.attributes())))
        .append("];\n");
  }

  private static String label(Node n) {
    StringBuilder b = new StringBuilder(n.name());
    for (String line : n.lines()) b.append('\n').append(line);
    return b.toString();
  }

  static String tooltip(Map<String, String> attributes) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (b.length() > 0) b.append("; ");
      b.append(e.getKey()).append('=').append(e.getValue());
    }
    return b.toString();
  }

  /** A DOT double-quoted string: quotes and backslashes escaped, newlines as \n. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> { }
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
