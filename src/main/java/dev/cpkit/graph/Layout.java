// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import dev.cpkit.graph.Graph.Edge;
import dev.cpkit.graph.Graph.EdgeKind;
import dev.cpkit.graph.Graph.Node;
import dev.cpkit.graph.Graph.NodeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small layered layout, so that {@code cpkit graph --format svg} needs no Graphviz. Rows
 * from top to bottom: interrupts, then protection domains layered by protected-procedure
 * calls (callers above the PDs they call, as priority must rise towards the callee), then
 * memory regions. Within a row, blocks are ordered by the barycentre of their neighbours
 * (a few sweeps, ties by document order), which keeps most edges short and uncrossed. A PD
 * with children or a virtual machine is a box that contains their boxes.
 */
public final class Layout {
  static final double CHAR_W = 7.3;
  static final double LINE_H = 15;
  static final double PAD_X = 10;
  static final double PAD_Y = 7;
  static final double GAP_X = 28;
  static final double GAP_Y = 110;
  static final double MARGIN = 24;
  static final double TITLE_H = 26;
  /** Width of a character in an edge label (10 px font). */
  static final double LABEL_CHAR_W = 6.1;
  /** Room above the first row for arcs between its boxes. */
  static final double ARC_ROOM = EdgeRouter.ARC_MAX * 0.75 + 10;
  /** Room between a container's label and its children, for edges from child to parent. */
  static final double INNER_GAP = 30;

  /** A node's rectangle; {@code container} when it holds nested nodes. */
  public record Box(double x, double y, double w, double h, boolean container) {
    double cx() {
      return x + w / 2;
    }

    double cy() {
      return y + h / 2;
    }
  }

  /** An edge's path (SVG path data) and where its label goes. */
  public record Route(Edge edge, String path, double labelX, double labelY) {}

  public record Result(Map<String, Box> boxes, List<Route> routes, double width,
      double height) {}

  private final Graph g;
  private final Map<String, double[]> sizes = new HashMap<>();
  private final Map<String, Box> boxes = new LinkedHashMap<>();
  private final Map<String, String> top = new HashMap<>();
  /** Top-level blocks joined by an edge (in either direction), for ordering and placing. */
  private final Map<String, List<String>> neighbours = new HashMap<>();

  private Layout(Graph g) {
    this.g = g;
  }

  public static Result of(Graph g) {
    return new Layout(g).run();
  }

  private Result run() {
    List<Node> roots = g.children(null);
    for (Node n : roots) {
      measure(n);
      markTop(n, n.id());
    }
    List<List<Node>> rows = rows(roots);
    order(rows);
    // Wide enough for the title and for edge labels beside the outermost boxes.
    double width = Math.max(360, g.title().length() * 9.0);
    for (List<Node> row : rows) width = Math.max(width, rowWidth(row) + 120);
    Map<String, Double> left = positions(rows, width);
    double y = MARGIN + TITLE_H + (arcsIn(rows.isEmpty() ? List.of() : rows.get(0)) ? ARC_ROOM : 8);
    for (List<Node> row : rows) {
      double rowH = 0;
      for (Node n : row) rowH = Math.max(rowH, sizes.get(n.id())[1]);
      for (Node n : row) place(n, MARGIN + left.get(n.id()), y);
      y += rowH + GAP_Y;
    }
    double height = y - GAP_Y + MARGIN;
    Set<String> rootIds = new java.util.LinkedHashSet<>();
    for (Node n : roots) rootIds.add(n.id());
    List<Route> routes = new EdgeRouter(boxes, rootIds, width + 2 * MARGIN).route(g.edges());
    return new Result(boxes, routes, width + 2 * MARGIN, height);
  }

