// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The board/kernel-configuration table, read from {@code boards.tsv}: one row per board (or
 * test configuration) per dialect. Which reference tool supports which board, and what each
 * one's kernel provides, is data here rather than branches in the validators.
 */
public final class BoardTable {
  private static volatile BoardTable instance;

  /** Rows by dialect and board name, turned into a {@link Board} when first asked for. */
  private final Map<Dialect, Map<String, Map<String, String>>> rows;
  private final Map<Dialect, String> defaults;
  private final Map<String, Board> built = new java.util.concurrent.ConcurrentHashMap<>();

  private BoardTable(Map<Dialect, Map<String, Map<String, String>>> rows,
      Map<Dialect, String> defaults) {
    this.rows = rows;
    this.defaults = defaults;
  }

  public static BoardTable get() {
    BoardTable t = instance;
    if (t == null) {
      try (InputStream in = BoardTable.class.getResourceAsStream("boards.tsv")) {
        t = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      instance = t;
    }
    return t;
  }

  /** Parses the table: a header line naming the columns, then one row per board. */
  static BoardTable parse(String text) {
    Map<Dialect, Map<String, Map<String, String>>> rows = new LinkedHashMap<>();
    Map<Dialect, String> defaults = new LinkedHashMap<>();
    String[] header = null;
    try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] cells = line.split("\t");
        if (header == null) {
          header = cells;
          continue;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length && i < cells.length; i++) row.put(header[i], cells[i]);
        Dialect dialect = Dialect.byId(row.remove("dialect"));
        boolean isDefault = "yes".equals(row.remove("default"));
        Map<String, Map<String, String>> ofDialect = rows.get(dialect);
        if (ofDialect == null) rows.put(dialect, ofDialect = new LinkedHashMap<>());
        ofDialect.put(row.get("name"), row);
        if (isDefault) defaults.put(dialect, row.get("name"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BoardTable(rows, defaults);
  }

  /** The board of that name for the dialect, or null. */
  public Board board(Dialect dialect, String name) {
    Map<String, String> row = rows.getOrDefault(dialect, Map.of()).get(name);
    if (row == null) return null;
    String key = dialect.id() + "/" + name;
    Board b = built.get(key);
    if (b == null) {
      Board base = new Board("", Board.Arch.AARCH64, Board.STANDARD_PAGE_SIZES, 1, false,
          false, false, 16, 100, 0xffffffffffL);
      b = base.with(row);
      built.put(key, b);
    }
    return b;
  }

  /** The board used when none is named. */
  public Board defaultBoard(Dialect dialect) {
    return board(dialect, defaults.get(dialect));
  }

  public List<String> names(Dialect dialect) {
    return new ArrayList<>(rows.getOrDefault(dialect, Map.of()).keySet());
  }
}
