// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.diag.SourceSpan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The migration report: every construct met, in the order the rules met them. */
public final class Report {
  private final List<ReportEntry> entries = new ArrayList<>();
  private final java.nio.file.Path base;

  /** {@code base}: locations are written relative to it (the project directory). */
  public Report(java.nio.file.Path base) {
    this.base = base;
  }

  public void add(String construct, Kind kind, String result, String todo, SourceSpan at) {
    entries.add(new ReportEntry(construct, kind, result, todo == null ? "" : todo, where(at)));
  }

  public List<ReportEntry> entries() {
    return List.copyOf(entries);
  }

  /** How many entries of each kind (every kind present, zero included). */
  public Map<Kind, Integer> counts() {
    Map<Kind, Integer> m = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) m.put(k, 0);
    for (ReportEntry e : entries) m.merge(e.kind(), 1, Integer::sum);
    return m;
  }

  /** {@code file:line}, with the file name as the front end recorded it. */
  String where(SourceSpan at) {
    if (at == null || !at.isKnown()) return "";
    return relative(base, at.fileName()) + ":" + at.line();
  }

  /** A file name relative to the project, so reports do not depend on where it was checked out. */
  static String relative(java.nio.file.Path base, String file) {
    if (base == null) return file;
    try {
      java.nio.file.Path p = java.nio.file.Path.of(file).toAbsolutePath().normalize();
      java.nio.file.Path b = base.toAbsolutePath().normalize();
      if (p.startsWith(b)) return b.relativize(p).toString().replace('\\', '/');
    } catch (java.nio.file.InvalidPathException e) {
      // a name such as "<builtin>" is kept as it is
    }
    return file;
  }
}
