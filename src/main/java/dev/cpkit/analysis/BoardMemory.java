// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a board's RAM is, for the boards where cpkit knows it ({@code board-memory.tsv}).
 * The board table of the SDF checker has no memory layout, because no SDF rule needs one;
 * the physical memory map and the device-region check do.
 */
public final class BoardMemory {
  private static volatile Map<String, Ram> table;
  private static volatile Map<String, List<Reserved>> reservations;

  private BoardMemory() {}

  /** A RAM range {@code [base, base + size)}. */
  public record Range(long base, long size) {
    public long end() {
      return base + size;
    }

    public boolean contains(long addr) {
      return Long.compareUnsigned(addr, base) >= 0 && Long.compareUnsigned(addr, end()) < 0;
    }
  }

  /** A board's RAM and where the facts come from. */
  public record Ram(String board, List<Range> ranges, String source) {
    public Ram {
      ranges = List.copyOf(ranges);
    }

    public long total() {
      long t = 0;
      for (Range r : ranges) t += r.size();
      return t;
    }

    /** The range holding all of {@code [addr, addr + size)}, or null. */
    public Range containing(long addr, long size) {
      for (Range r : ranges) {
        if (r.contains(addr) && Long.compareUnsigned(addr + size, r.end()) <= 0) return r;
      }
      return null;
    }

    public boolean touches(long addr, long size) {
      for (Range r : ranges) {
        if (Long.compareUnsigned(addr, r.end()) < 0 && Long.compareUnsigned(r.base(), addr + size) < 0) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Memory the kernel, the loader or the firmware takes on a board.
   *
   * @param size 0 when it is as large as the loader image, which analyse does not know
   * @param estimate not read from the build (an assumed size or placement)
   * @param bootOnly taken only while booting (the loader image), free afterwards
   * @param source where the fact or the assumption comes from
   */
  public record Reserved(long base, long size, String what, boolean estimate, boolean bootOnly,
      String source) {}

  /** What the kernel, loader and firmware take on the named board, as far as cpkit knows. */
  public static List<Reserved> reserved(String board) {
    Map<String, List<Reserved>> t = reservations;
    if (t == null) {
      t = parseReservations(resource("board-reservations.tsv"));
      reservations = t;
    }
    return t.getOrDefault(board, List.of());
  }

  static Map<String, List<Reserved>> parseReservations(String text) {
    Map<String, List<Reserved>> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] c = line.split("\t");
      List<String> flags = List.of(c[4].split(","));
      Reserved r = new Reserved(Long.decode(c[1]), Long.decode(c[2]), c[3],
          flags.contains("estimate"), flags.contains("boot"), c[5]);
      for (String name : c[0].split(",")) {
        out.computeIfAbsent(name.trim(), k -> new ArrayList<>()).add(r);
      }
    }
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = BoardMemory.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The RAM of the named board, or null when cpkit does not know it. */
  public static Ram of(String board) {
    Map<String, Ram> t = table;
    if (t == null) {
      t = load();
      table = t;
    }
    return t.get(board);
  }

  private static Map<String, Ram> load() {
    return parse(resource("board-memory.tsv"));
  }

  static Map<String, Ram> parse(String text) {
    Map<String, Ram> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] cells = line.split("\t");
      List<Range> ranges = new ArrayList<>();
      for (String r : cells[1].split(",")) {
        String[] bs = r.trim().split("\\+");
        ranges.add(new Range(Long.decode(bs[0]), Long.decode(bs[1])));
      }
      for (String name : cells[0].split(",")) {
        out.put(name.trim(), new Ram(name.trim(), ranges, cells.length > 2 ? cells[2] : ""));
      }
    }
    return out;
  }
}
