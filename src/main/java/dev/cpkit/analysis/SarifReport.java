// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import static dev.cpkit.diag.JsonRenderer.quote;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.sdf.Code;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, the format code-scanning services read. One run; the rules are every ANA
 * code (plus the SDF codes of an input that did not validate), so rule indices are stable.
 * Columns are UTF-16 code units, as the spans count them.
 */
public final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifReport() {}

  private record Rule(String id, String level, String summary) {}

  public static String render(Report r, String version) {
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (AnaCode c : AnaCode.values()) {
      rules.put(c.name(), new Rule(c.name(), c.severity().label(), c.summary()));
    }
    for (Diagnostic d : r.findings()) {
      if (rules.containsKey(d.code())) continue;
      String summary = d.code();
      try {
        summary = Code.valueOf(d.code()).summary();
      } catch (IllegalArgumentException e) {
        // a code from elsewhere: its id is all we can say
      }
      rules.put(d.code(), new Rule(d.code(), d.severity().label(), summary));
    }
    List<String> ids = new ArrayList<>(rules.keySet());
    StringBuilder out = new StringBuilder();
    out.append("{\n  \"$schema\": \"").append(SCHEMA).append("\",\n  \"version\": \"2.1.0\",\n"
        + "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
        + "          \"name\": \"cpkit\",\n          \"version\": ");
    quote(out, version);
    out.append(",\n          \"rules\": [\n");
    for (int i = 0; i < ids.size(); i++) {
      Rule rule = rules.get(ids.get(i));
      out.append("            {\"id\": ");
      quote(out, rule.id());
      out.append(", \"shortDescription\": {\"text\": ");
      quote(out, rule.summary());
      out.append("}, \"help\": {\"text\": ");
      quote(out, "see cpkit's docs/" + (rule.id().startsWith("ANA") ? "analysis.md, section "
          : "diagnostics.md, code ") + rule.id());
      out.append("}, \"defaultConfiguration\": {\"level\": \"").append(rule.level())
          .append("\"}}").append(i + 1 < ids.size() ? "," : "").append('\n');
    }
    out.append("          ]\n        }\n      },\n      \"columnKind\": \"utf16CodeUnits\",\n"
        + "      \"results\": [\n");
    for (int i = 0; i < r.findings().size(); i++) {
      result(out, r.findings().get(i), ids.indexOf(r.findings().get(i).code()), r.file());
      out.append(i + 1 < r.findings().size() ? ",\n" : "\n");
    }
    out.append("      ]\n    }\n  ]\n}\n");
    return out.toString();
  }

  private static void result(StringBuilder out, Diagnostic d, int ruleIndex, String file) {
    StringBuilder text = new StringBuilder(d.message());
    for (Diagnostic.Note n : d.notes()) {
      if (n.span() == null) text.append("\nhint: ").append(n.message());
    }
    out.append("        {\"ruleId\": ");
    quote(out, d.code());
    out.append(", \"ruleIndex\": ").append(ruleIndex).append(", \"level\": \"")
        .append(d.severity().label()).append("\", \"message\": {\"text\": ");
    quote(out, text.toString());
    out.append("}, \"locations\": [");
    location(out, d.span(), null, file, -1);
    out.append(']');
    List<Diagnostic.Note> related = d.notes().stream().filter(n -> n.span() != null).toList();
    if (!related.isEmpty()) {
      out.append(", \"relatedLocations\": [");
      for (int i = 0; i < related.size(); i++) {
        if (i > 0) out.append(", ");
        location(out, related.get(i).span(), related.get(i).message(), file, i + 1);
      }
      out.append(']');
    }
    out.append('}');
  }

  private static void location(StringBuilder out, SourceSpan span, String message,
      String file, int id) {
    out.append('{');
    if (id >= 0) out.append("\"id\": ").append(id).append(", ");
    out.append("\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
    quote(out, uri(span == null ? file : span.fileName()));
    out.append('}');
    if (span != null && span.isKnown()) {
      out.append(", \"region\": {\"startLine\": ").append(span.line())
          .append(", \"startColumn\": ").append(span.column()).append(", \"endLine\": ")
          .append(span.endLine()).append(", \"endColumn\": ").append(span.endColumn())
          .append('}');
    }
    out.append('}');
    if (message != null) {
      out.append(", \"message\": {\"text\": ");
      quote(out, message);
      out.append('}');
    }
    out.append('}');
  }

  /** A URI reference for a file name as the user gave it (relative stays relative). */
  static String uri(String fileName) {
    String path = fileName.replace('\\', '/');
    try {
      if (path.startsWith("/")) return new URI("file", "", path, null).toASCIIString();
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      return path;
    }
  }
}
