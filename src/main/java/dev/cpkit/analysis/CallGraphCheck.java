// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.diag.SourceSpan;
import dev.cpkit.graph.Links;
import dev.cpkit.system.Channel;
import dev.cpkit.system.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protected-procedure-call graph. A call runs the callee at its own priority, which must
 * be strictly above the caller's (seL4CP manual; Microkit rejects the SDF otherwise); calls
 * that form a cycle can deadlock, since a PD blocked in a call cannot serve one; and a passive
 * PD with nothing to call or notify it never runs after init.
 */
final class CallGraphCheck implements Check {

  @Override
  public void run(Context c, Findings out) {
    List<Links.Link> calls = c.links(Links.Kind.PPCALL);
    for (Links.Link l : calls) priority(c, l, out);
    cycles(c, calls, out);
    passive(c, out);
  }

  /** Where a right is granted: Microkit puts pp on the caller's end, sel4cp on the channel. */
  static SourceSpan at(Context c, Links.Link l) {
    Channel ch = l.channel();
    if (!c.system().dialect().isPython()) {
      return ch.a().pd().equals(l.from()) ? ch.a().span() : ch.b().span();
    }
    return ch.span();
  }

  private static void priority(Context c, Links.Link l, Findings out) {
    ProtectionDomain caller = c.pd(l.from());
    ProtectionDomain callee = c.pd(l.to());
    if (caller == null || callee == null || callee.priority() > caller.priority()) return;
    out.add(AnaCode.ANA001, "'" + caller.name() + "' (priority " + caller.priority()
            + ") may call '" + callee.name() + "' (priority " + callee.priority() + "), which"
            + " is not of strictly higher priority", at(c, l))
        .note("'" + callee.name() + "' is declared here", callee.span())
        .hint("the call runs '" + callee.name() + "' at its own priority; a caller of equal or"
            + " higher priority breaks the priority ceiling protected procedures rely on"
            + " (Microkit rejects such a system); raise '" + callee.name() + "' above "
            + caller.priority())
        .report();
  }

  /** Strongly connected components of the call graph (Tarjan), each cycle reported once. */
  private static void cycles(Context c, List<Links.Link> calls, Findings out) {
    Map<String, List<Links.Link>> byCaller = new LinkedHashMap<>();
    for (ProtectionDomain pd : c.system().allProtectionDomains()) {
      byCaller.put(pd.name(), new ArrayList<>());
    }
    for (Links.Link l : calls) byCaller.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(l);
    Tarjan t = new Tarjan(byCaller);
    for (String pd : byCaller.keySet()) if (!t.index.containsKey(pd)) t.visit(pd);
    for (List<String> scc : t.components) {
      boolean selfLoop = scc.size() == 1 && byCaller.get(scc.get(0)).stream()
          .anyMatch(l -> l.to().equals(scc.get(0)));
      if (scc.size() < 2 && !selfLoop) continue;
      List<String> path = cyclePath(scc, byCaller);
      Links.Link first = null;
      for (Links.Link l : byCaller.get(path.get(0))) {
        if (l.to().equals(path.get(1))) first = l;
      }
      Findings.Builder b = out.add(AnaCode.ANA002, "protected procedure calls form a cycle: "
          + String.join(" → ", path), at(c, first));
      for (int i = 1; i + 1 < path.size(); i++) {
        for (Links.Link l : byCaller.get(path.get(i))) {
          if (l.to().equals(path.get(i + 1))) {
            b.note("'" + l.from() + "' may call '" + l.to() + "'", at(c, l));
            break;
          }
        }
      }
      b.hint("a PD waiting for its own call to return cannot serve one, so calls around the"
          + " cycle deadlock; and no priority order can satisfy every call in a cycle").report();
    }
  }

  /** A cycle through the component, starting at its first PD in document order. */
  private static List<String> cyclePath(List<String> scc, Map<String, List<Links.Link>> calls) {
    String start = null;
    for (String pd : calls.keySet()) {
      if (scc.contains(pd)) {
        start = pd;
        break;
      }
    }
    // Breadth-first search inside the component from start back to start.
    Map<String, String> previous = new HashMap<>();
    List<String> queue = new ArrayList<>(List.of(start));
    for (int i = 0; i < queue.size(); i++) {
      String at = queue.get(i);
      for (Links.Link l : calls.get(at)) {
        if (!scc.contains(l.to())) continue;
        if (l.to().equals(start)) {
          List<String> path = new ArrayList<>();
          for (String p = at; p != null; p = previous.get(p)) path.add(0, p);
          path.add(start);
          return path;
        }
        if (!previous.containsKey(l.to()) && !l.to().equals(start)) {
          previous.put(l.to(), at);
          queue.add(l.to());
        }
      }
    }
    return List.of(start, start);
  }

  private static final class Tarjan {
    final Map<String, List<Links.Link>> edges;
    final Map<String, Integer> index = new HashMap<>();
    final Map<String, Integer> low = new HashMap<>();
    final List<String> stack = new ArrayList<>();
    final List<List<String>> components = new ArrayList<>();
    int next;

    Tarjan(Map<String, List<Links.Link>> edges) {
      this.edges = edges;
    }

    void visit(String v) {
      index.put(v, next);
      low.put(v, next);
      next++;
      stack.add(v);
      for (Links.Link l : edges.getOrDefault(v, List.of())) {
        String w = l.to();
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (stack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        List<String> scc = new ArrayList<>();
        String w;
        do {
          w = stack.remove(stack.size() - 1);
          scc.add(0, w);
        } while (!w.equals(v));
        components.add(scc);
      }
    }
  }

  /** Passive PDs run only on a call or a notification (or their interrupt). */
  private static void passive(Context c, Findings out) {
    for (ProtectionDomain pd : c.system().allProtectionDomains()) {
      if (!pd.passive() || !pd.irqs().isEmpty()) continue;
      boolean entered = false;
      for (Links.Link l : c.links()) if (l.to().equals(pd.name())) entered = true;
      if (entered) continue;
      out.add(AnaCode.ANA003, "passive protection domain '" + pd.name() + "' can never run"
              + " after init(): nothing can call or notify it and it has no interrupt",
              pd.span())
          .hint("a passive PD gives up its scheduling context after init() and runs only on a"
              + " caller's; give it a channel (with pp, for calls) or make it active")
          .report();
    }
  }
}
