// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import dev.cpkit.diag.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Every source file the front end read, by the name diagnostics use for it, so a location
 * that cpp line markers give as file:line can be shown with its source line. Built-in library
 * files are named {@code <builtin>/NAME}.
 */
final class SourceSet {
  static final String BUILTIN_PREFIX = "<builtin>/";
  static final long MAX_FILE_SIZE = 16L << 20;

  private final Map<String, SourceFile> files = new HashMap<>();

  /** Reads a file; null when it does not exist or cannot be read. */
  SourceFile load(Path path, String name) {
    SourceFile known = files.get(name);
    if (known != null) return known;
    try {
      if (!Files.isRegularFile(path) || Files.size(path) > MAX_FILE_SIZE) return null;
      SourceFile f = new SourceFile(name, Files.readString(path, StandardCharsets.UTF_8));
      files.put(name, f);
      return f;
    } catch (IOException | java.io.UncheckedIOException e) {
      return null;
    }
  }

  /** A file from cpkit's built-in standard library, or null. */
  SourceFile builtin(String relative) {
    String name = BUILTIN_PREFIX + relative;
    SourceFile known = files.get(name);
    if (known != null) return known;
    if (relative.contains("..")) return null;
    try (InputStream in = SourceSet.class.getResourceAsStream(relative)) {
      if (in == null) return null;
      SourceFile f = new SourceFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      files.put(name, f);
      return f;
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code dir.resolve(name)}, or null when the name is not a valid path here (a NUL, say). */
  static Path resolve(Path dir, String name) {
    try {
      return dir.resolve(name).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  void add(SourceFile f) {
    files.put(f.name(), f);
  }

  SourceFile get(String name) {
    return files.get(name);
  }
}
