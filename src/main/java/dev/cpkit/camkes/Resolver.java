// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.camkes.CamkesModel.Attribute;
import dev.cpkit.camkes.CamkesModel.ComponentType;
import dev.cpkit.camkes.CamkesModel.Connector;
import dev.cpkit.camkes.CamkesModel.EndType;
import dev.cpkit.camkes.CamkesModel.Interface;
import dev.cpkit.camkes.CamkesModel.InterfaceKind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the items of all files into a {@link CamkesModel}: collects declarations (duplicate
 * names are errors), checks component types, then runs the {@link Flattener} (instances,
 * exports, connection ends), the {@link ConnectionMerger} (connector checks, N-to-1) and the
 * {@link SettingChecker} (attribute types, references, defaults). Keeps going after errors.
 */
final class Resolver {
  private final DiagnosticSink sink;
  private final SourceFile top;

  final Map<String, Ast.Component> components = new LinkedHashMap<>();
  final Map<String, Ast.Procedure> procedures = new LinkedHashMap<>();
  final Map<String, Ast.Connector> connectors = new LinkedHashMap<>();
  final Map<String, Ast.Struct> structs = new LinkedHashMap<>();
  final Map<String, Ast.Composition> compositions = new LinkedHashMap<>();
  final Map<String, Ast.Configuration> configurations = new LinkedHashMap<>();
  private final List<Ast.Assembly> assemblies = new ArrayList<>();
  private final Map<Ast.Component, ComponentType> types = new IdentityHashMap<>();
  private final List<ComponentType> typeList = new ArrayList<>();
  private final Map<String, Connector> connectorModels = new LinkedHashMap<>();

  /** Answers dtb(...) settings when a device tree was given; null keeps them unresolved. */
  private DtbQueries deviceTree;

  Resolver(DiagnosticSink sink, SourceFile top) {
    this.sink = sink;
    this.top = top;
  }

  Resolver withDeviceTree(DtbQueries queries) {
    this.deviceTree = queries;
    return this;
  }

  CamkesModel resolve(List<Ast.Item> items, List<String> files) {
    for (Ast.Item item : items) declare(item);
    for (Ast.Component c : components.values()) typeOf(c, c.name());
    for (Ast.Connector c : connectors.values()) connectorModels.put(c.name(), connectorModel(c, c.name()));
    List<CamkesModel.Procedure> procs = procedures.values().stream().map(Resolver::procedureModel).toList();
    if (assemblies.isEmpty()) {
      sink.report(Diags.error("CAM110", "no assembly found; a CAmkES application needs an 'assembly' block",
          top.point(0)));
      return new CamkesModel(typeList, procs, List.copyOf(connectorModels.values()), List.of(),
          List.of(), List.of(), List.of(), files);
    }
    // CAmkES merges every assembly into the first before resolving (stage 6), so a
    // connection may name an instance that a later assembly declares.
    Flattener flat = new Flattener(this, sink);
    List<CamkesModel.ScheduleEntry> schedule = new ArrayList<>();
    List<Ast.InstanceDecl> allInstances = new ArrayList<>();
    List<Ast.ConnectionDecl> allConnections = new ArrayList<>();
    for (Ast.Assembly a : assemblies) {
      Ast.Composition comp = a.composition();
      if (comp != null && comp.reference() != null) comp = lookup(compositions, comp.reference(), "composition", comp.span());
      if (comp != null) {
        allInstances.addAll(comp.instances());
        allConnections.addAll(comp.connections());
        for (Ast.Export e : comp.exports()) {
          sink.report(Diags.error("CAM142", "'export' is only allowed inside a component's composition", e.span()));
        }
      }
      for (Ast.ScheduleItem s : a.schedule()) {
        schedule.add(new CamkesModel.ScheduleEntry(s.domain(), s.duration(), s.unit(), s.span()));
      }
    }
    flat.composition(new Ast.Composition(null, null, allInstances, allConnections, List.of(),
        assemblies.get(0).span()), "", null);
    for (Ast.Assembly a : assemblies) {
      Ast.Configuration conf = a.configuration();
      if (conf != null && conf.reference() != null) conf = lookup(configurations, conf.reference(), "configuration", conf.span());
      if (conf != null) flat.configuration(conf, "", null);
    }
    ConnectionMerger merger = new ConnectionMerger(flat, sink);
    List<CamkesModel.Connection> connections = merger.merge(flat.connections());
    merger.checkConnected();
    List<CamkesModel.Setting> settings = new SettingChecker(this, flat, connections, sink)
        .check(deviceTree == null ? flat.settings() : deviceTree.answer(flat.settings()));
    List<Connector> allConnectors = new ArrayList<>(connectorModels.values());
    allConnectors.addAll(flat.inlineConnectors());
    return new CamkesModel(typeList, procs, allConnectors, flat.instances(), connections,
        settings, schedule, files);
  }

