// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options shared by every command that reads an SDF: dialect, board, search paths. */
public final class SdfOptions {
  /** Larger inputs are refused before parsing; a real SDF is a few hundred kilobytes. */
  static final long MAX_FILE_BYTES = 64L << 20;

  @Option(names = "--dialect", paramLabel = "DIALECT", defaultValue = "sel4cp",
      description = "sel4cp (default; seL4 Core Platform 1.2.6), sel4cp-dev (the community dev"
          + " branch), microkit (today's Microkit).")
  String dialect;

  @Option(names = "--board", paramLabel = "NAME",
      description = "Board or kernel configuration whose facts apply (cores, hypervisor,"
          + " IOMMU...). Default: the dialect's default (sel4cp: the single sel4cp platform,"
          + " sel4cp-dev: qemu_arm_virt, microkit: qemu_virt_aarch64).")
  String board;

  @Option(names = "--kernel-config", paramLabel = "FILE",
      description = "A file of 'key = value' lines overriding board facts (arch, cores,"
          + " hypervisor, iommu, smc, domains, domain_schedules, user_top).")
  Path kernelConfig;

  @Option(names = "--search-path", paramLabel = "DIR",
      description = "A directory where program images and prefill files are looked up (may be"
          + " repeated). With it, check also reports program images it cannot find, as the"
          + " reference tool's build does (current directory first).")
  List<Path> searchPaths = new ArrayList<>();

  /** Resolves the options, or throws a usage error naming what is wrong. */
  public Sdf.Options options(CommandLine cl) {
    Dialect d = Dialect.byId(dialect);
    if (d == null) {
      throw new CommandLine.ParameterException(cl, "unknown dialect '" + dialect
          + "' (expected sel4cp, sel4cp-dev or microkit)");
    }
    BoardTable table = BoardTable.get();
    Board b;
    if (board == null) {
      b = table.defaultBoard(d);
    } else {
      b = table.board(d, board);
      if (b == null) {
        String close = dev.cpkit.diag.Spelling.closest(board, table.names(d));
        throw new CommandLine.ParameterException(cl, "unknown board '" + board + "' for dialect "
            + d + (close != null ? " (did you mean '" + close + "'?)" : "")
            + "; known: " + String.join(", ", table.names(d)));
      }
    }
    if (kernelConfig != null) b = withKernelConfig(cl, b, kernelConfig);
    // with --search-path, program images are looked up as the reference tool's build does
    return new Sdf.Options(d, b, searchPaths(d, searchPaths), !searchPaths.isEmpty());
  }

  /** Microkit looks in the current directory after the user's search paths (main.rs). */
  static List<Path> searchPaths(Dialect d, List<Path> given) {
    if (d != Dialect.MICROKIT) return given;
    List<Path> all = new ArrayList<>(given);
    all.add(Path.of("."));
    return all;
  }

  private static Board withKernelConfig(CommandLine cl, Board b, Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new CliException(Main.IO_ERROR, "cannot read kernel configuration '" + file + "': "
          + describe(e));
    }
    Map<String, String> facts = new LinkedHashMap<>();
    int n = 0;
    for (String line : lines) {
      n++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) continue;
      int eq = t.indexOf('=');
      if (eq < 0) {
        throw new CliException(Main.INPUT_ERRORS, file + ":" + n
            + ": expected 'key = value'");
      }
      facts.put(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
    }
    try {
      return b.with(facts);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.INPUT_ERRORS, file + ": " + e.getMessage());
    }
  }

  /** Reads an input file, refusing directories and oversized files with a clear message. */
  static byte[] read(Path file, Dialect dialect) {
    try {
      if (Files.isDirectory(file)) {
        throw new CliException(Main.IO_ERROR, "'" + file + "' is a directory");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new CliException(Main.INPUT_ERRORS, "'" + file + "' is larger than "
            + (MAX_FILE_BYTES >> 20) + " MiB; this is not a system description");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliException(Main.IO_ERROR, "system description file '" + file
          + "' does not exist");
    } catch (IOException e) {
      throw new CliException(Main.IO_ERROR, "cannot read '" + file + "': " + describe(e));
    }
  }

  static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
