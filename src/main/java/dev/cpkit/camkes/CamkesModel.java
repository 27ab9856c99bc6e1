// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * A resolved CAmkES system: what the migrator reads. Built by {@link CamkesFrontEnd#load};
 * immutable; every element has the span of the declaration it came from (pointing at the
 * original file and line, also through cpp {@code #include} and macros).
 *
 * <p>Compound components are flattened as CAmkES does: an instance {@code x} inside compound
 * instance {@code p} is the instance {@code p.x}; connection ends that name an exported
 * interface are followed to the inner instance. Connections that share an end are merged into
 * one (N-to-1), named by their sorted names joined with {@code .}. Lists keep source order.
 *
 * @param componentTypes every named component type that was declared (used or not)
 * @param procedures every named procedure
 * @param connectors every named connector
 * @param instances every component instance after flattening
 * @param connections every connection after flattening and N-to-1 merging
 * @param settings explicit settings, resolved {@code <-} references and attribute defaults
 * @param schedule the domain schedule of the assembly (empty when none)
 * @param files every file read (top file, imports, cpp includes), in reading order
 */
public record CamkesModel(
    List<ComponentType> componentTypes,
    List<Procedure> procedures,
    List<Connector> connectors,
    List<Instance> instances,
    List<Connection> connections,
    List<Setting> settings,
    List<ScheduleEntry> schedule,
    List<String> files) {

  public CamkesModel {
    componentTypes = List.copyOf(componentTypes);
    procedures = List.copyOf(procedures);
    connectors = List.copyOf(connectors);
    instances = List.copyOf(instances);
    connections = List.copyOf(connections);
    settings = List.copyOf(settings);
    schedule = List.copyOf(schedule);
    files = List.copyOf(files);
  }

  public enum InterfaceKind { PROVIDES, USES, EMITS, CONSUMES, DATAPORT }

  /** What a connector side connects: procedure, event or dataport interfaces. */
  public enum EndType { PROCEDURE, EVENT, DATAPORT }

  /** Where a setting's value came from. */
  public enum SettingSource { EXPLICIT, REFERENCE, DEFAULT }

  public record Parameter(String direction, String type, String name, boolean array) {}

  public record Method(String returnType, String name, List<Parameter> parameters,
      SourceSpan span) {
    public Method {
      parameters = List.copyOf(parameters);
    }
  }

  public record Procedure(String name, List<Method> methods, List<String> includes,
      SourceSpan span) {
    public Procedure {
      methods = List.copyOf(methods);
      includes = List.copyOf(includes);
    }
  }

  /** An interface of a component type; {@code type} is a procedure, event or dataport type. */
  public record Interface(InterfaceKind kind, String type, String name, boolean optional,
      SourceSpan span) {}

  /** An attribute declaration; {@code defaultValue} is null when there is none. */
  public record Attribute(String type, String name, boolean array, Value defaultValue,
      SourceSpan span) {}

  /** {@code has mutex|semaphore|binary_semaphore NAME}. */
  public record Sync(String kind, String name, SourceSpan span) {}

  /**
   * A component type. Anonymous (inline) components get the name {@code <anonymous NAME>}
   * after the instance that declares them. {@code compound} is true when it has a composition.
   */
  public record ComponentType(String name, boolean control, boolean hardware,
      List<Interface> interfaces, List<Attribute> attributes, List<Sync> syncs,
      List<String> includes, boolean compound, SourceSpan span) {
    public ComponentType {
      interfaces = List.copyOf(interfaces);
      attributes = List.copyOf(attributes);
      syncs = List.copyOf(syncs);
      includes = List.copyOf(includes);
    }

    public Optional<Interface> iface(String name) {
      return interfaces.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<Attribute> attribute(String name) {
      return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }
  }

  /**
   * One side of a connector. {@code many} is the plural form (Events, Procedures,
   * Dataports); {@code threads} is the "with N threads" count or null when not given.
   */
  public record Side(EndType type, boolean many, boolean hardware, Long threads) {}

  public record Connector(String name, Side from, Side to, List<Attribute> attributes,
      SourceSpan span) {
    public Connector {
      attributes = List.copyOf(attributes);
    }
  }

  /**
   * A component instance. {@code addressSpace} is the group name for grouped instances,
   * otherwise the instance's own name (as CAmkES assigns it).
   */
  public record Instance(String name, String type, String addressSpace, SourceSpan span) {}

  /** A connection end: {@code instance.iface}, with the span where the end was written. */
  public record End(String instance, String iface, SourceSpan span) {
    @Override
    public String toString() {
      return instance + "." + iface;
    }
  }

  /**
   * A connection after merging. {@code declaredAs} lists the names of the connection
   * statements merged into it (one name when nothing was merged).
   */
  public record Connection(String name, String connector, List<End> from, List<End> to,
      List<String> declaredAs, SourceSpan span) {
    public Connection {
      from = List.copyOf(from);
      to = List.copyOf(to);
      declaredAs = List.copyOf(declaredAs);
    }
  }

  /** {@code target.attribute = value}; target is an instance or connection name. */
  public record Setting(String target, String attribute, Value value, SettingSource source,
      SourceSpan span) {}

  public record ScheduleEntry(long domain, long duration, String unit, SourceSpan span) {}

  public Optional<Instance> instance(String name) {
    return instances.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  public Optional<ComponentType> componentType(String name) {
    return componentTypes.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Optional<Connection> connection(String name) {
    return connections.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Optional<Connector> connector(String name) {
    return connectors.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The value set for {@code target.attribute} (explicit, referenced or default). */
  public Optional<Value> setting(String target, String attribute) {
    return settings.stream()
        .filter(s -> s.target().equals(target) && s.attribute().equals(attribute))
        .reduce((a, b) -> b).map(Setting::value);
  }
}
