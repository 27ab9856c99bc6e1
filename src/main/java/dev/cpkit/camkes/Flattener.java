// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.camkes.CamkesModel.ComponentType;
import dev.cpkit.camkes.CamkesModel.End;
import dev.cpkit.camkes.CamkesModel.Instance;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens the assembly's composition into instances, connections and settings with full
 * names (CAmkES stage 7): an instance {@code x} inside compound instance {@code p} becomes
 * {@code p.x}; an end naming an exported interface of a compound instance is followed, through
 * any number of exports, to the inner instance that implements it.
 */
final class Flattener {
  static final int MAX_DEPTH = 32;

  /** A connection statement with resolved ends, before connector checks and merging. */
  record RawConnection(String name, CamkesModel.Connector connector, List<End> from,
      List<End> to, SourceSpan span) {}

  /** A setting with a full target name; {@code reference} is {@code [target, attribute]} or null. */
  record RawSetting(String target, String attribute, Value value, List<String> reference,
      List<Value> lookup, SourceSpan span) {}

  private final Resolver resolver;
  private final DiagnosticSink sink;
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final Map<String, ComponentType> typeOf = new HashMap<>();
  private final Map<String, Map<String, End>> exports = new HashMap<>();
  private final List<RawConnection> connections = new ArrayList<>();
  private final List<RawSetting> settings = new ArrayList<>();
  private final List<CamkesModel.Connector> inlineConnectors = new ArrayList<>();
  private final Map<String, String> groupNames = new HashMap<>();
  /** Every end named by a connection statement, valid or not (so one error does not cascade). */
  private final java.util.Set<String> mentionedEnds = new java.util.HashSet<>();
  /** {@code group.instance} names, which connection ends may use, to the instance name. */
  private final Map<String, String> groupAliases = new HashMap<>();
  private int depth;

  Flattener(Resolver resolver, DiagnosticSink sink) {
    this.resolver = resolver;
    this.sink = sink;
  }

  List<Instance> instances() {
    return List.copyOf(instances.values());
  }

  ComponentType typeOf(String instance) {
    return typeOf.get(instance);
  }

  Map<String, End> exportsOf(String instance) {
    return exports.getOrDefault(instance, Map.of());
  }

  java.util.Set<String> mentionedEnds() {
    return mentionedEnds;
  }

  List<RawConnection> connections() {
    return connections;
  }

  List<RawSetting> settings() {
    return settings;
  }

  List<CamkesModel.Connector> inlineConnectors() {
    return inlineConnectors;
  }

  /**
   * Adds the instances and connections of {@code comp}; {@code prefix} is "" at the top and
   * "p." inside compound instance {@code enclosing} = "p".
   */
  void composition(Ast.Composition comp, String prefix, String enclosing) {
    if (++depth > MAX_DEPTH) {
      sink.report(Diags.error("CAM140", "compound components nested too deeply (more than "
          + MAX_DEPTH + " levels; is a component its own part?)", comp.span()));
      depth--;
      return;
    }
    for (Ast.InstanceDecl d : comp.instances()) instance(d, prefix);
    if (enclosing != null) {
      for (Ast.Export e : comp.exports()) export(e, prefix, enclosing);
    }
    for (Ast.ConnectionDecl c : comp.connections()) connection(c, prefix, enclosing);
    depth--;
  }

  private void instance(Ast.InstanceDecl d, String prefix) {
    String name = prefix + d.name();
    ComponentType type;
    Ast.Component body = d.inline();
    if (body == null) {
      body = resolver.lookup(resolver.components, d.type(), "component", d.typeSpan());
      if (body == null) return;
      type = resolver.typeOf(body, d.type());
    } else {
      type = resolver.typeOf(body, "<anonymous " + name + ">");
    }
    String space = name;
    if (d.group() != null) {
      space = groupNames.computeIfAbsent(prefix + "\0" + d.group(), k -> d.group().startsWith("unnamed_group@")
          ? "unnamed_group_" + groupNames.size() : prefix + d.group());
    }
    Instance inst = new Instance(name, type.name(), space, d.span());
    Instance old = instances.putIfAbsent(name, inst);
    if (old != null) {
      sink.report(Diags.error("CAM105", "duplicate instance name '" + name + "'", d.span(),
          new Diagnostic.Note("previous instance", old.span())));
      return;
    }
    typeOf.put(name, type);
    if (d.group() != null && !d.group().startsWith("unnamed_group@")) {
      groupAliases.put(prefix + d.group() + "." + d.name(), name);
    }
    if (body.composition() != null) {
      Ast.Composition inner = body.composition();
      if (inner.reference() != null) {
        inner = resolver.lookup(resolver.compositions, inner.reference(), "composition", inner.span());
      }
      if (inner != null) composition(inner, name + ".", name);
    }
    if (body.configuration() != null) {
      Ast.Configuration conf = body.configuration();
      if (conf.reference() != null) {
        conf = resolver.lookup(resolver.configurations, conf.reference(), "configuration", conf.span());
      }
      if (conf != null) configuration(conf, name + ".", name);
    }
  }

