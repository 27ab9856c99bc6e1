// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.upgrade;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Severity;
import java.util.List;

/**
 * The report {@code cpkit upgrade} leaves next to its output (upgrade-report.md): first what
 * needs a person (warnings and errors), then what was done, each with file:line:col.
 */
public final class UpgradeReport {
  private UpgradeReport() {}

  public static String render(String sdfName, String to, List<Diagnostic> all) {
    StringBuilder o = new StringBuilder();
    o.append("# Upgrade of ").append(sdfName).append(" to ").append(to).append("\n\n");
    List<Diagnostic> person = all.stream().filter(d -> d.severity() != Severity.NOTE).toList();
    List<Diagnostic> done = all.stream().filter(d -> d.severity() == Severity.NOTE).toList();
    o.append("## Needs a person (").append(person.size()).append(")\n\n");
    if (person.isEmpty()) o.append("Nothing.\n");
    for (Diagnostic d : person) line(o, d);
    o.append("\n## Done automatically (").append(done.size()).append(")\n\n");
    if (done.isEmpty()) o.append("Nothing.\n");
    for (Diagnostic d : done) line(o, d);
    return o.toString();
  }

  private static void line(StringBuilder o, Diagnostic d) {
    o.append("- ");
    if (d.span() != null && d.span().isKnown()) {
      o.append('`').append(d.span().fileName()).append(':').append(d.span().line()).append(':')
          .append(d.span().column()).append("` ");
    }
    o.append(d.code()).append(": ").append(d.message().replace("\n", " ")).append('\n');
  }
}
