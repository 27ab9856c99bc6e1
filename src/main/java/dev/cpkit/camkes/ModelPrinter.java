// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.camkes.CamkesModel.Attribute;
import dev.cpkit.camkes.CamkesModel.ComponentType;
import dev.cpkit.camkes.CamkesModel.Connection;
import dev.cpkit.camkes.CamkesModel.End;
import dev.cpkit.camkes.CamkesModel.Instance;
import dev.cpkit.camkes.CamkesModel.Interface;
import dev.cpkit.camkes.CamkesModel.Setting;
import dev.cpkit.diag.JsonRenderer;
import dev.cpkit.diag.SourceSpan;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders a {@link CamkesModel} for {@code cpkit camkes dump}: as text for people, or as one
 * JSON document. Output is deterministic (model order, which is source order) and names where
 * each element was declared.
 */
public final class ModelPrinter {
  private ModelPrinter() {}

  /** The model as indented text. */
  public static String text(CamkesModel m) {
    StringBuilder b = new StringBuilder();
    Set<String> usedTypes = new TreeSet<>();
    m.instances().forEach(i -> usedTypes.add(i.type()));
    b.append("component types:\n");
    for (ComponentType t : m.componentTypes()) {
      if (!usedTypes.contains(t.name())) continue;
      b.append("  ").append(t.name());
      if (t.control()) b.append(" control");
      if (t.hardware()) b.append(" hardware");
      if (t.compound()) b.append(" compound");
      b.append("  @ ").append(where(t.span())).append('\n');
      for (Interface i : t.interfaces()) {
        b.append("    ").append(i.optional() ? "maybe " : "").append(word(i.kind())).append(' ')
            .append(i.type()).append(' ').append(i.name()).append('\n');
      }
      for (Attribute a : t.attributes()) {
        b.append("    attribute ").append(a.type()).append(' ').append(a.name()).append(a.array() ? "[]" : "");
        if (a.defaultValue() != null) b.append(" = ").append(Value.show(a.defaultValue()));
        b.append('\n');
      }
      for (CamkesModel.Sync s : t.syncs()) b.append("    has ").append(s.kind()).append(' ').append(s.name()).append('\n');
    }
    b.append("instances:\n");
    for (Instance i : m.instances()) {
      b.append("  ").append(i.name()).append(": ").append(i.type());
      if (!i.addressSpace().equals(i.name())) b.append(" (address space ").append(i.addressSpace()).append(')');
      b.append("  @ ").append(where(i.span())).append('\n');
    }
    b.append("connections:\n");
    for (Connection c : m.connections()) {
      b.append("  ").append(c.name()).append(": ").append(c.connector()).append("  @ ")
          .append(where(c.span())).append('\n');
      for (End e : c.from()) b.append("    from ").append(e).append('\n');
      for (End e : c.to()) b.append("    to ").append(e).append('\n');
    }
    b.append("settings:\n");
    for (Setting s : m.settings()) {
      b.append("  ").append(s.target()).append('.').append(s.attribute()).append(" = ")
          .append(Value.show(s.value()));
      if (s.source() != CamkesModel.SettingSource.EXPLICIT) {
        b.append(" (").append(s.source().name().toLowerCase(Locale.ROOT)).append(')');
      }
      b.append("  @ ").append(where(s.span())).append('\n');
    }
    if (!m.schedule().isEmpty()) {
      b.append("schedule:\n");
      for (CamkesModel.ScheduleEntry e : m.schedule()) {
        b.append("  domain ").append(e.domain()).append(" for ").append(e.duration()).append(' ')
            .append(e.unit()).append('\n');
      }
    }
    return b.toString();
  }

  private static String word(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String where(SourceSpan s) {
    String macro = s.origin() != null && s.origin().macro() != null ? " (macro " + s.origin().macro() + ")" : "";
    return s.fileName() + ":" + s.line() + ":" + s.column() + macro;
  }

  /** The whole model as one JSON object (keys in a fixed order). */
  public static String json(CamkesModel m) {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"componentTypes\": [");
    list(b, m.componentTypes(), ModelPrinter::type);
    b.append("],\n  \"procedures\": [");
    list(b, m.procedures(), (o, p) -> {
      o.append("{\"name\": ");
      JsonRenderer.quote(o, p.name());
      o.append(", \"methods\": [");
      list(o, p.methods(), (o2, x) -> JsonRenderer.quote(o2, x.name()));
      o.append("], ").append(loc(p.span())).append('}');
    });
    b.append("],\n  \"connectors\": [");
    list(b, m.connectors(), (o, c) -> {
      o.append("{\"name\": ");
      JsonRenderer.quote(o, c.name());
      o.append(", \"from\": ").append(side(c.from())).append(", \"to\": ").append(side(c.to()))
          .append(", ").append(loc(c.span())).append('}');
    });
    b.append("],\n  \"instances\": [");
    list(b, m.instances(), (o, i) -> {
      o.append("{\"name\": ");
      JsonRenderer.quote(o, i.name());
      o.append(", \"type\": ");
      JsonRenderer.quote(o, i.type());
      o.append(", \"addressSpace\": ");
      JsonRenderer.quote(o, i.addressSpace());
      o.append(", ").append(loc(i.span())).append('}');
    });
    b.append("],\n  \"connections\": [");
    list(b, m.connections(), (o, c) -> {
      o.append("{\"name\": ");
      JsonRenderer.quote(o, c.name());
      o.append(", \"connector\": ");
      JsonRenderer.quote(o, c.connector());
      o.append(", \"from\": [");
      list(o, c.from(), ModelPrinter::end);
      o.append("], \"to\": [");
      list(o, c.to(), ModelPrinter::end);
      o.append("], \"declaredAs\": [");
      list(o, c.declaredAs(), JsonRenderer::quote);
      o.append("], ").append(loc(c.span())).append('}');
    });
    b.append("],\n  \"settings\": [");
    list(b, m.settings(), (o, s) -> {
      o.append("{\"target\": ");
      JsonRenderer.quote(o, s.target());
      o.append(", \"attribute\": ");
      JsonRenderer.quote(o, s.attribute());
      o.append(", \"value\": ");
      value(o, s.value());
      o.append(", \"source\": \"").append(word(s.source())).append("\", ").append(loc(s.span())).append('}');
    });
    b.append("],\n  \"schedule\": [");
    list(b, m.schedule(), (o, e) -> o.append("{\"domain\": ").append(e.domain()).append(", \"duration\": ")
        .append(e.duration()).append(", \"unit\": \"").append(e.unit()).append("\"}"));
    b.append("],\n  \"files\": [");
    list(b, m.files(), JsonRenderer::quote);
    return b.append("]\n}\n").toString();
  }

