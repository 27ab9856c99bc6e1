// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A system as a graph for people to look at: the one model behind the DOT, SVG and HTML
 * writers. Everything is in document order so that every writer's output is deterministic.
 *
 * @param title the system's file name
 */
public record Graph(String title, List<Node> nodes, List<Edge> edges) {

  public Graph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  public enum NodeKind {
    PD("protection domain"),
    VM("virtual machine"),
    MR("memory region"),
    IRQ("interrupt");

    private final String description;

    NodeKind(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }

    public String cssClass() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum EdgeKind {
    /** A region mapped into a PD or VM; from the PD/VM to the region. */
    MAP,
    /** A channel; from end a to end b, arrow heads where notification is allowed. */
    CHANNEL,
    /** A protected procedure call right; from caller to callee. */
    PPCALL,
    /** Interrupt delivery; from the irq to its PD. */
    IRQ;

    public String cssClass() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A node.
   *
   * @param id unique and stable ({@code pd:ping}, {@code mr:buf}, {@code irq:driver:7})
   * @param name what the SDF calls it
   * @param lines the label under the name (attributes that matter at a glance)
   * @param attributes every attribute, for tooltips and the DOT tooltip
   * @param parent the id of the PD this node is nested in, or null
   */
  public record Node(String id, NodeKind kind, String name, List<String> lines,
      Map<String, String> attributes, String parent) {
    public Node {
      lines = List.copyOf(lines);
      attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
  }

  /**
   * An edge.
   *
   * @param notifyFrom CHANNEL: {@code from} may notify {@code to}
   * @param notifyTo CHANNEL: {@code to} may notify {@code from}
   */
  public record Edge(String id, EdgeKind kind, String from, String to, String label,
      Map<String, String> attributes, boolean notifyFrom, boolean notifyTo) {
    public Edge {
      attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
  }

  public Node node(String id) {
    for (Node n : nodes) if (n.id().equals(id)) return n;
    return null;
  }

  public List<Node> children(String parentId) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) if (parentId == null ? n.parent() == null : parentId.equals(n.parent())) {
      out.add(n);
    }
    return out;
  }

  public List<Node> nodes(NodeKind kind) {
    return nodes.stream().filter(n -> n.kind() == kind).toList();
  }
}
