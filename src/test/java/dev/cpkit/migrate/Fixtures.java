// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.camkes.CamkesFrontEnd;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shared helpers: run a migration in-process, write it out, run a compiler. */
final class Fixtures {
  private Fixtures() {}

  static final Path EXAMPLES = Path.of("examples/camkes");
  static final Path DATA = Path.of("src/test/resources/migrate");
  static final Path SDK = DATA.resolve("sdk");

  /** The bundled examples and the dialect each is migrated for. */
  static final Map<String, Dialect> EXAMPLE_DIALECTS = Map.of(
      "ping-pong", Dialect.SEL4CP,
      "rpc-dataport-signal", Dialect.SEL4CP,
      "ethdriver", Dialect.SEL4CP,
      "hw-device", Dialect.SEL4CP,
      "virtqueues", Dialect.SEL4CP,
      "vm-passthrough", Dialect.SEL4CP_DEV);

  static Path example(String name) {
    return EXAMPLES.resolve(name).resolve(name + ".camkes");
  }

  static Migrator.Result migrate(Path camkes, MigrateOptions options) {
    return migrate(camkes, options, null);
  }

  /** Migrates with {@code dtb(...)} queries answered from a device tree blob (null: none). */
  static Migrator.Result migrate(Path camkes, MigrateOptions options, Path dtb) {
    CamkesFrontEnd.Result loaded = CamkesFrontEnd.load(camkes, CamkesFrontEnd.Options.defaults()
        .withDeviceTree(dtb == null ? null : CamkesFrontEnd.DeviceTree.blob(dtb)));
    assertThat(loaded.ok()).as("front end: %s", loaded.diagnostics()).isTrue();
    return Migrator.migrate(loaded.model(), options);
  }

  static MigrateOptions options(Path camkes, Dialect d) {
    String n = camkes.getFileName().toString().replace(".camkes", "");
    return MigrateOptions.of(n, camkes.toAbsolutePath().getParent(), d);
  }

  static Migrator.Result migrate(Path camkes, Dialect d) {
    return migrate(camkes, options(camkes, d));
  }

  /** Migrates CAmkES text written to a temporary project directory. */
  static Migrator.Result migrateText(Path dir, String text, Dialect d) throws IOException {
    Path f = dir.resolve("app.camkes");
    Files.writeString(f, text);
    return migrate(f, d);
  }

  static void writeAll(Path dir, Map<String, byte[]> files) throws IOException {
    for (var e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  record Run(int exit, String output) {}

  static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Run(-1, out + "\n(timed out)");
    }
    return new Run(p.exitValue(), out);
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) return true;
    }
    return false;
  }

  /** {@code gcc -fsyntax-only} flags of the issue, for one PD's C file. */
  static List<String> syntaxCheck(String cc, Path sdkHeaders, String pd, List<String> includes,
      String file) {
    List<String> cmd = new ArrayList<>(List.of(cc, "-std=gnu11", "-Wall", "-Wextra", "-Werror",
        "-ffreestanding", "-fsyntax-only", "-I" + sdkHeaders.toAbsolutePath(), "-Iinclude", "-I.",
        "-Iinterfaces",
        "-DCAMKES_PD_HEADER=\"" + pd + ".h\""));
    for (String i : includes) cmd.add("-I" + i);
    cmd.add(file);
    return cmd;
  }
}