  /** Whether an edge joins two blocks of this row (drawn as an arc above it). */
  private boolean arcsIn(List<Node> row) {
    Set<String> ids = new HashSet<>();
    for (Node n : row) ids.add(n.id());
    for (Edge e : g.edges()) {
      String a = top.get(e.from());
      String b = top.get(e.to());
      if (a != null && b != null && !a.equals(b) && ids.contains(a) && ids.contains(b)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Left x of every block. The widest row is centred; every other row puts each block as
   * near as it can to the mean x of its neighbours in other rows, keeping the row's order and
   * gaps, so that a lone interrupt sits above its PD rather than in the middle.
   */
  private Map<String, Double> positions(List<List<Node>> rows, double width) {
    Map<String, Double> centre = centres(rows);
    int anchor = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (rowWidth(rows.get(i)) > rowWidth(rows.get(anchor))) anchor = i;
    }
    double shift = (width - widest(rows)) / 2;
    centre.replaceAll((k, v) -> v + shift);
    for (int pass = 0; pass < 3; pass++) {
      for (int r = 0; r < rows.size(); r++) {
        if (r == anchor) continue;
        List<Node> row = rows.get(r);
        double[] l = new double[row.size()];
        double prevRight = -GAP_X;
        for (int i = 0; i < row.size(); i++) {
          Node n = row.get(i);
          double w = sizes.get(n.id())[0];
          double want = centre.get(n.id());
          double sum = 0;
          int count = 0;
          for (String m : neighbours.getOrDefault(n.id(), List.of())) {
            if (row.stream().anyMatch(o -> o.id().equals(m))) continue;
            sum += centre.get(m);
            count++;
          }
          if (count > 0) want = sum / count;
          l[i] = Math.max(Math.max(0, want - w / 2), prevRight + GAP_X);
          prevRight = l[i] + w;
        }
        double limit = width;
        for (int i = row.size() - 1; i >= 0; i--) {
          double w = sizes.get(row.get(i).id())[0];
          l[i] = Math.min(l[i], limit - w);
          limit = l[i] - GAP_X;
        }
        for (int i = 0; i < row.size(); i++) {
          centre.put(row.get(i).id(), l[i] + sizes.get(row.get(i).id())[0] / 2);
        }
      }
    }
    Map<String, Double> left = new HashMap<>();
    centre.forEach((k, v) -> left.put(k, v - sizes.get(k)[0] / 2));
    return left;
  }

  private double widest(List<List<Node>> rows) {
    double w = 0;
    for (List<Node> row : rows) w = Math.max(w, rowWidth(row));
    return w;
  }

  /** Width and height of a node's box, containers sized to hold their children in a row. */
  private double[] measure(Node n) {
    int chars = n.name().length();
    for (String l : n.lines()) chars = Math.max(chars, l.length());
    double w = Math.max(96, chars * CHAR_W + 2 * PAD_X);
    double h = (1 + n.lines().size()) * LINE_H + 2 * PAD_Y;
    List<Node> inner = g.children(n.id());
    if (!inner.isEmpty()) {
      double iw = 0;
      double ih = 0;
      for (Node c : inner) {
        double[] cs = measure(c);
        iw += cs[0] + (iw > 0 ? GAP_X / 2 : 0);
        ih = Math.max(ih, cs[1]);
      }
      w = Math.max(w, iw + 2 * PAD_X);
      h = h + INNER_GAP + ih + PAD_Y;
    }
    double[] size = {w, h};
    sizes.put(n.id(), size);
    return size;
  }

  private void markTop(Node n, String root) {
    top.put(n.id(), root);
    for (Node c : g.children(n.id())) markTop(c, root);
  }

  private void place(Node n, double x, double y) {
    double[] s = sizes.get(n.id());
    List<Node> inner = g.children(n.id());
    boxes.put(n.id(), new Box(x, y, s[0], s[1], !inner.isEmpty()));
    if (inner.isEmpty()) return;
    double headerH = (1 + n.lines().size()) * LINE_H + 2 * PAD_Y;
    double iw = 0;
    for (Node c : inner) iw += sizes.get(c.id())[0];
    iw += GAP_X / 2 * (inner.size() - 1);
    double cx = x + (s[0] - iw) / 2;
    for (Node c : inner) {
      place(c, cx, y + headerH + INNER_GAP);
      cx += sizes.get(c.id())[0] + GAP_X / 2;
    }
  }

  private double rowWidth(List<Node> row) {
    double w = 0;
    for (Node n : row) w += sizes.get(n.id())[0];
    return w + GAP_X * Math.max(0, row.size() - 1);
  }

  /** Interrupts, PD layers by protected-call depth, then memory regions. */
  private List<List<Node>> rows(List<Node> roots) {
    List<Node> pds = roots.stream().filter(n -> n.kind() == NodeKind.PD || n.kind() == NodeKind.VM)
        .toList();
    Map<String, List<String>> calls = new LinkedHashMap<>();
    for (Edge e : g.edges()) {
      if (e.kind() != EdgeKind.PPCALL) continue;
      String a = top.get(e.from());
      String b = top.get(e.to());
      if (a != null && b != null && !a.equals(b)) {
        calls.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
      }
    }
    Map<String, Integer> depth = new HashMap<>();
    for (Node n : pds) depth(n.id(), calls, depth, new HashSet<>());
    int layers = 0;
    for (int d : depth.values()) layers = Math.max(layers, d + 1);
    List<List<Node>> rows = new ArrayList<>();
    List<Node> irqs = roots.stream().filter(n -> n.kind() == NodeKind.IRQ).toList();
    if (!irqs.isEmpty()) rows.add(new ArrayList<>(irqs));
    for (int i = 0; i < layers; i++) {
      int layer = i;
      rows.add(new ArrayList<>(pds.stream().filter(n -> depth.get(n.id()) == layer).toList()));
    }
    List<Node> mrs = roots.stream().filter(n -> n.kind() == NodeKind.MR).toList();
    if (!mrs.isEmpty()) rows.add(new ArrayList<>(mrs));
    return rows;
  }

  /** Longest call path from a caller to this PD; edges closing a cycle are ignored. */
  private int depth(String id, Map<String, List<String>> calls, Map<String, Integer> depth,
      Set<String> onPath) {
    Integer known = depth.get(id);
    if (known != null) return known;
    onPath.add(id);
    int d = 0;
    for (Map.Entry<String, List<String>> e : calls.entrySet()) {
      if (e.getValue().contains(id) && !onPath.contains(e.getKey())) {
        d = Math.max(d, depth(e.getKey(), calls, depth, onPath) + 1);
      }
    }
    onPath.remove(id);
    depth.put(id, d);
    return d;
  }

  /** Barycentre sweeps: each row sorted by the mean x of its blocks' neighbours. */
  private void order(List<List<Node>> rows) {
    for (Edge e : g.edges()) {
      String a = top.get(e.from());
      String b = top.get(e.to());
      if (a == null || b == null || a.equals(b)) continue;
      neighbours.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
      neighbours.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
    }
    for (int sweep = 0; sweep < 6; sweep++) {
      Map<String, Double> x = centres(rows);
      for (List<Node> row : rows) {
        Map<String, Double> key = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < row.size(); i++) {
          Node n = row.get(i);
          index.put(n.id(), i);
          double sum = 0;
          int count = 0;
          for (String m : neighbours.getOrDefault(n.id(), List.of())) {
            if (row.stream().anyMatch(r -> r.id().equals(m))) continue;
            sum += x.get(m);
            count++;
          }
          key.put(n.id(), count == 0 ? x.get(n.id()) : sum / count);
        }
        row.sort(Comparator.<Node>comparingDouble(n -> key.get(n.id()))
            .thenComparingInt(n -> index.get(n.id())));
      }
    }
  }

  private Map<String, Double> centres(List<List<Node>> rows) {
    double width = 0;
    for (List<Node> row : rows) width = Math.max(width, rowWidth(row));
    Map<String, Double> x = new HashMap<>();
    for (List<Node> row : rows) {
      double cx = (width - rowWidth(row)) / 2;
      for (Node n : row) {
        double w = sizes.get(n.id())[0];
        x.put(n.id(), cx + w / 2);
        cx += w + GAP_X;
      }
    }
    return x;
  }
}
