// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.SourceSpan;
import dev.cpkit.dtb.DtbException;
import dev.cpkit.dtb.Dtc;
import dev.cpkit.dtb.Fdt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The public entry point of the CAmkES front end: preprocess, parse, import and resolve a
 * CAmkES application into a {@link CamkesModel}. Never throws for bad input; every problem is
 * a diagnostic in the result.
 */
public final class CamkesFrontEnd {
  private CamkesFrontEnd() {}

  /** Which C preprocessor runs over each file. */
  public enum CppMode { BUILTIN, SYSTEM }

  /**
   * @param includeDirs {@code -I}: cpp include path, also searched by {@code import <...>}
   * @param defines {@code -D NAME[=VALUE]} (a bare NAME is defined as 1)
   * @param importPath {@code --import-path}: searched first by {@code import <...>}
   * @param cpp the preprocessor to use
   * @param cppExecutable the program run for {@link CppMode#SYSTEM} (normally "cpp")
   * @param deviceTree {@code --dtb}/{@code --dts}: answers {@code dtb(...)} query settings;
   *     null keeps them unresolved
   */
  public record Options(List<Path> includeDirs, Map<String, String> defines,
      List<Path> importPath, CppMode cpp, String cppExecutable, DeviceTree deviceTree) {
    public Options {
      includeDirs = List.copyOf(includeDirs);
      defines = Map.copyOf(defines);
      importPath = List.copyOf(importPath);
    }

    /** Options without a device tree. */
    public Options(List<Path> includeDirs, Map<String, String> defines, List<Path> importPath,
        CppMode cpp, String cppExecutable) {
      this(includeDirs, defines, importPath, cpp, cppExecutable, null);
    }

    public static Options defaults() {
      return new Options(List.of(), Map.of(), List.of(), CppMode.BUILTIN, "cpp", null);
    }

    public Options withDeviceTree(DeviceTree dt) {
      return new Options(includeDirs, defines, importPath, cpp, cppExecutable, dt);
    }

    public Options withIncludeDirs(List<Path> dirs) {
      return new Options(dirs, defines, importPath, cpp, cppExecutable, deviceTree);
    }

    public Options withImportPath(List<Path> dirs) {
      return new Options(includeDirs, defines, dirs, cpp, cppExecutable, deviceTree);
    }

    public Options withDefines(Map<String, String> d) {
      return new Options(includeDirs, d, importPath, cpp, cppExecutable, deviceTree);
    }

    public Options withCpp(CppMode mode) {
      return new Options(includeDirs, defines, importPath, mode, cppExecutable, deviceTree);
    }
  }

  /**
   * Where the device tree for {@code dtb(...)} queries comes from: a blob ({@code --dtb}), or a
   * source compiled with {@code dtcExecutable} ({@code --dts}).
   */
  public record DeviceTree(Path file, boolean source, String dtcExecutable) {
    public static DeviceTree blob(Path file) {
      return new DeviceTree(file, false, "dtc");
    }

    public static DeviceTree source(Path file) {
      return new DeviceTree(file, true, "dtc");
    }
  }

  /**
   * The outcome of a load: the model (null only when the top file could not be read or had
   * no assembly) and every diagnostic, in the order found.
   */
  public record Result(CamkesModel model, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
      return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
  }

  /** Loads the application whose top-level file is {@code topFile}. */
  public static Result load(Path topFile, Options options) {
    DiagnosticSink sink = new DiagnosticSink();
    SourceSet sources = new SourceSet();
    String name = topFile.toString();
    SourceFile top = sources.load(topFile, name);
    if (top == null) {
      sink.report(Diags.error("CAM000", "cannot read file '" + name + "'", SourceSpan.none(name)));
      return new Result(null, sink.diagnostics());
    }
    // Paths stay as the user wrote them (relative stays relative) so messages name files the
    // way the user does; import-once keys are absolute.
    Path dir = topFile.getParent() == null ? Path.of("") : topFile.getParent();
    return run(top, dir, Loader.keyOf(topFile), options, sources, sink);
  }

  /** Loads an application from text (for tests and editors); imports resolve against {@code dir}. */
  public static Result loadText(String name, String text, Path dir, Options options) {
    SourceSet sources = new SourceSet();
    SourceFile top = new SourceFile(name, text);
    sources.add(top);
    return run(top, dir, "<text>/" + name, options, sources, new DiagnosticSink());
  }

  private static Result run(SourceFile top, Path dir, String key, Options options,
      SourceSet sources, DiagnosticSink sink) {
    Preprocessor cpp = options.cpp() == CppMode.SYSTEM
        ? new SystemCpp(options.cppExecutable(), options.includeDirs(), options.defines())
        : new BuiltinCpp(options.includeDirs(), options.defines(), sources);
    Loader loader = new Loader(options, sources, sink, cpp);
    List<Ast.Item> items = loader.load(top, dir, key);
    dev.cpkit.diag.Trace.mark("camkes: preprocess, parse, import");
    Resolver resolver = new Resolver(sink, top);
    List<String> files = loader.files();
    if (options.deviceTree() != null) {
      Fdt fdt = readDeviceTree(options.deviceTree(), sink);
      if (fdt != null) {
        resolver.withDeviceTree(new DtbQueries(fdt, sink));
        // camkes-tool counts the blob among the files read (a build dependency).
        files = new java.util.ArrayList<>(files);
        files.add(options.deviceTree().file().toString());
      }
    }
    CamkesModel model = resolver.resolve(items, files);
    dev.cpkit.diag.Trace.mark("camkes: resolve");
    return new Result(model, sink.diagnostics());
  }

  /** The device tree, or null after reporting CAM150 (unreadable, not a blob, dtc failed). */
  private static Fdt readDeviceTree(DeviceTree dt, DiagnosticSink sink) {
    String name = dt.file().toString();
    try {
      return dt.source() ? Dtc.compile(dt.dtcExecutable(), dt.file()) : Fdt.read(dt.file());
    } catch (IOException e) {
      sink.report(Diags.error("CAM150", "cannot read device tree '" + name + "'", SourceSpan.none(name)));
    } catch (DtbException e) {
      sink.report(Diags.error("CAM150", (dt.source() ? "cannot compile device tree source: "
          : "bad device tree: ") + e.getMessage(), SourceSpan.none(name)));
    }
    return null;
  }
}
