// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kernel domain schedule of a CAmkES project: the C file named by the CMake setting
 * {@code KernelDomainSchedule} (or {@code domain_schedule.c} in the project folder), read with
 * a tolerant scan of the {@code ksDomSchedule} initializer, plus the CMake settings that give
 * its lengths a unit ({@code KernelIsMCS}, {@code KernelTimerTickMS}).
 *
 * @param file the schedule file, or null when the project has none
 * @param entries the {@code .domain}/{@code .length} pairs in order
 * @param problems what the scan could not read (macros, preprocessor lines, ...)
 * @param mcs whether the CMake files turn on {@code KernelIsMCS}
 * @param tickMs {@code KernelTimerTickMS}, or seL4's default of 2
 */
record KernelSchedule(Path file, List<Entry> entries, List<String> problems, boolean mcs,
    long tickMs) {

  record Entry(long domain, long length) {}

  static final long DEFAULT_TICK_MS = 2;

  private static final Pattern SETTING = Pattern.compile(
      "set\\s*\\(\\s*(KernelDomainSchedule|KernelIsMCS|KernelTimerTickMS)\\s+\"?([^\\s\")]+)\"?");
  private static final Pattern ENTRY = Pattern.compile("\\{([^{}]*)\\}");
  private static final Pattern FIELD = Pattern.compile("\\.(domain|length)\\s*=\\s*([^,]+)");

  /** Looks in {@code appDir}'s CMake files; never fails (unreadable files are problems). */
  static KernelSchedule find(Path appDir) {
    List<String> problems = new ArrayList<>();
    if (appDir == null) return new KernelSchedule(null, List.of(), problems, false,
        DEFAULT_TICK_MS);
    Path file = null;
    boolean mcs = false;
    long tick = DEFAULT_TICK_MS;
    for (Path cmake : cmakeFiles(appDir)) {
      Matcher m = SETTING.matcher(read(cmake, problems));
      while (m.find()) {
        String v = m.group(2);
        switch (m.group(1)) {
          case "KernelDomainSchedule" -> file = resolve(appDir, cmake.getParent(), v);
          case "KernelIsMCS" -> mcs = v.equalsIgnoreCase("ON") || v.equalsIgnoreCase("TRUE")
              || v.equals("1");
          default -> {
            Long t = number(v);
            if (t != null && t > 0) tick = t;
          }
        }
      }
    }
    if (file == null && Files.isRegularFile(appDir.resolve("domain_schedule.c"))) {
      file = appDir.resolve("domain_schedule.c");
    }
    if (file == null) return new KernelSchedule(null, List.of(), problems, mcs, tick);
    if (!Files.isRegularFile(file)) {
      problems.add("KernelDomainSchedule names " + file + ", which does not exist");
      return new KernelSchedule(null, List.of(), problems, mcs, tick);
    }
    List<Entry> entries = parse(read(file, problems), problems);
    return new KernelSchedule(file, entries, problems, mcs, tick);
  }

  /** The {@code ksDomSchedule} initializer's entries; what cannot be read goes to problems. */
  static List<Entry> parse(String c, List<String> problems) {
    String text = c.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    int at = text.indexOf("ksDomSchedule");
    while (at >= 0 && text.startsWith("ksDomScheduleLength", at)) {
      at = text.indexOf("ksDomSchedule", at + 1);
    }
    if (at < 0) {
      problems.add("no ksDomSchedule array");
      return List.of();
    }
    int open = text.indexOf('{', at);
    int close = open < 0 ? -1 : matching(text, open);
    if (close < 0) {
      problems.add("the ksDomSchedule initializer is not closed");
      return List.of();
    }
    String body = text.substring(open + 1, close);
    for (String line : body.split("\n")) {
      if (line.strip().startsWith("#")) {
        problems.add("preprocessor line ignored: " + line.strip());
      }
    }
    body = body.replaceAll("(?m)^\\s*#.*$", " ");
    List<Entry> entries = new ArrayList<>();
    Matcher m = ENTRY.matcher(body);
    while (m.find()) {
      String inner = m.group(1).strip();
      Long domain = null;
      Long length = null;
      Matcher f = FIELD.matcher(inner);
      boolean named = false;
      while (f.find()) {
        named = true;
        Long v = number(f.group(2).strip());
        if (f.group(1).equals("domain")) domain = v;
        else length = v;
      }
      if (!named) {
        String[] parts = inner.split(",");
        if (parts.length >= 2) {
          domain = number(parts[0].strip());
          length = number(parts[1].strip());
        }
      }
      if (domain == null || length == null) {
        problems.add("entry not read: {" + inner + "}");
        continue;
      }
      entries.add(new Entry(domain, length));
    }
    return entries;
  }

  private static int matching(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      if (s.charAt(i) == '{') depth++;
      else if (s.charAt(i) == '}' && --depth == 0) return i;
    }
    return -1;
  }

  /** A C integer literal (decimal, hex, with u/l suffixes); null for anything else. */
  static Long number(String s) {
    String t = s.replaceAll("[uUlL]+$", "");
    try {
      if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseLong(t.substring(2), 16);
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Path resolve(Path appDir, Path listDir, String v) {
    String p = v.replace("${CMAKE_CURRENT_LIST_DIR}", listDir.toString())
        .replace("${CMAKE_CURRENT_SOURCE_DIR}", listDir.toString())
        .replace("${PROJECT_SOURCE_DIR}", appDir.toString());
    Path path = Path.of(p);
    return path.isAbsolute() ? path : listDir.resolve(path).normalize();
  }

  private static List<Path> cmakeFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return n.equals("CMakeLists.txt") || n.endsWith(".cmake");
      }).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String read(Path p, List<String> problems) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      problems.add("cannot read " + p + ": " + e.getMessage());
      return "";
    }
  }
}
