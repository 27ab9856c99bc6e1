// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import dev.cpkit.graph.Graph.Edge;
import dev.cpkit.graph.Layout.Box;
import dev.cpkit.graph.Layout.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws edges between placed boxes as cubic curves. Each edge leaves and enters a box on the
 * side facing the other end (top or bottom); boxes in the same row are joined by an arc over
 * their tops, and a nested box joins its container just under the container's label. An
 * edge that spans several rows bends around the boxes in between rather than crossing them.
 * Attachment points on a side are spread out in the order of the other ends' x, so parallel
 * edges do not sit on top of each other.
 */
final class EdgeRouter {
  static final double ARC_MAX = 56;
  private final Map<String, Box> boxes;
  private final Set<String> roots;
  private final double width;

  /**
   * @param roots ids of the top-level boxes, which edges spanning rows must avoid
   * @param width the drawing's width, inside which labels are kept
   */
  EdgeRouter(Map<String, Box> boxes, Set<String> roots, double width) {
    this.boxes = boxes;
    this.roots = roots;
    this.width = width;
  }

  private enum Shape {
    VERTICAL,
    ARC,
    NESTED
  }

  /** A side (top, bottom, or inner: under a container's label) of a node's box. */
  private record Side(String node, String side) {}

  /** One end of an edge on one side of a box, before its x is known. */
  private static final class Port {
    final int edge;
    final double otherX;
    /** Same-row arcs leaving towards the right: ties go outermost first, so arcs nest. */
    final boolean reverseTies;
    double x;
    double y;

    Port(int edge, double otherX, boolean reverseTies) {
      this.edge = edge;
      this.otherX = otherX;
      this.reverseTies = reverseTies;
    }
  }

