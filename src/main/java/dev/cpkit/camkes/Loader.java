// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.SourceFile;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a top file and everything it imports, as CAmkES stage 2 does: each file is
 * preprocessed and parsed on its own, and its items are spliced in place of the import
 * (depth first). A file is read once (a later import of it is skipped); importing a file that
 * is still being read is an import cycle and an error.
 */
final class Loader {
  static final int MAX_IMPORT_DEPTH = 100;

  private final CamkesFrontEnd.Options options;
  private final SourceSet sources;
  private final DiagnosticSink sink;
  private final Preprocessor cpp;
  private final Set<String> loaded = new LinkedHashSet<>();
  private final Deque<String> stack = new ArrayDeque<>();
  private final Set<String> files = new LinkedHashSet<>();
  private final java.util.Map<String, String> displayNames = new java.util.HashMap<>();

  Loader(CamkesFrontEnd.Options options, SourceSet sources, DiagnosticSink sink, Preprocessor cpp) {
    this.options = options;
    this.sources = sources;
    this.sink = sink;
    this.cpp = cpp;
  }

  /** Files read, in order (for the model). */
  List<String> files() {
    return List.copyOf(files);
  }

  List<Ast.Item> load(SourceFile top, Path dir, String key) {
    List<Ast.Item> items = new ArrayList<>();
    read(top, dir, key, items);
    return items;
  }

  private void read(SourceFile file, Path dir, String key, List<Ast.Item> into) {
    loaded.add(key);
    stack.push(key);
    displayNames.put(key, file.name());
    files.add(file.name());
    Preprocessed pre = cpp.run(file, dir, sink);
    for (String f : pre.filesRead()) {
      if (!f.startsWith(SourceSet.BUILTIN_PREFIX) && !f.equals(file.name())) {
        loaded.add(keyOf(Path.of(f)));
        files.add(f);
      }
    }
    Lexer lexer = new Lexer(pre, file.name(), sources, sink);
    List<Token> tokens = lexer.tokens();
    for (Ast.Item item : new Parser(tokens, sink).quietAtEnd(lexer.truncated()).parse()) {
      if (item instanceof Ast.Import imp) importFile(imp, dir, into);
      else into.add(item);
    }
    stack.pop();
  }

  private void importFile(Ast.Import imp, Path dir, List<Ast.Item> into) {
    if (stack.size() >= MAX_IMPORT_DEPTH) {
      sink.report(Diags.error("CAM072", "imports nested too deeply (more than "
          + MAX_IMPORT_DEPTH + " levels)", imp.span()));
      return;
    }
    Found found = imp.angle() ? searchImportPath(imp.path()) : relative(imp.path(), dir);
    if (found == null) {
      sink.report(Diags.error("CAM070", "import '" + imp.path() + "' not found", imp.span(),
          Diagnostic.Note.hint(imp.angle()
              ? "searched the --import-path and -I directories and the built-in library"
              : "a quoted import is relative to the importing file; use <...> to search the import path")));
      return;
    }
    if (stack.contains(found.key())) {
      List<String> chain = new ArrayList<>(stack);
      java.util.Collections.reverse(chain);
      chain = new ArrayList<>(chain.subList(chain.indexOf(found.key()), chain.size()));
      chain.add(found.key());
      sink.report(Diags.error("CAM071", "import cycle: " + String.join(" -> ",
          chain.stream().map(k -> displayNames.getOrDefault(k, k)).toList()), imp.span()));
      return;
    }
    if (loaded.contains(found.key())) return;
    read(found.file(), found.dir(), found.key(), into);
  }

  private record Found(SourceFile file, Path dir, String key) {}

  /** {@code import <x>}: user folders first (so real library files win), then the built-in library. */
  private Found searchImportPath(String name) {
    List<Path> dirs = new ArrayList<>(options.importPath());
    dirs.addAll(options.includeDirs());
    for (Path d : dirs) {
      Found f = fromDisk(SourceSet.resolve(d, name));
      if (f != null) return f;
    }
    SourceFile builtin = sources.builtin(name);
    return builtin == null ? null : new Found(builtin, null, builtin.name());
  }

  /** {@code import "x"}: relative to the importing file (inside the built-in library for its files). */
  private Found relative(String name, Path dir) {
    if (dir != null) return fromDisk(SourceSet.resolve(dir, name));
    SourceFile builtin = sources.builtin(name);
    return builtin == null ? null : new Found(builtin, null, builtin.name());
  }

  private Found fromDisk(Path p) {
    if (p == null) return null;
    Path norm = p.normalize();
    SourceFile f = sources.load(norm, norm.toString());
    Path parent = norm.getParent();
    return f == null ? null : new Found(f, parent == null ? Path.of("") : parent, keyOf(norm));
  }

  static String keyOf(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }
}
