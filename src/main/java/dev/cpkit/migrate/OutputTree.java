// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a migrated project into its output directory without ever overwriting a file that
 * cpkit migrate did not write: a manifest ({@code .cpkit-migrate}) records the SHA-256 of each
 * file written, and an existing file is replaced only when it still has that hash (or with
 * {@code --force}). Everything is first written to a temporary directory beside the output and
 * then moved into place, so a failure never leaves a half-written project looking complete.
 */
public final class OutputTree {
  static final String MANIFEST = ".cpkit-migrate";

  private OutputTree() {}

  /** Files that would be overwritten although cpkit did not write them (or they were edited). */
  public static List<String> conflicts(Path outDir, Map<String, byte[]> files) throws IOException {
    Map<String, String> manifest = readManifest(outDir);
    List<String> out = new ArrayList<>();
    for (var e : files.entrySet()) {
      Path target = outDir.resolve(e.getKey());
      if (!Files.exists(target)) continue;
      if (Files.isDirectory(target)) {
        out.add(e.getKey());
        continue;
      }
      String recorded = manifest.get(e.getKey());
      if (recorded == null || !recorded.equals(sha256(Files.readAllBytes(target)))) {
        out.add(e.getKey());
      }
    }
    if (Files.exists(outDir) && !Files.isDirectory(outDir)) out.add(".");
    return out;
  }

  /** Stages the files in a temporary directory, then moves each into {@code outDir}. */
  public static void write(Path outDir, Map<String, byte[]> files) throws IOException {
    for (String rel : files.keySet()) checkInside(rel);
    Path abs = outDir.toAbsolutePath().normalize();
    Path parent = abs.getParent() == null ? abs : abs.getParent();
    Files.createDirectories(parent);
    Path stage = Files.createTempDirectory(parent, "." + abs.getFileName() + ".migrate-");
    try {
      Map<String, byte[]> all = new LinkedHashMap<>(files);
      Map<String, String> manifest = new java.util.TreeMap<>(readManifest(abs));
      for (var e : files.entrySet()) manifest.put(e.getKey(), sha256(e.getValue()));
      StringBuilder m = new StringBuilder("# cpkit migrate: files it wrote and their SHA-256;"
          + " files listed here may be replaced by the next run\n");
      for (var e : manifest.entrySet()) m.append(e.getValue()).append("  ").append(e.getKey())
          .append('\n');
      all.put(MANIFEST, m.toString().getBytes(StandardCharsets.UTF_8));
      for (var e : all.entrySet()) {
        Path p = stage.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, e.getValue());
      }
      Files.createDirectories(abs);
      for (String rel : all.keySet()) {
        Path target = abs.resolve(rel);
        Files.createDirectories(target.getParent());
        try {
          Files.move(stage.resolve(rel), target, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(stage.resolve(rel), target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(stage)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }

  private static void checkInside(String rel) {
    Path p = Path.of(rel).normalize();
    if (p.isAbsolute() || p.startsWith("..")) {
      throw new IllegalArgumentException("output path '" + rel + "' leaves the output directory");
    }
  }

  static Map<String, String> readManifest(Path outDir) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    Path f = outDir.resolve(MANIFEST);
    if (!Files.isRegularFile(f)) return m;
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.isBlank()) continue;
      int sep = line.indexOf("  ");
      if (sep > 0) m.put(line.substring(sep + 2), line.substring(0, sep));
    }
    return m;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
