// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.camkes.CamkesModel.Connection;
import dev.cpkit.camkes.CamkesModel.End;
import dev.cpkit.camkes.CamkesModel.EndType;
import dev.cpkit.camkes.CamkesModel.Interface;
import dev.cpkit.camkes.CamkesModel.InterfaceKind;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks connection ends against their connector and merges connections as CAmkES stages 9
 * and 10 do: connections that share an end (same instance, interface and side) become one
 * connection named by their sorted names joined with '.', which must use one connector and
 * respect its end counts (a singular side takes one end). Also reports non-optional
 * interfaces that nothing connects.
 */
final class ConnectionMerger {
  private final Flattener flat;
  private final DiagnosticSink sink;

  ConnectionMerger(Flattener flat, DiagnosticSink sink) {
    this.flat = flat;
    this.sink = sink;
  }

  List<Connection> merge(List<Flattener.RawConnection> raw) {
    List<Flattener.RawConnection> valid = new ArrayList<>();
    for (Flattener.RawConnection c : raw) if (checkEnds(c)) valid.add(c);

    int[] parent = new int[valid.size()];
    for (int i = 0; i < parent.length; i++) parent[i] = i;
    Map<String, int[]> seen = new HashMap<>(); // end -> {connection, 1 if from}
    for (int i = 0; i < valid.size(); i++) {
      Flattener.RawConnection c = valid.get(i);
      for (boolean from : new boolean[] {true, false}) {
        for (End e : from ? c.from() : c.to()) {
          int[] prev = seen.putIfAbsent(e.toString(), new int[] {i, from ? 1 : 0});
          if (prev == null) continue;
          if ((prev[1] == 1) != from) {
            sink.report(Diags.error("CAM125", "duplicate use of interface '" + e + "': it is a "
                + side(prev[1] == 1) + " end of connection '" + valid.get(prev[0]).name() + "' and a "
                + side(from) + " end of connection '" + c.name() + "'", e.span()));
          } else {
            union(parent, prev[0], i);
          }
        }
      }
    }
    Map<Integer, List<Flattener.RawConnection>> groups = new LinkedHashMap<>();
    for (int i = 0; i < valid.size(); i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(valid.get(i));
    }
    List<Connection> out = new ArrayList<>();
    for (List<Flattener.RawConnection> g : groups.values()) {
      Connection c = combine(g);
      out.add(c);
    }
    return out;
  }

  private static String side(boolean from) {
    return from ? "'from'" : "'to'";
  }

  private Connection combine(List<Flattener.RawConnection> group) {
    Flattener.RawConnection first = group.get(0);
    for (Flattener.RawConnection c : group) {
      if (!c.connector().name().equals(first.connector().name())) {
        sink.report(Diags.error("CAM126", "connections '" + first.name() + "' and '" + c.name()
            + "' share an end but use different connectors (" + first.connector().name() + ", "
            + c.connector().name() + ")", c.span(), new Diagnostic.Note("other connection", first.span())));
        break; // reported; merge anyway so that later checks do not cascade
      }
    }
    TreeSet<String> names = new TreeSet<>();
    List<End> from = new ArrayList<>();
    List<End> to = new ArrayList<>();
    Set<String> ends = new HashSet<>();
    for (Flattener.RawConnection c : group) {
      names.add(c.name());
      for (End e : c.from()) if (ends.add("f" + e)) from.add(e);
      for (End e : c.to()) if (ends.add("t" + e)) to.add(e);
    }
    String name = String.join(".", names);
    CamkesModel.Connector k = first.connector();
    if (!k.from().many() && from.size() > 1) tooMany(name, "from", k, first);
    if (!k.to().many() && to.size() > 1) tooMany(name, "to", k, first);
    checkTypes(name, k, from, to, first);
    return new Connection(name, k.name(), from, to, List.copyOf(names), first.span());
  }

