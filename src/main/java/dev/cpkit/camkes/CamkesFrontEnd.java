// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.diag.SourceSpan;
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
   */
  public record Options(List<Path> includeDirs, Map<String, String> defines,
      List<Path> importPath, CppMode cpp, String cppExecutable) {
    public Options {
      includeDirs = List.copyOf(includeDirs);
      defines = Map.copyOf(defines);
      importPath = List.copyOf(importPath);
    }

    public static Options defaults() {
      return new Options(List.of(), Map.of(), List.of(), CppMode.BUILTIN, "cpp");
    }

    public Options withIncludeDirs(List<Path> dirs) {
      return new Options(dirs, defines, importPath, cpp, cppExecutable);
    }

    public Options withImportPath(List<Path> dirs) {
      return new Options(includeDirs, defines, dirs, cpp, cppExecutable);
    }

    public Options withDefines(Map<String, String> d) {
      return new Options(includeDirs, d, importPath, cpp, cppExecutable);
    }

    public Options withCpp(CppMode mode) {
      return new Options(includeDirs, defines, importPath, mode, cppExecutable);
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
    CamkesModel model = new Resolver(sink, top).resolve(items, loader.files());
    return new Result(model, sink.diagnostics());
  }
}
