// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.camkes.CamkesFrontEnd;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A start-up fast path for {@code cpkit camkes dump [options] FILE}, like {@link FastCheck}.
 *
 * <p>Why: picocli's reflective model costs about 70 ms, and {@code camkes dump} is measured
 * against camkes-tool's 0.35–0.8 s per application with a 5× target (about 0.1 s including JVM
 * start). Only plain, well-formed uses of {@link CamkesCommand.Dump}'s options are taken here;
 * anything else (help, unknown or malformed options, {@code -D} with a bad name, both
 * {@code --dtb} and {@code --dts}, a value that looks like an option) returns -1 so picocli
 * handles it and every usage message still comes from one place. Both paths print through
 * {@link CamkesCommand#dump}; CamkesFastPathTest runs the same invocations both ways. No
 * streams, lambdas or regular expressions here: each costs start-up time.
 */
public final class FastCamkesDump {
  private FastCamkesDump() {}

  /** Runs the dump and returns its exit code, or -1 when picocli must handle the arguments. */
  public static int tryRun(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length < 3 || !args[0].equals("camkes") || !args[1].equals("dump")) return -1;
    boolean json = false;
    List<Path> includeDirs = new ArrayList<>();
    Map<String, String> defines = new LinkedHashMap<>();
    List<Path> importPath = new ArrayList<>();
    CamkesFrontEnd.CppMode cpp = CamkesFrontEnd.CppMode.BUILTIN;
    MessageFormat format = MessageFormat.human;
    Path dtb = null;
    Path dts = null;
    Path file = null;
    boolean endOfOptions = false;
    boolean cppSet = false;
    boolean formatSet = false;
    for (int i = 2; i < args.length; i++) {
      String a = args[i];
      if (endOfOptions || !a.startsWith("-") || a.equals("-")) {
        if (file != null) return -1;
        file = Path.of(a);
        continue;
      }
      if (a.equals("--")) {
        endOfOptions = true;
        continue;
      }
      if (a.equals("--json")) {
        if (json) return -1;  // picocli rejects a repeated single-value option
        json = true;
        continue;
      }
      String name = a;
      String value = null;
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        if (eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
      } else if (a.length() > 2) {
        // "-Idir" / "-DNAME=1": picocli reads an attached value the same way; "-I=dir" it
        // reads differently, so that form is left to it.
        if (a.charAt(2) == '=') return -1;
        name = a.substring(0, 2);
        value = a.substring(2);
      }
      if (!name.equals("-I") && !name.equals("-D") && !name.equals("--import-path") && !name.equals("--cpp")
          && !name.equals("--message-format") && !name.equals("--dtb") && !name.equals("--dts")) {
        return -1;
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("-")) return -1;
        value = args[++i];
      }
      if (value.isEmpty()) return -1;
      switch (name) {
        case "-I" -> includeDirs.add(Path.of(value));
        case "--import-path" -> importPath.add(Path.of(value));
        case "-D" -> {
          int eq = value.indexOf('=');
          String macro = eq < 0 ? value : value.substring(0, eq);
          if (!identifier(macro)) return -1;
          defines.put(macro, eq < 0 ? "1" : value.substring(eq + 1));
        }
        case "--cpp" -> {
          if (cppSet) return -1;
          cppSet = true;
          if (value.equals("builtin")) cpp = CamkesFrontEnd.CppMode.BUILTIN;
          else if (value.equals("system")) cpp = CamkesFrontEnd.CppMode.SYSTEM;
          else return -1;
        }
        case "--message-format" -> {
          if (formatSet) return -1;
          formatSet = true;
          if (value.equals("human")) format = MessageFormat.human;
          else if (value.equals("json")) format = MessageFormat.json;
          else if (value.equals("sel4cp")) format = MessageFormat.sel4cp;
          else return -1;
        }
        case "--dtb" -> {
          if (dtb != null) return -1;
          dtb = Path.of(value);
        }
        default -> {
          if (dts != null) return -1;
          dts = Path.of(value);
        }
      }
    }
    if (file == null || (dtb != null && dts != null)) return -1;
    CamkesFrontEnd.DeviceTree tree = dtb != null ? CamkesFrontEnd.DeviceTree.blob(dtb)
        : dts != null ? CamkesFrontEnd.DeviceTree.source(dts) : null;
    CamkesFrontEnd.Options options = new CamkesFrontEnd.Options(includeDirs, defines, importPath, cpp, "cpp", tree);
    try {
      return CamkesCommand.dump(file, options, json, format, out, err);
    } catch (CliException e) {
      err.println("cpkit: error: " + e.getMessage());
      err.flush();
      return e.exitCode();
    }
  }

  /** [A-Za-z_][A-Za-z0-9_]*, as CamkesCommand checks -D names (without a regex). */
  private static boolean identifier(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) return false;
    }
    return true;
  }
}