  /**
   * All ends of a connection must have one interface type (procedure, event or dataport type:
   * {@code Buf}, {@code Buf(4096)} and a C type all differ), unless the connector declares
   * {@code disable_interface_type_checking} with a true default, as camkes-tool's
   * Connection.freeze checks.
   */
  private void checkTypes(String name, CamkesModel.Connector k, List<End> from, List<End> to,
      Flattener.RawConnection at) {
    for (CamkesModel.Attribute a : k.attributes()) {
      if (a.name().equals("disable_interface_type_checking") && truthy(a.defaultValue())) return;
    }
    Set<String> types = new java.util.LinkedHashSet<>();
    for (List<End> side : List.of(from, to)) {
      for (End e : side) types.add(flat.typeOf(e.instance()).iface(e.iface()).orElseThrow().type());
    }
    if (types.size() > 1) {
      sink.report(Diags.error("CAM129", "multiple conflicting types for the interfaces of connection '"
          + name + "': " + String.join(", ", types), at.span()));
    }
  }

  private static boolean truthy(Value v) {
    return v instanceof Value.Bool b ? b.value() : v instanceof Value.Int i && i.value() != 0;
  }

  private void tooMany(String name, String side, CamkesModel.Connector k, Flattener.RawConnection at) {
    sink.report(Diags.error("CAM127", "connection '" + name + "' has multiple " + side
        + " ends but its connector type (" + k.name() + ") only permits one", at.span()));
  }

  /** Checks that each end's interface kind fits the connector side; false after an error. */
  private boolean checkEnds(Flattener.RawConnection c) {
    boolean ok = true;
    if (c.from().isEmpty() || c.to().isEmpty()) {
      sink.report(Diags.error("CAM124", "connection '" + c.name() + "' needs at least one 'from' and one 'to' end",
          c.span()));
      ok = false;
    }
    for (boolean from : new boolean[] {true, false}) {
      CamkesModel.Side side = from ? c.connector().from() : c.connector().to();
      InterfaceKind want = expected(side.type(), from);
      for (End e : from ? c.from() : c.to()) {
        Interface i = flat.typeOf(e.instance()).iface(e.iface()).orElseThrow();
        if (i.kind() != want) {
          sink.report(Diags.error("CAM123", "'" + e + "' is a '" + word(i.kind()) + "' interface, but connector '"
              + c.connector().name() + "' needs a '" + word(want) + "' interface on its " + (from ? "from" : "to")
              + " side", e.span()));
          ok = false;
        }
      }
    }
    return ok;
  }

  static InterfaceKind expected(EndType type, boolean from) {
    return switch (type) {
      case PROCEDURE -> from ? InterfaceKind.USES : InterfaceKind.PROVIDES;
      case EVENT -> from ? InterfaceKind.EMITS : InterfaceKind.CONSUMES;
      case DATAPORT -> InterfaceKind.DATAPORT;
    };
  }

  private static String word(InterfaceKind k) {
    return k.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Every uses/consumes/dataport interface that is not 'maybe' must be an end of some connection (or be exported). */
  void checkConnected() {
    Set<String> used = flat.mentionedEnds();
    for (CamkesModel.Instance inst : flat.instances()) {
      for (Interface i : flat.typeOf(inst.name()).interfaces()) {
        // As in CAmkES, provides and emits may stay unconnected.
        if (i.optional() || i.kind() == CamkesModel.InterfaceKind.PROVIDES
            || i.kind() == CamkesModel.InterfaceKind.EMITS || used.contains(inst.name() + "." + i.name())
            || flat.exportsOf(inst.name()).containsKey(i.name())) {
          continue;
        }
        sink.report(Diags.error("CAM128", "non-optional interface '" + inst.name() + "." + i.name()
            + "' is not connected", inst.span(), new Diagnostic.Note("interface declared here", i.span()),
            Diagnostic.Note.hint("connect it, or declare it 'maybe' if it may stay unconnected")));
      }
    }
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  private static void union(int[] p, int a, int b) {
    int ra = find(p, a);
    int rb = find(p, b);
    if (ra != rb) p[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}
