// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every generated header compiles warning-free as C and as C++ ({@code -Wall -Wextra
 * -Werror}), included twice, with every constant used in a {@code case} label and every
 * extern symbol referenced; every Rust module compiles with {@code -D warnings}. Skipped with
 * a message when the compiler is not installed.
 */
class HeaderCompileTest {
  @TempDir Path dir;

  static final Pattern DEFINE = Pattern.compile("(?m)^#define (\\w+) (.+?)(?: /\\*.*)?$");
  static final Pattern EXTERN = Pattern.compile("(?m)^extern \\w+ (\\w+);");

  static boolean available(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static String run(Path cwd, List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s failed:%n%s", cmd, out).isZero();
    return out;
  }

  /** A translation unit using every name of the header, so that each must be valid. */
  static String user(String header, String text) {
    StringBuilder sb = new StringBuilder();
    sb.append("#include \"").append(header).append("\"\n");
    sb.append("#include \"").append(header).append("\" /* the guard makes this harmless */\n");
    List<String> ids = new ArrayList<>();
    Matcher m = DEFINE.matcher(text);
    while (m.find()) if (!m.group(1).startsWith("CPKIT_")) ids.add(m.group(1));
    sb.append("unsigned long long use_").append(Math.abs(header.hashCode()))
        .append("(unsigned long long x) {\n  unsigned long long sum = 0;\n");
    for (String id : ids) sb.append("  sum += (unsigned long long)(").append(id).append(");\n");
    Matcher e = EXTERN.matcher(text);
    while (e.find()) sb.append("  sum += (unsigned long long)").append(e.group(1)).append(";\n");
    sb.append("  switch (x) {\n");
    for (String id : ids) {
      if (id.startsWith("CH_") && !id.endsWith("_PPCALL") || id.startsWith("IRQ_")) {
        sb.append("  case ").append(id).append(": return sum;\n");
      }
    }
    sb.append("  default: return 0;\n  }\n}\n");
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gcc", "g++"})
  void headersCompileWithoutWarnings(String compiler) throws Exception {
    assumeTrue(available(compiler), compiler + " is not installed: skipping the compile test");
    boolean cxx = compiler.equals("g++");
    List<String> cmd = new ArrayList<>(List.of(compiler, cxx ? "-std=c++17" : "-std=c11",
        "-Wall", "-Wextra", "-Werror", "-pedantic", "-c"));
    int n = 0;
    for (var c : HeaderGoldenTest.cases().toList()) {
      Object[] a = c.get();
      if (a[4] != HeaderGenerator.Lang.C) continue;
      Path sub = Files.createDirectories(dir.resolve((String) a[0]));
      for (HeaderGenerator.GeneratedFile f : HeaderGoldenTest.generate((Path) a[1],
          (Dialect) a[2], (String) a[3], HeaderGenerator.Lang.C)) {
        Files.writeString(sub.resolve(f.fileName()), f.text());
        Path unit = sub.resolve("use" + (n++) + (cxx ? ".cc" : ".c"));
        Files.writeString(unit, user(f.fileName(), f.text()));
        cmd.add(dir.relativize(unit).toString());
      }
    }
    run(dir, cmd);
  }

  @Test
  void rustModulesCompileWithoutWarnings() throws Exception {
    assumeTrue(available("rustc"), "rustc is not installed: skipping the Rust compile test");
    StringBuilder lib = new StringBuilder();
    int n = 0;
    for (var c : HeaderGoldenTest.cases().toList()) {
      Object[] a = c.get();
      if (a[4] != HeaderGenerator.Lang.RUST) continue;
      for (HeaderGenerator.GeneratedFile f : HeaderGoldenTest.generate((Path) a[1],
          (Dialect) a[2], (String) a[3], HeaderGenerator.Lang.RUST)) {
        String mod = "m" + (n++);
        Files.writeString(dir.resolve(mod + ".rs"), f.text());
        lib.append("pub mod ").append(mod).append(";\n");
      }
    }
    Files.writeString(dir.resolve("lib.rs"), lib);
    run(dir, List.of("rustc", "--edition", "2021", "--crate-type", "lib", "-D", "warnings",
        "--out-dir", dir.toString(), "lib.rs"));
  }
}
