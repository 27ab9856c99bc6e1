// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import dev.cpkit.camkes.Value;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.Severity;
import dev.cpkit.diag.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What every rule shares: the input, the plan being built, the report and the diagnostics. */
final class Context {
  final CamkesModel model;
  final MigrateOptions options;
  final Plan plan = new Plan();
  final Report report;
  final DiagnosticSink sink = new DiagnosticSink();
  /** RPC edges client instance → server instance, with the connection that made them. */
  final List<RpcEdge> rpcEdges = new ArrayList<>();
  private final Set<String> usedSettings = new HashSet<>();
  private final Map<String, VaddrAllocator> vaddrs = new HashMap<>();
  private final Set<String> idOverflowReported = new HashSet<>();

  record RpcEdge(String client, String server, CamkesModel.Connection connection) {}

  Context(CamkesModel model, MigrateOptions options) {
    this.model = model;
    this.options = options;
    this.report = new Report(options.appDir());
  }

  // ---- settings ----------------------------------------------------------------------

  /** The value of {@code target.attribute}, remembering that the migration used it. */
  Optional<Value> setting(String target, String attribute) {
    Optional<Value> v = model.setting(target, attribute);
    if (v.isPresent()) usedSettings.add(target + "." + attribute);
    return v;
  }

  /** Marks a setting as handled without reading it (reported by the rule that saw it). */
  void used(String target, String attribute) {
    usedSettings.add(target + "." + attribute);
  }

  boolean isUsed(CamkesModel.Setting s) {
    return usedSettings.contains(s.target() + "." + s.attribute());
  }

  /** The span of the setting {@code target.attribute}, or {@code fallback}. */
  SourceSpan settingSpan(String target, String attribute, SourceSpan fallback) {
    SourceSpan at = fallback;
    for (CamkesModel.Setting s : model.settings()) {
      if (s.target().equals(target) && s.attribute().equals(attribute)) at = s.span();
    }
    return at;
  }

  /**
   * An integer setting: integers, booleans and numeric strings ("0x1000", as CAmkES VM
   * configurations write addresses) are accepted; anything else is an error (MIG009).
   */
  Long longSetting(String target, String attribute, SourceSpan fallback) {
    Optional<Value> v = setting(target, attribute);
    if (v.isEmpty()) return null;
    Long n = asLong(v.get());
    if (n == null) {
      error(Code.MIG009, "'" + target + "." + attribute + "' must be a number, not "
          + Value.kind(v.get()) + " " + Value.show(v.get()), settingSpan(target, attribute,
              fallback), null);
    }
    return n;
  }

  static Long asLong(Value v) {
    if (v instanceof Value.Int i) return i.value();
    if (v instanceof Value.Bool b) return b.value() ? 1L : 0L;
    if (v instanceof Value.Str s) return parseNumber(s.value());
    return null;
  }

  static Long parseNumber(String s) {
    String t = s.trim().replace("_", "");
    try {
      if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseUnsignedLong(t.substring(2), 16);
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static boolean truthy(Value v) {
    if (v instanceof Value.Bool b) return b.value();
    if (v instanceof Value.Int i) return i.value() != 0;
    if (v instanceof Value.Str s) return s.value().equalsIgnoreCase("true") || s.value().equals("1");
    return false;
  }

  // ---- diagnostics -------------------------------------------------------------------

  void error(Code code, String message, SourceSpan at, String hint) {
    diag(Severity.ERROR, code, message, at, hint);
  }

  void warning(Code code, String message, SourceSpan at, String hint) {
    diag(Severity.WARNING, code, message, at, hint);
  }

  private void diag(Severity sev, Code code, String message, SourceSpan at, String hint) {
    List<Diagnostic.Note> notes = hint == null ? List.of() : List.of(Diagnostic.Note.hint(hint));
    sink.report(new Diagnostic(sev, code.name(), message, at == null ? SourceSpan.none("") : at,
        notes, null));
  }

  // ---- model lookups -----------------------------------------------------------------

  CamkesModel.ComponentType typeOf(String instance) {
    return model.instance(instance).flatMap(i -> model.componentType(i.type())).orElse(null);
  }

  CamkesModel.Interface iface(CamkesModel.End end) {
    CamkesModel.ComponentType t = typeOf(end.instance());
    return t == null ? null : t.iface(end.iface()).orElse(null);
  }

  CamkesModel.Procedure procedure(String name) {
    for (CamkesModel.Procedure p : model.procedures()) if (p.name().equals(name)) return p;
    return null;
  }

  SourceSpan instanceSpan(String instance) {
    return model.instance(instance).map(CamkesModel.Instance::span).orElse(null);
  }

  // ---- allocation --------------------------------------------------------------------

  /**
   * The next channel/irq id of a PD. Over the dialect's limit: one error per PD (MIG004) and
   * an id that is out of range, so the caller can continue and all errors are seen at once.
   */
  int nextId(PdPlan pd, SourceSpan at) {
    int id = pd.allocateId();
    if (id >= options.idLimit() && idOverflowReported.add(pd.name)) {
      error(Code.MIG004, "protection domain '" + pd.name + "' (instance '" + pd.instance
          + "') needs more than " + options.idLimit() + " channel and irq ids, the limit of the "
          + options.dialect() + " dialect", at,
          "split the component, or merge several events into one channel (a PD can tell them"
          + " apart by a word in shared memory)");
    }
    return id;
  }

  VaddrAllocator vaddrs(PdPlan pd) {
    return vaddrs.computeIfAbsent(pd.name, n -> new VaddrAllocator());
  }

  /** Connects two PDs with a fresh channel and returns the two ids. */
  int[] channel(PdPlan a, PdPlan b, boolean aCallsB, SourceSpan at) {
    int ia = nextId(a, at);
    int ib = nextId(b, at);
    plan.channels.add(new Plan.ChannelPlan(a.name, ia, b.name, ib, aCallsB));
    return new int[] {ia, ib};
  }

  /** Maps a region into a PD at the next free address of a suitable alignment. */
  long map(PdPlan pd, String region, long size, String perms, boolean cached, String symbol,
      String cType, PdPlan.MapRole role, String iface) {
    long align = size >= 0x200000 && size % 0x200000 == 0 ? 0x200000 : 0x1000;
    long vaddr = vaddrs(pd).allocate(size, align);
    pd.maps.add(new PdPlan.MapUse(region, vaddr, size, perms, cached, symbol, cType, role, iface));
    return vaddr;
  }
}
