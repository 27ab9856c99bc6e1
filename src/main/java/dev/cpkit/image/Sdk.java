// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  /** The fork's kernel configuration, {@code <sdk>/board/<board>/<config>/config.json}. */
  public Path configJson() {
    return elfDir.getParent().resolve("config.json");
  }

  /** Checks the SDK layout for a board and config; the first problem is thrown. */
  public static Sdk open(Path root, String board, String config) {
    return open(root, board, config, "80");
  }

  /**
   * As {@link #open(Path, String, String)}; {@code columnsEnv} is {@code $COLUMNS}, from which
   * (or the terminal) the width of the reference's usage block is worked out when needed.
   */
  public static Sdk open(Path root, String board, String config, String columnsEnv) {
    return open(root, board, config, columnsEnv, false);
  }

  /**
   * As {@link #open(Path, String, String, String)}; with {@code fork}, the community fork's
   * checks: {@code config.json} must exist, checked before the ELF folder.
   */
  public static Sdk open(Path root, String board, String config, String columnsEnv,
      boolean fork) {
    checkRoot(root);
    Path boards = root.resolve("board");
    List<String> listed = dirs(boards, false);
    if (!listed.contains(board)) {
      List<String> sorted = new ArrayList<>(listed);
      java.util.Collections.sort(sorted);
      throw BuildException.usage("IMG003", "unknown board '" + board + "'; this SDK has: "
          + String.join(", ", sorted), ReferenceCli.error(listed,
              ReferenceCli.columns(columnsEnv), ReferenceCli.invalidBoard(board, listed))
              .stripTrailing());
    }
    Path boardDir = boards.resolve(board);
    List<String> configs = dirs(boardDir, true);
    if (!configs.contains(config)) {
      List<String> sorted = new ArrayList<>(configs);
      java.util.Collections.sort(sorted);
      throw BuildException.usage("IMG004", "unknown config '" + config + "' for board '" + board
          + "'; this SDK has: " + String.join(", ", sorted), ReferenceCli.error(listed,
              ReferenceCli.columns(columnsEnv), ReferenceCli.invalidConfig(config, configs))
              .stripTrailing());
    }
    Path elf = boardDir.resolve(config).resolve("elf");
    Sdk sdk = new Sdk(root, board, config, elf);
    if (fork && !Files.exists(sdk.configJson())) {
      throw BuildException.user("IMG006", "kernel configuration '" + sdk.configJson()
          + "' does not exist (an SDK of the community fork has one per board and config)",
          "Error: auto-generated kernel config '" + sdk.configJson() + "' does not exist");
    }
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

  /**
   * The checks the reference makes before it parses its arguments: the SDK folder and its
   * {@code board/} folder exist.
   */
  public static void checkRoot(Path root) {
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
  }

  /** The SDK's boards in the order the file system lists them (the reference's order). */
  public static List<String> boards(Path root) {
    return dirs(root.resolve("board"), false);
  }

  private static void missing(Path p, String what, String ref) {
    if (!Files.exists(p)) {
      throw BuildException.user("IMG006", what + " '" + p + "' does not exist",
          ref + p + "' does not exist");
    }
  }

  /**
   * Sub-directory names in the order the file system lists them: Java's directory stream and
   * Python's {@code iterdir} both return readdir's order, so the reference's choice lists
   * come out the same.
   */
  private static List<String> dirs(Path dir, boolean skipExample) {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String n = p.getFileName().toString();
        if (Files.isDirectory(p) && !(skipExample && n.equals("example"))) out.add(n);
      }
    } catch (IOException e) {
      // an unreadable folder lists nothing; the caller's message names it
    }
    return out;
  }
}
