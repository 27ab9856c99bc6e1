// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Board;
import dev.cpkit.system.BoardTable;
import dev.cpkit.system.Dialect;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A start-up fast path for the most common invocation, {@code cpkit check [options] FILE...}.
 *
 * <p>Why: building picocli's model by reflection costs about 70 ms of a 100 ms process, and
 * {@code cpkit check} is meant to replace a Python tool that starts in 120 ms. This class
 * accepts only plain, well-formed uses of the options {@link CheckCommand} defines and hands
 * anything else (help, unknown or malformed options, {@code --kernel-config}) to picocli, so
 * every error message still comes from one place. CliTest runs the same invocations both ways.
 */
final class FastCheck {
  private FastCheck() {}

  /** Runs the check and returns its exit code, or -1 when picocli must handle the arguments. */
  static int tryRun(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length < 2 || !args[0].equals("check")) return -1;
    String dialectId = "sel4cp";
    String boardName = null;
    MessageFormat format = MessageFormat.human;
    boolean quiet = false;
    List<Path> searchPaths = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    boolean endOfOptions = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (endOfOptions || !a.startsWith("-") || a.equals("-")) {
        files.add(Path.of(a));
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      switch (name) {
        case "--" -> endOfOptions = true;
        case "-q", "--quiet" -> {
          if (value != null) return -1;
          quiet = true;
        }
        case "--dialect", "--board", "--message-format", "--search-path" -> {
          if (value == null) {
            if (i + 1 >= args.length || args[i + 1].startsWith("-")) return -1;
            value = args[++i];
          }
          switch (name) {
            case "--dialect" -> dialectId = value;
            case "--board" -> boardName = value;
            case "--search-path" -> searchPaths.add(Path.of(value));
            default -> {
              try {
                format = MessageFormat.valueOf(value);
              } catch (IllegalArgumentException e) {
                return -1;
              }
            }
          }
        }
        default -> {
          return -1;
        }
      }
    }
    Dialect dialect = Dialect.byId(dialectId);
    if (dialect == null || files.isEmpty()) return -1;
    BoardTable table = BoardTable.get();
    Board board = boardName == null ? table.defaultBoard(dialect) : table.board(dialect, boardName);
    if (board == null) return -1;
    Sdf.Options options = new Sdf.Options(dialect, board,
        SdfOptions.searchPaths(dialect, searchPaths), !searchPaths.isEmpty());
    try {
      return CheckCommand.checkAll(files, options, format, quiet, out, err);
    } catch (CliException e) {
      err.println("cpkit: error: " + e.getMessage());
      err.flush();
      return e.exitCode();
    }
  }
}