  List<Route> route(List<Edge> edges) {
    Map<Side, List<Port>> sides = new LinkedHashMap<>();
    Port[][] ports = new Port[edges.size()][];
    Shape[] shapes = new Shape[edges.size()];
    for (int i = 0; i < edges.size(); i++) {
      Box a = boxes.get(edges.get(i).from());
      Box b = boxes.get(edges.get(i).to());
      if (a == null || b == null) continue;
      Shape shape;
      String sideA;
      String sideB;
      if (contains(a, b) || contains(b, a)) {
        shape = Shape.NESTED;
        sideA = contains(a, b) ? "inner" : "top";
        sideB = contains(a, b) ? "top" : "inner";
      } else if (Math.abs(a.cy() - b.cy()) < (a.h() + b.h()) / 2) {
        shape = Shape.ARC;
        sideA = "top";
        sideB = "top";
      } else {
        shape = Shape.VERTICAL;
        sideA = a.cy() < b.cy() ? "bottom" : "top";
        sideB = a.cy() < b.cy() ? "top" : "bottom";
      }
      shapes[i] = shape;
      boolean arc = shape == Shape.ARC;
      Port pa = new Port(i, b.cx(), arc && b.cx() > a.cx());
      Port pb = new Port(i, a.cx(), arc && a.cx() > b.cx());
      ports[i] = new Port[] {pa, pb};
      sides.computeIfAbsent(new Side(edges.get(i).from(), sideA), k -> new ArrayList<>()).add(pa);
      sides.computeIfAbsent(new Side(edges.get(i).to(), sideB), k -> new ArrayList<>()).add(pb);
    }
    for (Map.Entry<Side, List<Port>> e : sides.entrySet()) {
      spread(boxes.get(e.getKey().node()), e.getKey().side(), e.getValue());
    }
    double[] labelAt = labelPositions(ports, shapes);
    List<Route> out = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      if (ports[i] == null) continue;
      out.add(path(edges.get(i), shapes[i], ports[i][0], ports[i][1], labelAt[i]));
    }
    return out;
  }

  /**
   * Where along its curve each edge's label goes. Edges crossing the same gap between rows
   * would put their labels side by side at one height; taken left to right, they cycle
   * through three heights instead, so neighbouring labels do not overprint each other.
   */
  private static double[] labelPositions(Port[][] ports, Shape[] shapes) {
    double[] t = new double[ports.length];
    List<Integer> vertical = new ArrayList<>();
    for (int i = 0; i < ports.length; i++) {
      t[i] = 0.5;
      if (ports[i] != null && shapes[i] == Shape.VERTICAL) vertical.add(i);
    }
    vertical.sort(Comparator.<Integer>comparingDouble(
            i -> Math.round(Math.min(ports[i][0].y, ports[i][1].y) / 40))
        .thenComparingDouble(i -> (ports[i][0].x + ports[i][1].x) / 2)
        .thenComparingInt(i -> i));
    double[] cycle = {0.5, 0.28, 0.72};
    for (int k = 0; k < vertical.size(); k++) {
      int i = vertical.get(k);
      double tt = cycle[k % 3];
      // t runs from the edge's 'from' end; flip it so heights are the same whichever way
      // the edge points.
      t[i] = ports[i][0].y < ports[i][1].y ? tt : 1 - tt;
    }
    return t;
  }

  private static boolean contains(Box outer, Box inner) {
    return outer.container() && inner.x() >= outer.x() && inner.y() > outer.y()
        && inner.x() + inner.w() <= outer.x() + outer.w()
        && inner.y() + inner.h() <= outer.y() + outer.h();
  }

  private static void spread(Box box, String side, List<Port> ports) {
    ports.sort((p, q) -> {
      int c = Double.compare(p.otherX, q.otherX);
      if (c != 0) return c;
      return p.reverseTies ? Integer.compare(q.edge, p.edge) : Integer.compare(p.edge, q.edge);
    });
    int n = ports.size();
    for (int i = 0; i < n; i++) {
      Port p = ports.get(i);
      double frac = n == 1 ? 0.5 : 0.15 + 0.7 * i / (n - 1);
      p.x = box.x() + box.w() * frac;
      p.y = switch (side) {
        case "bottom" -> box.y() + box.h();
        case "inner" -> Double.NaN; // the container end of a nested edge; set in path()
        default -> box.y();
      };
    }
  }

  private Route path(Edge e, Shape shape, Port a, Port b, double labelT) {
    double x1 = a.x;
    double y1 = a.y;
    double x2 = b.x;
    double y2 = b.y;
    return switch (shape) {
      case NESTED -> {
        // The container's end sits just above the child, under the container's label.
        if (Double.isNaN(y1)) {
          x1 = x2;
          y1 = y2 - Layout.INNER_GAP + 4;
        } else {
          x2 = x1;
          y2 = y1 - Layout.INNER_GAP + 4;
        }
        yield new Route(e, "M" + n(x1) + "," + n(y1) + " L" + n(x2) + "," + n(y2),
            clampX(x1 + 6 + e.label().length() * 3.1, e.label()), (y1 + y2) / 2 + 4);
      }
      case ARC -> {
        double h = Math.min(ARC_MAX, 22 + 0.12 * Math.abs(x2 - x1));
        double[] c1 = {x1, y1 - h};
        double[] c2 = {x2, y2 - h};
        double[] mid = point(0.5, x1, y1, c1, c2, x2, y2);
        yield new Route(e, "M" + n(x1) + "," + n(y1) + curve(c1, c2, x2, y2),
            clampX(mid[0], e.label()), mid[1] + 3);
      }
      case VERTICAL -> vertical(e, x1, y1, x2, y2, labelT);
    };
  }

  /**
   * A top-to-bottom (or bottom-to-top) edge through waypoints beside the boxes it would
   * otherwise cross; each piece is a cubic with vertical tangents, so the joins are smooth.
   */
  private Route vertical(Edge e, double x1, double y1, double x2, double y2, double labelT) {
    List<double[]> points = new ArrayList<>();
    points.add(new double[] {x1, y1});
    List<Box> between = new ArrayList<>();
    double top = Math.min(y1, y2);
    double bottom = Math.max(y1, y2);
    for (String id : roots) {
      Box b = boxes.get(id);
      if (b != null && b.y() > top + 1 && b.y() + b.h() < bottom - 1) between.add(b);
    }
    between.sort(Comparator.comparingDouble(b -> y1 < y2 ? b.cy() : -b.cy()));
    for (Box b : between) {
      double[] last = points.get(points.size() - 1);
      double f = (b.cy() - last[1]) / (y2 - last[1]);
      double x = last[0] + (x2 - last[0]) * f;
      if (x < b.x() - 6 || x > b.x() + b.w() + 6) continue;
      double wx = x - b.x() < b.x() + b.w() - x ? b.x() - 12 : b.x() + b.w() + 12;
      points.add(new double[] {wx, b.cy()});
    }
    points.add(new double[] {x2, y2});
    StringBuilder d = new StringBuilder("M" + n(x1) + "," + n(y1));
    double[] label = null;
    for (int i = 1; i < points.size(); i++) {
      double[] p = points.get(i - 1);
      double[] q = points.get(i);
      double k = Math.max(20, Math.abs(q[1] - p[1]) / 2) * Math.signum(q[1] - p[1]);
      double[] c1 = {p[0], p[1] + k};
      double[] c2 = {q[0], q[1] - k};
      d.append(curve(c1, c2, q[0], q[1]));
      if (i == 1) label = point(points.size() == 2 ? labelT : 0.5, p[0], p[1], c1, c2, q[0], q[1]);
    }
    return new Route(e, d.toString(), clampX(label[0], e.label()), label[1] + 3);
  }

  private static String curve(double[] c1, double[] c2, double x, double y) {
    return " C" + n(c1[0]) + "," + n(c1[1]) + " " + n(c2[0]) + "," + n(c2[1]) + " " + n(x) + ","
        + n(y);
  }

  private static double[] point(double t, double x1, double y1, double[] c1, double[] c2,
      double x2, double y2) {
    double u = 1 - t;
    return new double[] {
      u * u * u * x1 + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t * t * t * x2,
      u * u * u * y1 + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t * t * t * y2
    };
  }

  /** Keeps a centred label inside the drawing. */
  private double clampX(double x, String label) {
    double half = label.length() * Layout.LABEL_CHAR_W / 2 + 4;
    return Math.max(half, Math.min(width - half, x));
  }

  /** Coordinates with one decimal, always the same text for the same value. */
  static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
