// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import dev.cpkit.camkes.Value;
import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a migrated project, by output-relative path: the system description, per-PD
 * header and glue, the CAmkES compatibility runtime, the Makefile, the report and the user's
 * sources (copied under their app-relative paths so the output builds anywhere).
 */
public final class Project {
  private Project() {}

  public enum ReportFormat { MD, JSON }

  /**
   * Files in path order; diagnostics added while collecting sources; each PD's C files
   * (glue first, then the user's) with their include directories, output-relative.
   */
  public record Files(Map<String, byte[]> files, List<Diagnostic> diagnostics,
      Map<String, List<String>> pdSources, Map<String, List<String>> pdIncludes) {}

  public static Files build(Migrator.Result r, ReportFormat format) {
    if (!r.ok()) throw new IllegalArgumentException("the migration has errors");
    MigrateOptions o = r.options();
    String app = o.appName();
    Map<String, byte[]> out = new TreeMap<>();
    List<Diagnostic> diags = new ArrayList<>();
    put(out, app + ".system", r.sdf());
    put(out, "include/camkes.h", resource("camkes.h"));
    String libc = resource("camkes_libc.c")
        .replace("CAMKES_API_HEADER", o.api() + ".h")
        .replace("CAMKES_API_PUTC", o.api() + "_dbg_putc");
    put(out, "src/camkes_libc.c", libc);
    SourceLocator locator = new SourceLocator(o.appDir(), o.sources());
    Map<String, SourceLocator.Component> byType = new LinkedHashMap<>();
    List<MakefileWriter.PdBuild> builds = new ArrayList<>();
    Map<String, List<String>> pdSources = new LinkedHashMap<>();
    Map<String, List<String>> pdIncludes = new LinkedHashMap<>();
    for (PdPlan pd : r.plan().pds()) {
      PdView v = new PdView(pd);
      List<AttributeWriter.Attr> attrs = attributes(r.model(), pd);
      put(out, "include/" + pd.name + ".h", PdHeaderWriter.write(v, attrs, r.model(), app));
      put(out, "src/" + pd.name + "_glue.c", GlueWriter.write(v, attrs, o, app));
      SourceLocator.Component c = byType.computeIfAbsent(pd.type.name(),
          t -> sources(locator, t, pd, r, diags));
      List<String> srcs = new ArrayList<>();
      for (Path s : c.sources()) {
        String rel = locator.outputPath(s);
        srcs.add(rel);
        try {
          out.put(rel, java.nio.file.Files.readAllBytes(s));
        } catch (IOException e) {
          diags.add(new Diagnostic(Severity.ERROR, Code.MIG103.name(), "cannot read source '"
              + s + "' of component " + pd.type.name() + ": " + e.getMessage(),
              pd.type.span(), List.of(), null));
        }
      }
      List<String> incs = new ArrayList<>();
      for (Path i : c.includes()) {
        incs.add(locator.outputPath(i));
        copyHeaders(locator, i, out);
      }
      builds.add(new MakefileWriter.PdBuild(pd.name, srcs, incs, c.cflags()));
      List<String> all = new ArrayList<>();
      all.add("src/" + pd.name + "_glue.c");
      all.addAll(srcs);
      pdSources.put(pd.name, all);
      pdIncludes.put(pd.name, incs);
    }
    if (r.plan().pds().stream().anyMatch(pd -> !new PdView(pd).dtbIrqs.isEmpty())) {
      for (String h : PsIrqWriter.SHIMS) put(out, "include/" + h, PsIrqWriter.shim(h));
    }
    copyProjectHeaders(o.appDir(), locator, out);
    put(out, "Makefile", MakefileWriter.write(app, o, builds));
    List<Diagnostic> warnings = new ArrayList<>();
    for (Diagnostic d : r.diagnostics()) if (d.severity() == Severity.WARNING) warnings.add(d);
    for (Diagnostic d : diags) if (d.severity() == Severity.WARNING) warnings.add(d);
    if (format == ReportFormat.JSON) {
      put(out, "MIGRATION.json", ReportWriter.json(app, o, r.report(), warnings));
    } else {
      put(out, "MIGRATION.md", ReportWriter.markdown(app, o, r.report(), warnings));
    }
    return new Files(out, diags, pdSources, pdIncludes);
  }

  private static SourceLocator.Component sources(SourceLocator locator, String type, PdPlan pd,
      Migrator.Result r, List<Diagnostic> diags) {
    SourceLocator.Component c = locator.find(type);
    if (c.sources().isEmpty()) {
      boolean vm = VmRule.isVm(pd.type);
      String todo = vm ? "the VMM is built from libvmm: add its sources to the Makefile"
          : "put the component's C files in components/" + type + "/src/, declare them in"
          + " CMakeLists.txt, or pass --sources " + type + "=FILE,...; then rerun";
      r.report().add("sources of component " + type, Kind.MANUAL, "none found: the PDs of "
          + type + " build from the generated glue only", todo, pd.type.span());
      if (!vm) {
        diags.add(new Diagnostic(Severity.WARNING, Code.MIG103.name(), "no C sources found for"
            + " component " + type, pd.type.span(), List.of(Diagnostic.Note.hint(todo)), null));
      }
    } else {
      List<String> names = new ArrayList<>();
      for (Path p : c.sources()) names.add(locator.outputPath(p));
      r.report().add("sources of component " + type, Kind.EXACT, "copied and built unchanged: "
          + String.join(", ", names) + " (from " + c.origin() + ")", "", pd.type.span());
    }
    return c;
  }

  /**
   * Headers procedures and components name with {@code include "x.h";} usually sit in the
   * project directory, its include/ or its interfaces/ (CAmkES puts them on the cpp path);
   * they are copied too, never over a generated file.
   */
  private static void copyProjectHeaders(Path appDir, SourceLocator locator,
      Map<String, byte[]> out) {
    try (var s = java.nio.file.Files.list(appDir)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".h")).sorted().toList()) {
        out.putIfAbsent(locator.outputPath(p), java.nio.file.Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String d : new String[] {"include", "interfaces"}) {
      Path dir = appDir.resolve(d);
      if (!java.nio.file.Files.isDirectory(dir)) continue;
      try (var s = java.nio.file.Files.walk(dir, 8)) {
        for (Path p : s.filter(x -> x.toString().endsWith(".h")).sorted().toList()) {
          out.putIfAbsent(locator.outputPath(p), java.nio.file.Files.readAllBytes(p));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Headers in a component include directory are copied with the sources. */
  private static void copyHeaders(SourceLocator locator, Path dir, Map<String, byte[]> out) {
    if (!java.nio.file.Files.isDirectory(dir)) return;
    try (var s = java.nio.file.Files.walk(dir, 8)) {
      for (Path p : s.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
        if (p.toString().endsWith(".h")) out.put(locator.outputPath(p), java.nio.file.Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The attributes a PD's header declares: every declared attribute that has a value. */
  static List<AttributeWriter.Attr> attributes(CamkesModel model, PdPlan pd) {
    List<AttributeWriter.Attr> out = new ArrayList<>();
    for (CamkesModel.Attribute a : pd.type.attributes()) {
      Value v = model.setting(pd.instance, a.name()).orElse(null);
      if (v == null || v instanceof Value.Query) continue;
      out.add(new AttributeWriter.Attr(a, v));
    }
    return out;
  }

  private static void put(Map<String, byte[]> out, String path, String text) {
    out.put(path, text.getBytes(StandardCharsets.UTF_8));
  }

  static String resource(String name) {
    try (InputStream in = Project.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
