// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * seL4CP lets a PD call only PDs of strictly higher priority. Most CAmkES apps set no
 * priorities, so PDs without one are placed in layers from the RPC call graph: a PD that calls
 * nobody gets 254 (the CAmkES default), a caller one below the lowest PD it calls. Explicit
 * priorities are kept; if they break the rule it is an error (MIG005) unless
 * {@code --fix-priorities}, which raises servers. A call cycle is an error (MIG006).
 */
final class PriorityDeriver {
  private PriorityDeriver() {}

  static void apply(Context ctx) {
    Map<String, Set<String>> calls = new LinkedHashMap<>();
    Map<String, List<Context.RpcEdge>> edgesByClient = new LinkedHashMap<>();
    for (PdPlan pd : ctx.plan.pds()) calls.put(pd.instance, new LinkedHashSet<>());
    for (Context.RpcEdge e : ctx.rpcEdges) {
      if (!calls.containsKey(e.client()) || !calls.containsKey(e.server())) continue;
      calls.get(e.client()).add(e.server());
      edgesByClient.computeIfAbsent(e.client(), k -> new ArrayList<>()).add(e);
    }
    List<String> order = new ArrayList<>(); // servers before their clients
    if (!topological(ctx, calls, edgesByClient, order)) return;
    for (String inst : order) {
      PdPlan pd = ctx.plan.pd(inst);
      if (pd.explicitPriority != null) continue;
      int p = 254;
      for (String s : calls.get(inst)) p = Math.min(p, ctx.plan.pd(s).priority - 1);
      pd.priority = Math.max(p, 0);
      boolean caller = !calls.get(inst).isEmpty();
      ctx.report.add("instance " + inst + " priority (not set)", caller ? Kind.APPROXIMATE
          : Kind.EXACT, "priority=\"" + pd.priority + "\""
          + (caller ? " (derived: below every PD it calls)" : " (the CAmkES default)"),
          caller ? "protected calls need the server above the caller; set priorities in the"
              + " .system if the derived layering does not suit the system" : "",
          ctx.instanceSpan(inst));
    }
    // servers without a priority sit at 254 by default; an explicit caller at 254 needs more
    for (int round = 0; round < calls.size() + 1; round++) {
      boolean changed = false;
      for (Context.RpcEdge e : ctx.rpcEdges) {
        PdPlan c = ctx.plan.pd(e.client());
        PdPlan s = ctx.plan.pd(e.server());
        if (c == null || s == null || s.priority > c.priority) continue;
        if (s.explicitPriority == null || ctx.options.fixPriorities()) {
          if (c.priority + 1 <= 254 && s.priority != c.priority + 1) {
            s.priority = c.priority + 1;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    Set<String> reported = new LinkedHashSet<>();
    for (Context.RpcEdge e : ctx.rpcEdges) {
      PdPlan c = ctx.plan.pd(e.client());
      PdPlan s = ctx.plan.pd(e.server());
      if (c == null || s == null || s.priority > c.priority) continue;
      if (!reported.add(e.client() + ">" + e.server())) continue;
      ctx.error(Code.MIG005, "instance '" + e.client() + "' (priority " + c.priority
          + ") calls '" + e.server() + "' (priority " + s.priority + ") through connection '"
          + e.connection().name() + "', but seL4CP requires the server's priority to be"
          + " strictly higher than every caller's", e.connection().span(),
          ctx.options.fixPriorities() ? "the server cannot go above 254: lower '"
              + e.client() + "._priority'" : "set '" + e.server() + "._priority' above "
              + c.priority + ", or rerun with --fix-priorities to raise servers automatically");
    }
    for (PdPlan pd : ctx.plan.pds()) {
      if (pd.explicitPriority != null && pd.priority != pd.explicitPriority) {
        ctx.report.add("instance " + pd.instance + " priority " + pd.explicitPriority,
            Kind.APPROXIMATE, "raised to " + pd.priority + " by --fix-priorities",
            "", ctx.instanceSpan(pd.instance));
      }
    }
  }

  /** Kahn's algorithm on the reversed graph, so that servers come first; false on a cycle. */
  private static boolean topological(Context ctx, Map<String, Set<String>> calls,
      Map<String, List<Context.RpcEdge>> edges, List<String> order) {
    Map<String, Integer> pending = new LinkedHashMap<>();
    for (var e : calls.entrySet()) pending.put(e.getKey(), e.getValue().size());
    boolean progress = true;
    while (progress) {
      progress = false;
      for (var e : pending.entrySet()) {
        if (e.getValue() == 0) {
          String done = e.getKey();
          order.add(done);
          e.setValue(-1);
          for (var c : calls.entrySet()) {
            if (c.getValue().contains(done)) pending.merge(c.getKey(), -1, Integer::sum);
          }
          progress = true;
        }
      }
    }
    if (order.size() == calls.size()) return true;
    List<String> cycle = findCycle(calls, pending);
    Context.RpcEdge first = edges.get(cycle.get(0)).get(0);
    ctx.error(Code.MIG006, "RPC calls form a cycle: " + String.join(" -> ", cycle)
        + "; seL4CP requires each server above its callers, which a cycle cannot satisfy",
        first.connection().span(), "break the cycle: replace one call with a notification and"
        + " shared memory, or merge the components into one");
    return false;
  }

  private static List<String> findCycle(Map<String, Set<String>> calls,
      Map<String, Integer> pending) {
    String start = null;
    for (var e : pending.entrySet()) if (e.getValue() > 0) { start = e.getKey(); break; }
    List<String> path = new ArrayList<>();
    String cur = start;
    while (!path.contains(cur)) {
      path.add(cur);
      for (String next : calls.get(cur)) {
        if (pending.get(next) > 0) { cur = next; break; }
      }
    }
    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(cur), path.size()));
    cycle.add(cur);
    return cycle;
  }
}
