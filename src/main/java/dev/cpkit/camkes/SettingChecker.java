// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.camkes.CamkesModel.Attribute;
import dev.cpkit.camkes.CamkesModel.ComponentType;
import dev.cpkit.camkes.CamkesModel.Setting;
import dev.cpkit.camkes.CamkesModel.SettingSource;
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
 * Checks settings against their targets (CAmkES stage 8 and the type checks of stage 10):
 * values must fit the declared attribute type; {@code a.b <- c.d} takes the value of
 * {@code c.d} (following references, falling back to the attribute's default); declared
 * attributes with a default that nothing sets get the default. Settings of attributes that
 * the component does not declare are allowed (CAmkES reads many built-in ones, such as
 * {@code priority}); they are warned about only when they look like a misspelling.
 */
final class SettingChecker {
  /** Instance attributes CAmkES itself reads (templates, CMake defaults); see CAMKES-ADL §4. */
  private static final Set<String> BUILTIN = Set.of(
      "priority", "max_priority", "affinity", "domain", "period", "budget", "data", "size_bits",
      "stack_size", "heap_size", "cnode_size_bits", "simple", "untyped_mmios", "mmios", "irqs",
      "ioports", "asid_pool", "sched_ctrl", "environment", "dma_pool", "dma_pool_paddr",
      "dma_pool_cached", "single_threaded", "dtb", "generate_interrupts", "hardware_cached",
      "passive", "fault_ep", "fault_handler", "realtime", "sel4_debug", "base_prio",
      "camkes_priority", "global_endpoint", "global_endpoint_base", "sem_value", "untyped_pool", "linker_script", "cakeml_heap_size",
      "cakeml_stack_size");
  /**
   * Suffixes of per-interface or per-thread built-in attributes ({@code <iface>_X}, {@code _X}).
   * Checked by hand rather than with a regular expression: compiling one costs about 7 ms of
   * a cold {@code camkes dump} (SettingCheckerTest keeps the expression as the oracle).
   */
  static final Set<String> BUILTIN_SUFFIXES = Set.of(
      "priority", "max_priority", "affinity", "domain", "period", "budget", "data", "size_bits",
      "stack_size", "passive", "access", "cached", "paddr", "size", "hardware_cached", "irq_number",
      "irq_type", "irq_trigger", "irq_target", "irq", "spi_number", "attributes", "shmem_size", "id",
      "irq_ioapic", "irq_ioapic_pin", "irq_ioapic_polarity", "irq_ioapic_level", "irq_vector",
      "irq_pci_bus", "irq_pci_dev", "irq_pci_fun", "irq_handle", "pool", "heap_size", "badge",
      "badges", "prio", "mcp", "sc_budget", "sc_period", "sc_data", "sc_size_bits");
  /** Scalar C type names whose values are numbers (besides anything ending in "_t"). */
  static final Set<String> NUMERIC_TYPES = Set.of("signed", "unsigned", "signed int", "signed char",
      "unsigned int", "unsigned char", "int", "integer", "char", "bool", "float", "double", "long",
      "short");

  /** {@code .*_(suffix)|simple_untyped\d+_pool|untyped\d+_pool}. */
  static boolean builtinSuffix(String attr) {
    for (int i = attr.indexOf('_'); i >= 0; i = attr.indexOf('_', i + 1)) {
      if (BUILTIN_SUFFIXES.contains(attr.substring(i + 1))) return true;
    }
    String rest = attr.startsWith("simple_untyped") ? attr.substring(14)
        : attr.startsWith("untyped") ? attr.substring(7) : null;
    if (rest == null || !rest.endsWith("_pool") || rest.length() == 5) return false;
    for (int i = 0; i < rest.length() - 5; i++) {
      if (rest.charAt(i) < '0' || rest.charAt(i) > '9') return false;
    }
    return true;
  }

  /** {@code (signed|unsigned)( int| char)?|int|...|seL4_\w+|long|short|.*_t}. */
  static boolean numericType(String type) {
    if (NUMERIC_TYPES.contains(type) || type.endsWith("_t")) return true;
    if (!type.startsWith("seL4_") || type.length() == 5) return false;
    for (int i = 5; i < type.length(); i++) {
      char c = type.charAt(i);
      if (!(c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    }
    return true;
  }

  private final Resolver resolver;
  private final Flattener flat;
  private final Set<String> connectionNames = new HashSet<>();
  private final DiagnosticSink sink;
  private final Map<String, Flattener.RawSetting> explicit = new LinkedHashMap<>();

  SettingChecker(Resolver resolver, Flattener flat, List<CamkesModel.Connection> connections,
      DiagnosticSink sink) {
    this.resolver = resolver;
    this.flat = flat;
    this.sink = sink;
    for (CamkesModel.Connection c : connections) {
      connectionNames.add(c.name());
      connectionNames.addAll(c.declaredAs());
    }
  }

  List<Setting> check(List<Flattener.RawSetting> raw) {
    Set<String> unknownTargets = new HashSet<>();
    for (Flattener.RawSetting s : raw) {
      // camkes-tool keeps settings whose target names no instance or connection (templates
      // never read them); so does the model, after a warning, without a type check.
      if (!targetKnown(s)) unknownTargets.add(s.target());
      Flattener.RawSetting old = explicit.put(s.target() + "\0" + s.attribute(), s);
      if (old != null) {
        sink.report(Diags.warning("CAM133", "'" + s.target() + "." + s.attribute()
            + "' is set more than once; the last setting wins", s.span(),
            new Diagnostic.Note("earlier setting", old.span())));
      }
    }
    List<Setting> out = new ArrayList<>();
    for (Flattener.RawSetting s : explicit.values()) {
      Value v = s.value();
      SettingSource source = SettingSource.EXPLICIT;
      if (s.reference() != null) {
        v = follow(s, new HashSet<>());
        source = SettingSource.REFERENCE;
        if (v == null) continue;
      }
      if (!unknownTargets.contains(s.target())) {
        v = withStructDefaults(s, v);
        checkType(s, v);
      }
      out.add(new Setting(s.target(), s.attribute(), v, source, s.span()));
    }
    for (CamkesModel.Instance inst : flat.instances()) {
      for (Attribute a : flat.typeOf(inst.name()).attributes()) {
        if (a.defaultValue() != null && !explicit.containsKey(inst.name() + "\0" + a.name())) {
          out.add(new Setting(inst.name(), a.name(), a.defaultValue(), SettingSource.DEFAULT, a.span()));
        }
      }
    }
    return out;
  }

  /**
   * A struct-typed attribute's dictionary with the fields it leaves out added from the struct's
   * field defaults (nested structs and arrays of structs too), as camkes-tool's type check
   * (ast/objects.py types_compatible) fills them in: camkes-vm's
   * {@code vm0.linux_image_config = {"linux_stdout": ...}} gets linux_name, dtb_name, ...
   */
  private Value withStructDefaults(Flattener.RawSetting s, Value v) {
    ComponentType t = flat.typeOf(s.target());
    Ast.Component c = t == null ? null : resolver.components.get(t.name());
    if (c == null) return v;
    for (Ast.AttrDecl a : c.attributes()) {
      if (a.name().equals(s.attribute())) return fill(a, v, 0);
    }
    return v;
  }

  private Value fill(Ast.AttrDecl a, Value v, int depth) {
    List<Ast.AttrDecl> fields = a.inlineStruct();
    if (fields == null) {
      Ast.Struct named = resolver.structs.get(a.type().startsWith("struct ") ? a.type().substring(7) : a.type());
      fields = named == null ? null : named.fields();
    }
    if (fields == null || depth > 32) return v;  // not a struct (or a struct that contains itself)
    if (a.array()) {
      if (!(v instanceof Value.ListValue l)) return v;
      List<Value> items = new ArrayList<>();
      for (Value x : l.items()) items.add(fillFields(fields, x, depth));
      return new Value.ListValue(items);
    }
    return fillFields(fields, v, depth);
  }

  private Value fillFields(List<Ast.AttrDecl> fields, Value v, int depth) {
    if (!(v instanceof Value.Dict d)) return v;
    List<Value.Entry> entries = new ArrayList<>();
    for (Value.Entry e : d.entries()) {
      Ast.AttrDecl field = null;
      for (Ast.AttrDecl f : fields) {
        if (e.key() instanceof Value.Str k && k.value().equals(f.name())) field = f;
      }
      entries.add(field == null ? e : new Value.Entry(e.key(), fill(field, e.value(), depth + 1)));
    }
    for (Ast.AttrDecl f : fields) {
      boolean present = false;
      for (Value.Entry e : d.entries()) {
        if (e.key() instanceof Value.Str k && k.value().equals(f.name())) present = true;
      }
      if (!present && f.defaultValue() != null) {
        entries.add(new Value.Entry(new Value.Str(f.name()), fill(f, f.defaultValue(), depth + 1)));
      }
    }
    return entries.size() == d.entries().size() && entries.equals(d.entries()) ? v : new Value.Dict(entries);
  }

  private boolean targetKnown(Flattener.RawSetting s) {
    if (flat.typeOf(s.target()) != null || connectionNames.contains(s.target())) return true;
    // "instance.interface" targets are per-interface settings that connector templates read
    // (e.g. serial.serial_dev.dtb for a seL4DTBHardware end).
    int dot = s.target().lastIndexOf('.');
    if (dot > 0) {
      ComponentType t = flat.typeOf(s.target().substring(0, dot));
      if (t != null && t.iface(s.target().substring(dot + 1)).isPresent()) return true;
    }
    Set<String> names = new TreeSet<>(connectionNames);
    flat.instances().forEach(i -> names.add(i.name()));
    sink.report(Diags.warning("CAM130", "setting for unknown instance or connection '" + s.target()
        + "' (kept in the model, as CAmkES keeps it)", s.span(), Diags.didYouMean(s.target(), names)));
    return false;
  }

  /** The value a {@code <-} setting refers to, or null (warned) when there is none. */
  private Value follow(Flattener.RawSetting s, Set<String> visiting) {
    String key = s.target() + "\0" + s.attribute();
    if (!visiting.add(key)) {
      sink.report(Diags.error("CAM134", "attribute reference cycle through '" + s.target() + "."
          + s.attribute() + "'", s.span()));
      return null;
    }
    String target = s.reference().get(0);
    String attr = s.reference().get(1);
    Flattener.RawSetting next = explicit.get(target + "\0" + attr);
    if (next != null) return next.reference() == null ? lookup(s, next.value()) : follow(next, visiting);
    ComponentType t = flat.typeOf(target);
    Attribute a = t == null ? null : t.attribute(attr).orElse(null);
    if (a != null && a.defaultValue() != null) return a.defaultValue();
    // Then the referring attribute's own default, as camkes-tool's stage 8 does.
    ComponentType own = flat.typeOf(s.target());
    Attribute mine = own == null ? null : own.attribute(s.attribute()).orElse(null);
    if (mine != null && mine.defaultValue() != null) return mine.defaultValue();
    sink.report(Diags.warning("CAM135", "'" + s.target() + "." + s.attribute() + " <- " + target + "."
        + attr + "' refers to an attribute with no value; the setting is dropped", s.span()));
    return null;
  }

  /**
   * Applies a {@code <-} reference's {@code [key]} selectors as camkes-tool's stage 8 does: only
   * to a dictionary value set directly on the referenced attribute (such as an answered
   * {@code dtb(...)} query); any other value is taken whole. Null (after CAM136) when a key or
   * index is missing, where the reference parser fails with a Python KeyError.
   */
  private Value lookup(Flattener.RawSetting s, Value v) {
    if (s.lookup().isEmpty() || !(v instanceof Value.Dict)) return v;
    Value cur = v;
    for (Value key : s.lookup()) {
      Value next = null;
      if (cur instanceof Value.Dict d) {
        for (Value.Entry e : d.entries()) {
          if (e.key().equals(key)) next = e.value();
        }
      } else if (cur instanceof Value.ListValue l && key instanceof Value.Int i
          && i.value() >= 0 && i.value() < l.items().size()) {
        next = l.items().get((int) i.value());
      }
      if (next == null) {
        sink.report(Diags.error("CAM136", "'" + s.target() + "." + s.attribute() + "': cannot look up ["
            + Value.show(key) + "] in " + abbreviate(Value.show(cur)), s.span()));
        return null;
      }
      cur = next;
    }
    return cur;
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }

  private void checkType(Flattener.RawSetting s, Value v) {
    ComponentType t = flat.typeOf(s.target());
    if (t == null) return; // a connection setting: connector attributes are read by templates
    Attribute a = t.attribute(s.attribute()).orElse(null);
    if (a == null) {
      // CAmkES accepts any undeclared attribute (templates read many), so only a name that
      // looks like a misspelling of a declared or built-in one is worth a warning.
      if (!BUILTIN.contains(s.attribute()) && !builtinSuffix(s.attribute())) {
        List<String> known = new ArrayList<>(BUILTIN);
        t.attributes().forEach(x -> known.add(x.name()));
        Diagnostic.Note hint = Diags.didYouMean(s.attribute(), known);
        if (hint != null) {
          sink.report(Diags.warning("CAM132", "component '" + t.name() + "' does not declare attribute '"
              + s.attribute() + "'", s.span(), hint));
        }
      }
      return;
    }
    boolean inline = a.type().equals("struct");
    if (!accepts(resolver, a.type(), inline, a.array(), v)) {
      sink.report(Diags.error("CAM131", "mistyped assignment of attribute '" + s.attribute() + "' of type "
          + a.type() + (a.array() ? "[]" : "") + ": given a " + Value.kind(v), s.span(),
          new Diagnostic.Note("attribute declared here", a.span())));
    }
  }

  /** Whether {@code v} fits an attribute of {@code type} (queries fit anything). */
  static boolean accepts(Resolver resolver, String type, boolean inlineStruct, boolean array, Value v) {
    if (v instanceof Value.Query) return true;
    if (array) {
      return v instanceof Value.ListValue l
          && l.items().stream().allMatch(x -> accepts(resolver, type, inlineStruct, false, x));
    }
    if (inlineStruct || resolver.structs.containsKey(type.replaceFirst("^struct ", ""))) {
      return v instanceof Value.Dict;
    }
    if (type.equals("string")) return v instanceof Value.Str;
    if (numericType(type)) {
      return v instanceof Value.Int || v instanceof Value.Bool || v instanceof Value.Float;
    }
    return true; // an unknown C typedef: nothing to check against
  }

}