  private void declare(Ast.Item item) {
    if (item instanceof Ast.Assembly a) {
      assemblies.add(a);
    } else if (item instanceof Ast.Struct s) {
      put(structs, s.name(), s, "struct", s.span());
    } else if (item instanceof Ast.Component c && c.name() != null) {
      put(components, c.name(), c, "component", c.span());
    } else if (item instanceof Ast.Procedure p && p.name() != null) {
      put(procedures, p.name(), p, "procedure", p.span());
    } else if (item instanceof Ast.Connector c && c.name() != null) {
      put(connectors, c.name(), c, "connector", c.span());
    } else if (item instanceof Ast.Composition c && c.name() != null) {
      put(compositions, c.name(), c, "composition", c.span());
    } else if (item instanceof Ast.Configuration c && c.name() != null) {
      put(configurations, c.name(), c, "configuration", c.span());
    } else {
      sink.report(Diags.warning("CAM100", "anonymous top-level declaration is ignored", item.span()));
    }
  }

  private <T extends Ast.Item> void put(Map<String, T> map, String name, T item, String what,
      dev.cpkit.diag.SourceSpan span) {
    T old = map.putIfAbsent(name, item);
    if (old != null) {
      sink.report(Diags.error("CAM101", "duplicate definition of " + what + " '" + name + "'", span,
          new Diagnostic.Note("previous definition", old.span())));
    }
  }

  <T extends Ast.Item> T lookup(Map<String, T> map, String name, String what, dev.cpkit.diag.SourceSpan span) {
    T found = map.get(name);
    if (found == null) {
      sink.report(Diags.error("CAM102", "unknown " + what + " '" + name + "'", span,
          Diags.didYouMean(name, map.keySet())));
    }
    return found;
  }

  /** The model type of a component declaration (built once, checked once). */
  ComponentType typeOf(Ast.Component c, String name) {
    ComponentType known = types.get(c);
    if (known != null) return known;
    Map<String, Interface> ifaces = new LinkedHashMap<>();
    for (Ast.Interface i : c.interfaces()) {
      InterfaceKind kind = InterfaceKind.valueOf(i.kind().name());
      if ((kind == InterfaceKind.PROVIDES || kind == InterfaceKind.USES)
          && !procedures.containsKey(i.type())) {
        sink.report(Diags.error("CAM102", "unknown procedure '" + i.type() + "'", i.span(),
            Diags.didYouMean(i.type(), procedures.keySet())));
      }
      Interface m = new Interface(kind, i.type(), i.name(), i.optional(), i.span());
      if (ifaces.putIfAbsent(i.name(), m) != null) {
        sink.report(Diags.error("CAM103", "duplicate interface '" + i.name() + "' in component '" + name + "'",
            i.span(), new Diagnostic.Note("previous declaration", ifaces.get(i.name()).span())));
      }
    }
    List<Attribute> attrs = attributes(c.attributes(), "component '" + name + "'");
    for (Ast.Sync s : c.syncs()) {
      if (ifaces.containsKey(s.name())) {
        sink.report(Diags.error("CAM103", "'" + s.name() + "' is both an interface and a " + s.kind(), s.span()));
      }
    }
    ComponentType t = new ComponentType(name, c.control(), c.hardware(), List.copyOf(ifaces.values()), attrs,
        c.syncs().stream().map(s -> new CamkesModel.Sync(s.kind(), s.name(), s.span())).toList(),
        c.includes(), c.composition() != null, c.span());
    types.put(c, t);
    typeList.add(t);
    return t;
  }

  List<Attribute> attributes(List<Ast.AttrDecl> decls, String owner) {
    Map<String, Attribute> out = new LinkedHashMap<>();
    for (Ast.AttrDecl a : decls) {
      if (a.defaultValue() != null && !SettingChecker.accepts(this, a.type(), a.inlineStruct() != null,
          a.array(), a.defaultValue())) {
        sink.report(Diags.error("CAM131", "default of attribute '" + a.name() + "' of type "
            + a.type() + (a.array() ? "[]" : "") + " is a " + Value.kind(a.defaultValue()), a.span()));
      }
      if (out.putIfAbsent(a.name(), new Attribute(a.type(), a.name(), a.array(), a.defaultValue(), a.span())) != null) {
        sink.report(Diags.error("CAM104", "duplicate attribute '" + a.name() + "' in " + owner, a.span()));
      }
    }
    return List.copyOf(out.values());
  }

  Connector connectorModel(Ast.Connector c, String name) {
    return new Connector(name, side(c.from()), side(c.to()), attributes(c.attributes(), "connector '" + name + "'"),
        c.span());
  }

  Connector connector(String name) {
    return connectorModels.get(name);
  }

  private static CamkesModel.Side side(Ast.ConnectorEnd e) {
    EndType type = EndType.valueOf(e.singular().toUpperCase(java.util.Locale.ROOT));
    return new CamkesModel.Side(type, e.many(), e.hardware(), e.threads());
  }

  private static CamkesModel.Procedure procedureModel(Ast.Procedure p) {
    List<CamkesModel.Method> methods = p.methods().stream().map(m -> new CamkesModel.Method(m.returnType(), m.name(),
        m.params().stream().map(x -> new CamkesModel.Parameter(x.direction(), x.type(), x.name(), x.array())).toList(),
        m.span())).toList();
    return new CamkesModel.Procedure(p.name(), methods, p.includes(), p.span());
  }
}
