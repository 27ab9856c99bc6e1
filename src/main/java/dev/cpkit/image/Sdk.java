// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A sel4cp SDK on disk and the pre-flight checks the reference makes before reading anything,
 * in its order and with its messages: SDK folder, {@code board/}, the board, the config (any
 * folder of the board except {@code example}), the ELF folder and the three ELF files.
 *
 * @param elfDir {@code <sdk>/board/<board>/<config>/elf}
 */
public record Sdk(Path root, String board, String config, Path elfDir) {
  public Path kernel() {
    return elfDir.resolve("sel4.elf");
  }

  public Path monitor() {
    return elfDir.resolve("monitor.elf");
  }

  public Path loader() {
    return elfDir.resolve("loader.elf");
  }

  /** Checks the SDK layout for a board and config; the first problem is thrown. */
  public static Sdk open(Path root, String board, String config) {
    if (!Files.exists(root)) {
      throw BuildException.user("IMG001", "SDK directory '" + root + "' does not exist (set"
          + " --sdk or SEL4CP_SDK to the unpacked sel4cp SDK)", "Error: SDK directory '" + root
          + "' does not exist. Check SEL4CP_SDK environment variable is set correctly");
    }
    Path boards = root.resolve("board");
    if (!Files.exists(boards)) {
      throw BuildException.user("IMG002", "SDK directory '" + root + "' has no 'board'"
          + " sub-directory; is it really a sel4cp SDK?", "Error: SDK  directory '" + root
          + "' does not have a 'board' sub-directory. Check SEL4CP_SDK environment variable is"
          + " set correctly");
    }
    List<String> boardNames = dirs(boards, false);
    if (!boardNames.contains(board)) {
      throw BuildException.usage("IMG003", "unknown board '" + board + "'; this SDK has: "
          + String.join(", ", boardNames), "error: argument --board: invalid choice: '" + board
          + "' (choose from " + quoted(boardNames, "'", "', '") + ")");
    }
    Path boardDir = boards.resolve(board);
    List<String> configs = dirs(boardDir, true);
    if (!configs.contains(config)) {
      throw BuildException.usage("IMG004", "unknown config '" + config + "' for board '" + board
          + "'; this SDK has: " + String.join(", ", configs), "error: argument --config: invalid"
          + " choice: '" + config + "' (choose from [" + quoted(configs, "'", "', '") + "])");
    }
    Path elf = boardDir.resolve(config).resolve("elf");
    Sdk sdk = new Sdk(root, board, config, elf);
    if (!Files.exists(elf)) {
      throw BuildException.user("IMG005", "board ELF directory '" + elf + "' does not exist",
          "Error: board ELF directory '" + elf + "' does not exist");
    }
    missing(sdk.loader(), "loader ELF", "Error: loader ELF '");
    // the reference's message for a missing kernel says "loader ELF" (a copy-paste slip)
    missing(sdk.kernel(), "kernel ELF", "Error: loader ELF '");
    missing(sdk.monitor(), "monitor ELF", "Error: monitor ELF '");
    return sdk;
  }

  private static void missing(Path p, String what, String ref) {
    if (!Files.exists(p)) {
      throw BuildException.user("IMG006", what + " '" + p + "' does not exist",
          ref + p + "' does not exist");
    }
  }

  private static String quoted(List<String> names, String open, String sep) {
    return names.isEmpty() ? "" : open + String.join(sep, names) + "'";
  }

  /** Sub-directory names, sorted (the reference lists them in file-system order). */
  private static List<String> dirs(Path dir, boolean skipExample) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> !(skipExample && n.equals("example"))).sorted().forEach(out::add);
    } catch (IOException e) {
      // an unreadable folder lists nothing; the caller's message names it
    }
    return out;
  }
}
