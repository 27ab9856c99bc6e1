// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.dtb.DtbException;
import dev.cpkit.dtb.Fdt;
import dev.cpkit.dtb.Node;
import dev.cpkit.dtb.Property;
import dev.cpkit.dtb.Reg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Answers {@code dtb(...)} query settings from a device tree the way camkes-tool's
 * DtbMatchQuery does, so settings carry the same values the reference hands its templates.
 *
 * <p>Each argument dictionary selects at most one node: {@code "aliases": NAME} (the
 * {@code /aliases} entry), {@code "chosen": PROP} (a {@code /chosen} property such as
 * {@code stdout-path}; text after ':' dropped, an alias followed), else {@code "path": REGEX},
 * searched case-insensitively in every node path in blob order, first match wins, optionally
 * narrowed by {@code "properties": {...}}. A node becomes a dictionary of its properties
 * (cells, strings or signed bytes as lists; properties of sub-nodes keyed "child/prop"), with
 * {@code reg} translated through the buses' {@code ranges}, plus {@code this-address-cells},
 * {@code this-size-cells} and {@code this-node-path}. Without a {@code [key]} lookup the setting
 * is {@code {"query": [node...], "dtb_size": [bytes]}} with non-word characters of keys turned
 * into '_'; with one it is the list of each node's looked-up value (original key names).
 */
final class DtbQueries {
  private final Fdt fdt;
  private final DiagnosticSink sink;

  DtbQueries(Fdt fdt, DiagnosticSink sink) {
    this.fdt = fdt;
    this.sink = sink;
  }

  /**
   * The raw settings with every {@code dtb} query answered. camkes-tool answers queries
   * before it follows {@code <-} references and checks types, so this runs first too;
   * unanswerable queries are CAM151 errors and stay unresolved.
   */
  List<Flattener.RawSetting> answer(List<Flattener.RawSetting> settings) {
    List<Flattener.RawSetting> out = new ArrayList<>(settings.size());
    for (Flattener.RawSetting s : settings) {
      Value v = s.value();
      if (v instanceof Value.Query q && q.name().equals("dtb")) {
        try {
          v = answer(q, s.target() + "." + s.attribute(), s.span());
        } catch (QueryError e) {
          sink.report(Diags.error("CAM151", "cannot answer the dtb query of '" + s.target() + "."
              + s.attribute() + "': " + e.getMessage(), s.span()));
        }
      }
      out.add(v == s.value() ? s : new Flattener.RawSetting(s.target(), s.attribute(), v, s.reference(), s.lookup(), s.span()));
    }
    return out;
  }

  /** A query that the device tree cannot answer; the message completes CAM151. */
  private static final class QueryError extends Exception {
    private static final long serialVersionUID = 1L;

    QueryError(String message) {
      super(message, null, false, false);
    }
  }

  private Value answer(Value.Query q, String setting, dev.cpkit.diag.SourceSpan span) throws QueryError {
    if (q.args().isEmpty()) throw new QueryError("the query has no arguments");
    List<Map<String, Value>> nodes = new ArrayList<>();
    for (Value arg : q.args()) {
      if (!(arg instanceof Value.Dict d)) throw new QueryError("argument " + Value.show(arg) + " is not a dictionary");
      Node n = match(d);
      // dtb([{}]) is the corpus idiom for "no devices"; only a real search that finds nothing warns.
      if (n == null && !d.entries().isEmpty()) {
        sink.report(Diags.warning("CAM152", "dtb query " + Value.show(arg) + " of '" + setting
            + "' matches no device tree node; its result is empty", span));
      }
      nodes.add(n == null ? new LinkedHashMap<>() : describe(n));
    }
    if (q.lookup().isEmpty()) {
      List<Value> items = new ArrayList<>();
      for (Map<String, Value> n : nodes) items.add(dict(n, true));
      Map<String, Value> result = new LinkedHashMap<>();
      result.put("query", new Value.ListValue(items));
      result.put("dtb-size", new Value.ListValue(List.of(new Value.Int(fdt.size()))));
      return dict(result, true);
    }
    List<Value> items = new ArrayList<>();
    for (Map<String, Value> n : nodes) {
      Value item = dict(n, false);
      for (Value key : q.lookup()) item = lookup(item, key);
      items.add(item);
    }
    return new Value.ListValue(items);
  }

