// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.image.BuildException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A Microkit 2.x SDK on disk ({@code sdk.rs}, {@code argparse.rs}, {@code main.rs}): where it
 * is, its boards and configs, and the files of one board/config, checked in Microkit's order
 * with its messages.
 *
 * <p>Discovery: cpkit's {@code --sdk} when given, else {@code $MICROKIT_SDK} (which must be an
 * existing directory), as in Microkit; Microkit's last resort, the folder two levels above its
 * own executable ({@code <sdk>/bin/microkit}), has no cpkit equivalent, so cpkit says that no
 * SDK was given.
 *
 * @param boards the boards ({@code board/*} folders), sorted by name as Microkit sorts them
 */
public record MicrokitSdk(Path root, List<String> boards) {
  public MicrokitSdk {
    boards = List.copyOf(boards);
  }

  /** The SDK folder from {@code --sdk} (may be null) or the environment. */
  public static Path root(Path sdkOption, Function<String, String> env) {
    if (sdkOption != null) return sdkOption;
    String v = env.apply("MICROKIT_SDK");
    if (v == null) {
      throw BuildException.usage("IMG100", "no Microkit SDK given: use --sdk DIR or set"
          + " MICROKIT_SDK", null);
    }
    Path p = Path.of(v);
    if (!Files.isDirectory(p)) {
      throw BuildException.user("IMG101", "the MICROKIT_SDK directory '" + v + "' does not"
          + " exist", "microkit: error: The MICROKIT_SDK directory '" + v + "' does not exist");
    }
    return p;
  }

  /** Opens the SDK: its {@code board} folder must exist. */
  public static MicrokitSdk open(Path root) {
    if (!Files.isDirectory(root)) {
      // the reference checks this only for MICROKIT_SDK; --sdk gets the same message
      throw BuildException.user("IMG101", "the SDK directory '" + root + "' does not exist",
          "microkit: error: The MICROKIT_SDK directory '" + root + "' does not exist");
    }
    Path boards = root.resolve("board");
    if (!Files.isDirectory(boards)) {
      throw BuildException.user("IMG102", "the SDK directory has no 'board' sub-directory at '"
          + boards + "'; is it a Microkit SDK?", "microkit: error: The SDK directory does not"
          + " have a 'board' sub-directory at '" + boards + "'");
    }
    List<String> names = dirs(boards);
    names.sort(null);
    return new MicrokitSdk(root, names);
  }

  /**
   * The configs of a board, in the order the file system lists them: Microkit collects them
   * with {@code read_dir} and does not sort them, so its choice list has this order.
   */
  public List<String> configs(String board) {
    return boards.contains(board) ? dirs(root.resolve("board").resolve(board)) : List.of();
  }

  /**
   * One board/config, validated as Microkit's argument parser does (IMG103, IMG104; usage
   * errors in cpkit, exit status 2, where Microkit exits with 1).
   */
  public Target select(String board, String config) {
    if (!boards.contains(board)) {
      throw BuildException.usage("IMG103", "unknown board '" + board + "'; this SDK has: "
          + String.join(", ", boards), "microkit: error: argument --board: unknown parameter '"
          + board + "'");
    }
    List<String> configs = configs(board);
    if (!configs.contains(config)) {
      throw BuildException.usage("IMG104", "unknown config '" + config + "' for board '" + board
          + "'; this SDK has: " + String.join(", ", configs), "microkit: error: argument"
          + " --config: invalid choice '" + config + "' (choose from: " + String.join(", ",
              configs) + ")");
    }
    return new Target(board, config, root.resolve("board").resolve(board).resolve(config));
  }

  /** The files of one board/config. */
  public record Target(String board, String config, Path dir) {
    public Path elfDir() {
      return dir.resolve("elf");
    }

    public Path kernel() {
      return elfDir().resolve("sel4.elf");
    }

    public Path loader() {
      return elfDir().resolve("loader.elf");
    }

    public Path monitor() {
      return elfDir().resolve("monitor.elf");
    }

    public Path initialiser() {
      return elfDir().resolve("initialiser.elf");
    }

    public Path genConfig() {
      return dir.resolve("include/kernel/gen_config.json");
    }

    public Path invocations() {
      return dir.resolve("invocations_all.json");
    }

    public Path platformGen() {
      return dir.resolve("platform_gen.json");
    }

    public Path objectSizes() {
      return dir.resolve("object_sizes.json");
    }

    public Path addressSpaceConstants() {
      return dir.resolve("address_space_constants.json");
    }

    /**
     * The existence checks Microkit makes before it reads any of them, in its order (ELF
     * folder, kernel, monitor, initialiser, kernel configuration, invocations);
     * {@code overrideKernel} is {@code --override-kernel} or null. The system file comes
     * next in Microkit, then the JSON files as they are read; the loader ELF (not needed on
     * x86-64) is checked later, see {@link #checkLoader}.
     */
    public void checkFiles(Path overrideKernel) {
      exists("board ELF directory", elfDir());
      exists("kernel ELF", overrideKernel != null ? overrideKernel : kernel());
      exists("monitor ELF", monitor());
      exists("CapDL initialiser ELF", initialiser());
      exists("kernel configuration file", genConfig());
      exists("invocations JSON file", invocations());
    }

    /** Microkit's loader check, which has its own wording ("Error: loader ELF ..."). */
    public void checkLoader() {
      if (!Files.exists(loader())) {
        throw BuildException.user("IMG105", "loader ELF '" + loader() + "' does not exist",
            "Error: loader ELF '" + loader() + "' does not exist");
      }
    }

    private static void exists(String description, Path p) {
      if (!Files.exists(p)) throw SdkJsonFile.missing(description, p);
    }
  }

  private static List<String> dirs(Path dir) {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) if (Files.isDirectory(p)) out.add(p.getFileName().toString());
    } catch (IOException e) {
      // Microkit stops with "The directory '...' could not be read"; an unreadable folder
      // lists nothing here and the board or config is then reported unknown
    }
    return out;
  }
}
