// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import dev.cpkit.camkes.Value;
import java.util.List;

/**
 * CAmkES configuration attributes as typed C: seL4CP's missing attribute mechanism. The
 * header declares {@code extern const} objects under the attributes' names (as CAmkES does);
 * the glue defines them. Struct types are derived from the value (the front end keeps the
 * value, not the declared field types): integers become {@code int64_t}, strings
 * {@code const char *}, nested dictionaries nested structs.
 */
final class AttributeWriter {
  private AttributeWriter() {}

  /** An attribute with its value for one instance. */
  record Attr(CamkesModel.Attribute decl, Value value) {}

  static void declarations(CWriter w, List<Attr> attrs) {
    if (attrs.isEmpty()) return;
    w.line("/* Configuration attributes (CAmkES `attribute` declarations and settings). */");
    for (Attr a : attrs) {
      String name = Names.identifier(a.decl().name());
      structTypes(w, name, a.value(), a.decl());
      w.line("extern const " + declarator(name, a.value(), a.decl()) + ";");
    }
    w.blank();
  }

  static void definitions(CWriter w, List<Attr> attrs) {
    if (attrs.isEmpty()) return;
    w.line("/* Configuration attributes */");
    for (Attr a : attrs) {
      String name = Names.identifier(a.decl().name());
      w.line("const " + declarator(name, a.value(), a.decl()) + " = " + init(a.value()) + ";");
    }
    w.blank();
  }

  /** {@code T name} or {@code T name[N]}, with T from the declaration or the value. */
  private static String declarator(String name, Value v, CamkesModel.Attribute decl) {
    if (v instanceof Value.ListValue l) {
      Value first = l.items().isEmpty() ? new Value.Int(0) : l.items().get(0);
      String t = decl.array() && known(decl.type()) && !(first instanceof Value.Dict)
          ? cType(decl.type(), first)
          : elementType(name, first);
      return t + " " + name + "[" + Math.max(1, l.items().size()) + "]";
    }
    if (v instanceof Value.Dict) return "struct " + name + "_t " + name;
    return (known(decl.type()) ? cType(decl.type(), v) : elementType(name, v)) + " " + name;
  }

  private static boolean known(String t) {
    return !t.equals("struct") && !t.equals("anything") && !t.startsWith("struct ");
  }

  private static String cType(String camkes, Value v) {
    if (camkes.equals("string")) return "char *const";
    if (v instanceof Value.Str && !camkes.equals("char")) return "char *const";
    String t = RpcTypes.cType(camkes);
    return t.equals("double") || t.equals("float") ? t : t;
  }

  private static String elementType(String name, Value v) {
    if (v instanceof Value.Str) return "char *const";
    if (v instanceof Value.Float) return "double";
    if (v instanceof Value.Bool) return "bool";
    if (v instanceof Value.Dict) return "struct " + name + "_t";
    if (v instanceof Value.ListValue) return "int64_t";
    return "int64_t";
  }

  /** Struct definitions for dictionary values, innermost first. */
  private static void structTypes(CWriter w, String name, Value v, CamkesModel.Attribute decl) {
    Value d = v;
    if (v instanceof Value.ListValue l && !l.items().isEmpty()) d = l.items().get(0);
    if (!(d instanceof Value.Dict dict)) return;
    for (Value.Entry e : dict.entries()) {
      String field = Names.identifier(key(e.key()));
      if (e.value() instanceof Value.Dict || e.value() instanceof Value.ListValue lv
          && !lv.items().isEmpty() && lv.items().get(0) instanceof Value.Dict) {
        structTypes(w, name + "_" + field, e.value(), decl);
      }
    }
    w.open("struct " + name + "_t {");
    for (Value.Entry e : dict.entries()) {
      String field = Names.identifier(key(e.key()));
      Value fv = e.value();
      if (fv instanceof Value.ListValue l) {
        Value first = l.items().isEmpty() ? new Value.Int(0) : l.items().get(0);
        w.line(elementType(name + "_" + field, first).replace("char *const", "const char *")
            + " " + field + "[" + Math.max(1, l.items().size()) + "];");
      } else {
        w.line(elementType(name + "_" + field, fv).replace("char *const", "const char *") + " "
            + field + ";");
      }
    }
    w.close("};");
  }

  private static String key(Value k) {
    return k instanceof Value.Str s ? s.value() : Value.show(k);
  }

  /** A C initialiser for a value. */
  static String init(Value v) {
    if (v instanceof Value.Int i) return i.value() == Long.MIN_VALUE ? "INT64_MIN"
        : Long.toString(i.value());
    if (v instanceof Value.Float f) return Double.toString(f.value());
    if (v instanceof Value.Str s) return CWriter.literal(s.value());
    if (v instanceof Value.Bool b) return b.value() ? "true" : "false";
    if (v instanceof Value.ListValue l) {
      if (l.items().isEmpty()) return "{0}";
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < l.items().size(); i++) {
        if (i > 0) sb.append(", ");
        sb.append(init(l.items().get(i)));
      }
      return sb.append('}').toString();
    }
    if (v instanceof Value.Dict d) {
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < d.entries().size(); i++) {
        if (i > 0) sb.append(", ");
        Value.Entry e = d.entries().get(i);
        sb.append('.').append(Names.identifier(key(e.key()))).append(" = ").append(init(e.value()));
      }
      return sb.append('}').toString();
    }
    return "0 /* unresolved query " + CWriter.comment(Value.show(v)) + " */";
  }
}