  private static Value lookup(Value in, Value key) throws QueryError {
    if (in instanceof Value.Dict d && key instanceof Value.Str k) {
      for (Value.Entry e : d.entries()) {
        if (e.key() instanceof Value.Str s && s.value().equals(k.value())) return e.value();
      }
      List<String> keys = new ArrayList<>();
      for (Value.Entry e : d.entries()) keys.add(((Value.Str) e.key()).value());
      throw new QueryError("no key " + Value.show(key) + " in the node (it has " + (keys.isEmpty() ? "no properties" : String.join(", ", keys)) + ")");
    }
    if (in instanceof Value.ListValue l && key instanceof Value.Int i) {
      long idx = i.value() < 0 ? l.items().size() + i.value() : i.value();
      if (idx < 0 || idx >= l.items().size()) {
        throw new QueryError("index " + i.value() + " is out of range for " + Value.show(in));
      }
      return l.items().get((int) idx);
    }
    throw new QueryError("cannot look up " + Value.show(key) + " in " + Value.show(in));
  }

  private static Value dict(Map<String, Value> m, boolean wordKeys) {
    List<Value.Entry> entries = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : m.entrySet()) {
      String k = wordKeys ? wordKey(e.getKey()) : e.getKey();
      Integer at = seen.get(k);
      Value.Entry entry = new Value.Entry(new Value.Str(k), e.getValue());
      if (at != null) {
        entries.set(at, entry);  // a later key that sanitises to the same name wins, as in Python
      } else {
        seen.put(k, entries.size());
        entries.add(entry);
      }
    }
    return new Value.Dict(entries);
  }

  /** camkes-tool's update_dict_keys: keys become C identifiers-ish ("#size-cells" → "_size_cells"). */
  private static String wordKey(String k) {
    StringBuilder b = new StringBuilder(k.length());
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      b.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
    }
    return b.toString();
  }

  private Node match(Value.Dict query) throws QueryError {
    Map<String, Value> args = new LinkedHashMap<>();
    for (Value.Entry e : query.entries()) {
      if (!(e.key() instanceof Value.Str k)) throw new QueryError("query key " + Value.show(e.key()) + " is not a string");
      args.put(k.value(), e.value());
    }
    Value alias = args.get("aliases");
    if (truthy(alias)) return aliasOrChosen(string(alias, "aliases"), true);
    Value chosen = args.get("chosen");
    if (truthy(chosen)) return aliasOrChosen(string(chosen, "chosen"), false);
    List<Node> candidates = new ArrayList<>();
    Value path = args.get("path");
    if (truthy(path)) candidates = byPath(string(path, "path"), false);
    Value props = args.get("properties");
    if (!truthy(props)) return candidates.isEmpty() ? null : candidates.get(0);
    if (!(props instanceof Value.Dict pd)) throw new QueryError("\"properties\" must be a dictionary");
    // As in the reference, a path that matches nothing does not narrow the search.
    if (candidates.isEmpty()) candidates = fdt.nodes();
    for (Node n : candidates) {
      if (matchesProperties(n, pd)) return n;
    }
    return null;
  }

  // Python truthiness, which the reference applies to each query key.
  private static boolean truthy(Value v) {
    if (v == null) return false;
    if (v instanceof Value.Str s) return !s.value().isEmpty();
    if (v instanceof Value.Int i) return i.value() != 0;
    if (v instanceof Value.Bool b) return b.value();
    if (v instanceof Value.Dict d) return !d.entries().isEmpty();
    if (v instanceof Value.ListValue l) return !l.items().isEmpty();
    return true;
  }

  private static String string(Value v, String key) throws QueryError {
    if (v instanceof Value.Str s) return s.value();
    throw new QueryError("\"" + key + "\" must be a string, not " + Value.show(v));
  }

  private Node aliasOrChosen(String name, boolean isAlias) throws QueryError {
    String where = isAlias ? "aliases" : "chosen";
    Node holder = fdt.root().child(where);
    if (holder == null) throw new QueryError("the device tree has no /" + where + " node (looking up '" + name + "')");
    Property p = holder.property(name);
    if (p == null) throw new QueryError("/" + where + " has no entry '" + name + "'");
    if (p.kind() != Property.Kind.STRINGS || p.strings().size() != 1) {
      throw new QueryError("/" + where + "/" + name + " is not a single string");
    }
    String target = p.string();
    if (!isAlias) {
      int colon = target.indexOf(':');
      if (colon >= 0) target = target.substring(0, colon);
      if (!target.startsWith("/")) return aliasOrChosen(target, true);
    }
    List<Node> found = byPath(target, true);
    if (found.isEmpty()) throw new QueryError("/" + where + "/" + name + " names " + target + ", which is not in the device tree");
    if (found.size() > 1) throw new QueryError("/" + where + "/" + name + " names " + target + ", which matches " + found.size() + " nodes");
    return found.get(0);
  }

  /** Nodes whose path contains a match of the regex (literal: the text itself), case-insensitive. */
  private List<Node> byPath(String regex, boolean literal) throws QueryError {
    Pattern p;
    try {
      p = Pattern.compile(literal ? Pattern.quote(regex) : regex, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw new QueryError("\"path\" " + regex + " is not a valid regular expression: " + e.getDescription());
    }
    List<Node> out = new ArrayList<>();
    for (Node n : fdt.nodes()) {
      if (p.matcher(n.path()).find()) out.add(n);
    }
    return out;
  }

  /** Every "key" or "key[i]" / "key[*]" must exist and equal the given value. */
  private static boolean matchesProperties(Node n, Value.Dict props) throws QueryError {
    for (Value.Entry e : props.entries()) {
      if (!(e.key() instanceof Value.Str ks)) throw new QueryError("property key " + Value.show(e.key()) + " is not a string");
      String key = ks.value();
      int index = 0;
      int lb = key.indexOf('[');
      if (lb >= 0) {
        int rb = key.indexOf(']', lb);
        if (rb < 0) throw new QueryError("property key '" + key + "' has an unclosed '['");
        String idx = key.substring(lb + 1, rb).strip();
        try {
          index = idx.equals("*") ? -1 : idx.startsWith("0x") ? Integer.parseInt(idx.substring(2), 16) : Integer.parseInt(idx);
        } catch (NumberFormatException x) {
          throw new QueryError("invalid index '" + idx + "' in property key '" + key + "'");
        }
        key = key.substring(0, lb);
      }
      Property p = n.property(key);
      if (p == null || !propertyEquals(p, index, e.value())) return false;
    }
    return true;
  }

  private static boolean propertyEquals(Property p, int index, Value want) {
    List<Value> have = values(p);
    if (p.kind() == Property.Kind.EMPTY) {
      return !truthy(want) || want instanceof Value.Int i && i.value() == 0;
    }
    if (index < 0) return want instanceof Value.ListValue l && l.items().equals(have);
    return index < have.size() && have.get(index).equals(want);
  }

  /** The node as the reference's dictionary (original key names, insertion order). */
  private Map<String, Value> describe(Node n) throws QueryError {
    Map<String, Value> out = new LinkedHashMap<>();
    addProperties(n, "", out);
    Node parent = n.parent();
    int ac = parent.addressCells();
    int sc = parent.sizeCells();
    if (n.property("reg") != null) {
      try {
        List<Value> cells = new ArrayList<>();
        for (Reg r : n.regs()) {
          pack(cells, r.address(), ac, n);
          pack(cells, r.size(), sc, n);
        }
        out.put("reg", new Value.ListValue(cells));
      } catch (DtbException e) {
        throw new QueryError(e.getMessage());
      }
    }
    out.put("this-address-cells", new Value.ListValue(List.of(new Value.Int(ac))));
    out.put("this-size-cells", new Value.ListValue(List.of(new Value.Int(sc))));
    out.put("this-node-path", new Value.Str(n.path()));
    return out;
  }

  /** Properties, then each sub-node's ("child/prop"), in blob order as pyfdt walks them. */
  private static void addProperties(Node n, String prefix, Map<String, Value> out) {
    for (Property p : n.properties()) out.put(prefix + p.name(), new Value.ListValue(values(p)));
    for (Node c : n.children()) addProperties(c, prefix + c.name() + "/", out);
  }

  private static List<Value> values(Property p) {
    List<Value> out = new ArrayList<>();
    switch (p.kind()) {
      case STRINGS -> {
        for (String s : p.strings()) out.add(new Value.Str(s));
      }
      case CELLS -> {
        for (long c : p.cells()) out.add(new Value.Int(c));
      }
      case BYTES -> {
        for (byte b : p.bytes()) out.add(new Value.Int(b));
      }
      default -> { }
    }
    return out;
  }

  private static void pack(List<Value> cells, long v, int count, Node n) throws QueryError {
    if (count < 2 && (count == 0 ? v != 0 : (v >>> 32) != 0)) {
      throw new QueryError("value 0x" + Long.toHexString(v) + " of " + n.path() + " does not fit into "
          + count + " cells");
    }
    for (int i = count - 1; i >= 0; i--) {
      cells.add(new Value.Int(i >= 2 ? 0 : (v >>> (32 * i)) & 0xffffffffL));
    }
  }
}
