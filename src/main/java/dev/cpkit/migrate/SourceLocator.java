// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds each component type's C sources where CAmkES projects keep them: {@code --sources}
 * first, then the project's {@code CMakeLists.txt} ({@code DeclareCAmkESComponent(Type SOURCES
 * ... INCLUDES ... C_FLAGS ...)}), then {@code components/<Type>/src/*.c}.
 */
final class SourceLocator {
  /** Sources, include directories and flags of one component type (paths as found). */
  record Component(List<Path> sources, List<Path> includes, List<String> cflags, String origin) {}

  private static final Pattern DECLARE = Pattern.compile(
      "DeclareCAmkESComponent\\s*\\(\\s*([A-Za-z_][A-Za-z0-9_]*)([^)]*)\\)", Pattern.DOTALL);

  private final Path appDir;
  private final Map<String, List<Path>> overrides;
  private final Map<String, Component> cmake = new LinkedHashMap<>();

  SourceLocator(Path appDir, Map<String, List<Path>> overrides) {
    this.appDir = appDir;
    this.overrides = overrides;
    Path lists = appDir.resolve("CMakeLists.txt");
    if (Files.isRegularFile(lists)) {
      try {
        parse(Files.readString(lists, StandardCharsets.UTF_8));
      } catch (IOException e) {
        // an unreadable CMakeLists.txt is treated as absent; the report says where sources came from
      }
    }
  }

  private void parse(String text) {
    text = text.replaceAll("#[^\n]*", "");
    Matcher m = DECLARE.matcher(text);
    while (m.find()) {
      List<Path> sources = new ArrayList<>();
      List<Path> includes = new ArrayList<>();
      List<String> flags = new ArrayList<>();
      String section = "";
      for (String tok : m.group(2).trim().split("\\s+")) {
        if (tok.isEmpty()) continue;
        if (tok.matches("[A-Z_]+") && !tok.contains(".")) {
          section = tok;
          continue;
        }
        String t = tok.replace("\"", "").replace("${CMAKE_CURRENT_SOURCE_DIR}/", "")
            .replace("${CMAKE_CURRENT_LIST_DIR}/", "");
        if (t.contains("${")) continue;
        switch (section) {
          case "SOURCES" -> sources.add(appDir.resolve(t).normalize());
          case "INCLUDES" -> includes.add(appDir.resolve(t).normalize());
          case "C_FLAGS" -> flags.add(t);
          default -> { }
        }
      }
      cmake.put(m.group(1), new Component(sources, includes, flags, "CMakeLists.txt"));
    }
  }

  Component find(String type) {
    List<Path> inc = new ArrayList<>();
    Path defInc = appDir.resolve("components").resolve(type).resolve("include");
    if (Files.isDirectory(defInc)) inc.add(defInc);
    if (overrides.containsKey(type)) {
      return new Component(overrides.get(type), inc, List.of(), "--sources");
    }
    if (cmake.containsKey(type)) return cmake.get(type);
    Path src = appDir.resolve("components").resolve(type).resolve("src");
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(src)) {
      try (Stream<Path> s = Files.list(src)) {
        s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(found::add);
      } catch (IOException e) {
        // unreadable: reported as no sources
      }
    }
    return new Component(found, inc, List.of(), found.isEmpty() ? "none"
        : "components/" + type + "/src");
  }

  /** Where a project file goes in the output: its app-relative path, else external/NAME. */
  String outputPath(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path base = appDir.toAbsolutePath().normalize();
    if (abs.startsWith(base)) return base.relativize(abs).toString().replace('\\', '/');
    return "external/" + abs.getFileName();
  }
}
