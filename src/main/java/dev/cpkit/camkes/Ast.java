// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.SourceSpan;
import java.util.List;

/** The parse tree of one CAmkES file, before imports and names are resolved. */
final class Ast {
  private Ast() {}

  sealed interface Item permits Import, Procedure, Struct, Component, Connector, Composition,
      Configuration, Assembly {
    SourceSpan span();
  }

  record Import(String path, boolean angle, SourceSpan span) implements Item {}

  record Procedure(String name, List<Method> methods, List<AttrDecl> attributes,
      List<String> includes, SourceSpan span) implements Item {}

  record Method(String returnType, String name, List<Param> params, SourceSpan span) {}

  /** {@code direction} is in, out, inout or refin. */
  record Param(String direction, String type, String name, boolean array, SourceSpan span) {}

  /** An attribute or struct field; {@code type} is a C type, "string", or a struct name. */
  record AttrDecl(String type, List<AttrDecl> inlineStruct, String name, boolean array,
      Value defaultValue, SourceSpan span) {}

  record Struct(String name, List<AttrDecl> fields, SourceSpan span) implements Item {}

  enum InterfaceKind { PROVIDES, USES, EMITS, CONSUMES, DATAPORT }

  record Interface(InterfaceKind kind, String type, String name, boolean optional,
      SourceSpan span) {}

  /** {@code has mutex|semaphore|binary_semaphore NAME}. */
  record Sync(String kind, String name, SourceSpan span) {}

  record Component(String name, boolean control, boolean hardware, List<Interface> interfaces,
      List<AttrDecl> attributes, List<String> includes, List<Sync> syncs,
      Composition composition, Configuration configuration, SourceSpan span) implements Item {}

  /** One side of a connector: {@code type} is Event(s), Procedure(s) or Dataport(s). */
  record ConnectorEnd(boolean hardware, String type, Long threads, SourceSpan span) {
    boolean many() {
      return type.endsWith("s");
    }

    String singular() {
      return many() ? type.substring(0, type.length() - 1) : type;
    }
  }

  record Connector(String name, ConnectorEnd from, ConnectorEnd to, List<AttrDecl> attributes,
      SourceSpan span) implements Item {}

  /** A component instance; {@code type} names it unless {@code inline} gives the body. */
  record InstanceDecl(String type, Component inline, String name, String group,
      SourceSpan span, SourceSpan typeSpan) {}

  record ConnectionDecl(String connector, Connector inline, String name, List<EndDecl> ends,
      SourceSpan span, SourceSpan connectorSpan) {}

  /** {@code from|to inst.iface} or {@code from|to iface} (the enclosing component's own). */
  record EndDecl(boolean from, List<String> path, SourceSpan span) {}

  record Export(List<String> inner, List<String> outer, SourceSpan span) {}

  record Composition(String name, String reference, List<InstanceDecl> instances,
      List<ConnectionDecl> connections, List<Export> exports, SourceSpan span) implements Item {}

  /**
   * {@code target.attribute = value;} or {@code target.attribute <- ref...;}: exactly one of
   * {@code value} and {@code reference} is set.
   */
  /** {@code lookup}: the {@code [key]} selectors after a {@code <-} reference (empty when none). */
  record Setting(String target, String attribute, Value value, List<String> reference,
      List<Value> lookup, SourceSpan span) {}

  record Configuration(String name, String reference, List<Setting> settings, SourceSpan span)
      implements Item {}

  /** A domain schedule entry: (domain, duration [ticks|us]). */
  record ScheduleItem(long domain, long duration, String unit, SourceSpan span) {}

  record Assembly(String name, Composition composition, Configuration configuration,
      List<ScheduleItem> schedule, SourceSpan span) implements Item {}
}
