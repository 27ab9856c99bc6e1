// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a migration targets and how far it may deviate from the CAmkES input.
 *
 * @param appName the output's base name ({@code <app>.system}); the top file's name
 * @param appDir the CAmkES project directory (sources and CMakeLists.txt are looked up here)
 * @param fixPriorities raise server priorities that break the protected-call rule
 * @param passiveServers make control-less RPC servers passive
 * @param sources {@code --sources Type=FILE,...}: component type to its C files
 */
public record MigrateOptions(String appName, Path appDir, Dialect dialect, Board board,
    boolean fixPriorities, boolean passiveServers, Map<String, List<Path>> sources) {

  public MigrateOptions {
    sources = Map.copyOf(sources);
  }

  /** Defaults for a dialect: its default board, no fixes, sources found in the project. */
  public static MigrateOptions of(String appName, Path appDir, Dialect dialect) {
    return new MigrateOptions(appName, appDir, dialect, BoardTable.get().defaultBoard(dialect),
        false, false, Map.of());
  }

  public MigrateOptions withBoard(Board b) {
    return new MigrateOptions(appName, appDir, dialect, b, fixPriorities, passiveServers, sources);
  }

  public MigrateOptions withFixPriorities(boolean on) {
    return new MigrateOptions(appName, appDir, dialect, board, on, passiveServers, sources);
  }

  public MigrateOptions withPassiveServers(boolean on) {
    return new MigrateOptions(appName, appDir, dialect, board, fixPriorities, on, sources);
  }

  public MigrateOptions withSources(Map<String, List<Path>> s) {
    return new MigrateOptions(appName, appDir, dialect, board, fixPriorities, passiveServers, s);
  }

  /** The largest channel/irq id a PD may use in the dialect, plus one. */
  public int idLimit() {
    return switch (dialect) {
      case SEL4CP -> 63;
      case SEL4CP_DEV -> 63; // channel ends may use 63, irqs are unchecked; 0..62 is safe for both
      case MICROKIT -> 62;
    };
  }

  /** The longest PD name the dialect keeps intact (sel4cp's monitor keeps 15 bytes). */
  public int nameLimit() {
    return dialect == Dialect.MICROKIT ? 63 : 15;
  }

  /** The C API prefix of the dialect's runtime library. */
  public String api() {
    return dialect == Dialect.MICROKIT ? "microkit" : "sel4cp";
  }
}