  // export inner.if -> outer_if: the compound instance's outer_if is the inner instance's if.
  private void export(Ast.Export e, String prefix, String enclosing) {
    End inner = end(e.inner(), prefix, enclosing, e.span(), "export");
    if (inner == null) return;
    String outer = e.outer().get(e.outer().size() - 1);
    ComponentType t = typeOf.get(enclosing);
    if (t.iface(outer).isEmpty()) {
      sink.report(Diags.error("CAM141", "exported interface '" + outer + "' is not declared by component '"
          + t.name() + "'", e.span(), Diags.didYouMean(outer, t.interfaces().stream().map(CamkesModel.Interface::name).toList())));
      return;
    }
    exports.computeIfAbsent(enclosing, k -> new HashMap<>()).put(outer, inner);
  }

  private void connection(Ast.ConnectionDecl c, String prefix, String enclosing) {
    CamkesModel.Connector connector;
    if (c.inline() != null) {
      connector = resolver.connectorModel(c.inline(), "<anonymous " + prefix + c.name() + ">");
      inlineConnectors.add(connector);
    } else {
      connector = resolver.connector(c.connector());
      if (connector == null) {
        sink.report(Diags.error("CAM122", "unknown connector '" + c.connector() + "'", c.connectorSpan(),
            Diags.didYouMean(c.connector(), resolver.connectors.keySet())));
      }
    }
    List<End> from = new ArrayList<>();
    List<End> to = new ArrayList<>();
    boolean ok = connector != null;
    for (Ast.EndDecl d : c.ends()) {
      End e = end(d.path(), prefix, enclosing, d.span(), "connection '" + prefix + c.name() + "'");
      if (e == null) {
        ok = false;
      } else {
        (d.from() ? from : to).add(e);
        mentionedEnds.add(e.toString());
      }
    }
    if (ok) connections.add(new RawConnection(prefix + c.name(), connector, from, to, c.span()));
  }

  /** Resolves an end path to an instance and interface, following exports; null after an error. */
  private End end(List<String> path, String prefix, String enclosing, SourceSpan span, String where) {
    String inst;
    if (path.size() == 1) {
      if (enclosing == null) {
        sink.report(Diags.error("CAM120", "'" + path.get(0) + "' in " + where
            + " must name an instance and an interface (instance.interface)", span));
        return null;
      }
      inst = enclosing;
    } else {
      inst = prefix + String.join(".", path.subList(0, path.size() - 1));
    }
    String iface = path.get(path.size() - 1);
    inst = groupAliases.getOrDefault(inst, inst);
    ComponentType type = typeOf.get(inst);
    if (type == null) {
      String shown = inst.substring(prefix.length());
      List<String> names = instances.keySet().stream().filter(n -> n.startsWith(prefix))
          .map(n -> n.substring(prefix.length())).toList();
      sink.report(Diags.error("CAM120", "unknown instance '" + shown + "' in " + where, span,
          Diags.didYouMean(shown, names)));
      return null;
    }
    if (type.iface(iface).isEmpty()) {
      sink.report(Diags.error("CAM121", "component '" + type.name() + "' (instance '" + inst
          + "') has no interface '" + iface + "'", span,
          Diags.didYouMean(iface, type.interfaces().stream().map(CamkesModel.Interface::name).toList())));
      return null;
    }
    for (int hops = 0; hops < MAX_DEPTH && exportsOf(inst).containsKey(iface); hops++) {
      End next = exportsOf(inst).get(iface);
      inst = next.instance();
      iface = next.iface();
    }
    return new End(inst, iface, span);
  }

  /** Adds settings; inside compound instance {@code enclosing}, targets are prefixed. */
  void configuration(Ast.Configuration conf, String prefix, String enclosing) {
    for (Ast.Setting s : conf.settings()) {
      List<String> ref = null;
      if (s.reference() != null) {
        List<String> r = s.reference();
        if (r.size() == 1) {
          if (enclosing == null) {
            sink.report(Diags.error("CAM134", "attribute reference '" + r.get(0)
                + "' must name an instance and an attribute (instance.attribute)", s.span()));
            continue;
          }
          ref = List.of(enclosing, r.get(0));
        } else {
          ref = List.of(prefix + String.join(".", r.subList(0, r.size() - 1)), r.get(r.size() - 1));
        }
      }
      settings.add(new RawSetting(prefix + s.target(), s.attribute(), s.value(), ref, s.lookup(), s.span()));
    }
  }
}
