// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A setting or attribute-default value after constant folding. CAmkES values are untyped:
 * integers, floats, strings, booleans, lists, dictionaries, and queries (such as
 * {@code dtb({"path": "/soc/uart"})}) that are kept unresolved.
 */
public sealed interface Value {

  record Int(long value) implements Value {}

  record Float(double value) implements Value {}

  record Str(String value) implements Value {}

  record Bool(boolean value) implements Value {}

  record ListValue(List<Value> items) implements Value {
    public ListValue {
      items = List.copyOf(items);
    }
  }

  /** A dictionary; entries keep their source order. */
  record Dict(List<Entry> entries) implements Value {
    public Dict {
      entries = List.copyOf(entries);
    }
  }

  record Entry(Value key, Value value) {}

  /**
   * A query setting such as {@code dtb({"path": "/pl011@9000000"})}, kept unresolved:
   * {@code name} is the query function, {@code args} its dictionary arguments and
   * {@code lookup} any trailing {@code [key]} selectors.
   */
  record Query(String name, List<Value> args, List<Value> lookup) implements Value {
    public Query {
      args = List.copyOf(args);
      lookup = List.copyOf(lookup);
    }
  }

  /** The value in CAmkES source syntax (deterministic; used by {@code camkes dump}). */
  static String show(Value v) {
    if (v instanceof Int i) return Long.toString(i.value());
    if (v instanceof Float f) return Double.toString(f.value());
    if (v instanceof Str s) return "\"" + s.value() + "\"";
    if (v instanceof Bool b) return b.value() ? "true" : "false";
    if (v instanceof ListValue l) {
      return l.items().stream().map(Value::show).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof Dict d) {
      return d.entries().stream().map(e -> show(e.key()) + ": " + show(e.value()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    Query q = (Query) v;
    return q.name() + q.args().stream().map(Value::show).collect(Collectors.joining(", ", "(", ")"))
        + q.lookup().stream().map(k -> "[" + show(k) + "]").collect(Collectors.joining());
  }

  /** The value's kind as a word for messages ("integer", "string", ...). */
  static String kind(Value v) {
    if (v instanceof Int) return "integer";
    if (v instanceof Float) return "float";
    if (v instanceof Str) return "string";
    if (v instanceof Bool) return "boolean";
    if (v instanceof ListValue) return "list";
    if (v instanceof Dict) return "dictionary";
    return "query";
  }
}