  private static void type(StringBuilder o, ComponentType t) {
    o.append("{\"name\": ");
    JsonRenderer.quote(o, t.name());
    o.append(", \"control\": ").append(t.control()).append(", \"hardware\": ").append(t.hardware())
        .append(", \"compound\": ").append(t.compound()).append(", \"interfaces\": [");
    list(o, t.interfaces(), (o2, i) -> {
      o2.append("{\"kind\": \"").append(word(i.kind())).append("\", \"type\": ");
      JsonRenderer.quote(o2, i.type());
      o2.append(", \"name\": ");
      JsonRenderer.quote(o2, i.name());
      o2.append(", \"optional\": ").append(i.optional()).append('}');
    });
    o.append("], \"attributes\": [");
    list(o, t.attributes(), (o2, a) -> {
      o2.append("{\"type\": ");
      JsonRenderer.quote(o2, a.type());
      o2.append(", \"name\": ");
      JsonRenderer.quote(o2, a.name());
      o2.append(", \"array\": ").append(a.array()).append(", \"default\": ");
      if (a.defaultValue() == null) o2.append("null");
      else value(o2, a.defaultValue());
      o2.append('}');
    });
    o.append("], \"syncs\": [");
    list(o, t.syncs(), (o2, s) -> o2.append("{\"kind\": \"").append(s.kind()).append("\", \"name\": \"")
        .append(s.name()).append("\"}"));
    o.append("], ").append(loc(t.span())).append('}');
  }

  private static String side(CamkesModel.Side s) {
    return "{\"type\": \"" + word(s.type()) + "\", \"many\": " + s.many() + ", \"hardware\": " + s.hardware()
        + ", \"threads\": " + s.threads() + "}";
  }

  private static void end(StringBuilder o, End e) {
    o.append("{\"instance\": ");
    JsonRenderer.quote(o, e.instance());
    o.append(", \"interface\": ");
    JsonRenderer.quote(o, e.iface());
    o.append(", ").append(loc(e.span())).append('}');
  }

  /** Values as JSON; a query becomes {"query": name, "args": [...], "lookup": [...]}. */
  static void value(StringBuilder o, Value v) {
    if (v instanceof Value.Int i) o.append(i.value());
    else if (v instanceof Value.Float f) o.append(f.value());
    else if (v instanceof Value.Bool x) o.append(x.value());
    else if (v instanceof Value.Str s) JsonRenderer.quote(o, s.value());
    else if (v instanceof Value.ListValue l) {
      o.append('[');
      list(o, l.items(), ModelPrinter::value);
      o.append(']');
    } else if (v instanceof Value.Dict d) {
      o.append("{\"dict\": [");
      list(o, d.entries(), (o2, e) -> {
        o2.append('[');
        value(o2, e.key());
        o2.append(", ");
        value(o2, e.value());
        o2.append(']');
      });
      o.append("]}");
    } else {
      Value.Query q = (Value.Query) v;
      o.append("{\"query\": ");
      JsonRenderer.quote(o, q.name());
      o.append(", \"args\": [");
      list(o, q.args(), ModelPrinter::value);
      o.append("], \"lookup\": [");
      list(o, q.lookup(), ModelPrinter::value);
      o.append("]}");
    }
  }

  private static String loc(SourceSpan s) {
    StringBuilder o = new StringBuilder("\"file\": ");
    JsonRenderer.quote(o, s.fileName());
    return o.append(", \"line\": ").append(s.line()).append(", \"column\": ").append(s.column()).toString();
  }

  private static <T> void list(StringBuilder b, List<T> items, java.util.function.BiConsumer<StringBuilder, T> each) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) b.append(", ");
      each.accept(b, items.get(i));
    }
  }
}
