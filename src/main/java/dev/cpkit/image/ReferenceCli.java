// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference tool's command line as Python 3.11's argparse prints it: the usage block and
 * the {@code PROG: error: ...} line of a usage error (exit status 2, both on stderr).
 *
 * <p>Why here: {@code --message-format sel4cp} promises the reference's exact output, and its
 * argparse errors (invalid board, missing arguments, unrecognized arguments) include a usage
 * block whose {@code --board {a,b}} choices and line breaks depend on the SDK and the terminal
 * width. The program name is {@code sel4cp}, the name of the SDK's {@code bin/sel4cp}; run as
 * {@code python -m sel4coreplat} the reference says {@code __main__.py} instead.
 */
public final class ReferenceCli {
  public static final String PROG = "sel4cp";

  private ReferenceCli() {}

  /**
   * The usage block, newline-terminated, for an SDK with these boards (in the order the file
   * system lists them, as the reference's {@code iterdir}) and a terminal of {@code columns}.
   */
  public static String usage(List<String> boards, int columns) {
    StringBuilder choices = new StringBuilder("{");
    for (int i = 0; i < boards.size(); i++) {
      if (i > 0) choices.append(',');
      choices.append(boards.get(i));
    }
    choices.append('}');
    // argparse splits the optionals into parts at brackets and spaces: required options and
    // their metavars are separate parts, bracketed optionals one part each
    List<String> opts = new ArrayList<>(List.of("[-h]", "[-o OUTPUT]", "[-r REPORT]", "--board",
        choices.toString(), "--config", "CONFIG", "[--search-path [SEARCH_PATH ...]]"));
    List<String> pos = List.of("system");
    String prefix = "usage: ";
    int textWidth = columns - 2;
    String whole = PROG + " " + String.join(" ", opts) + " " + String.join(" ", pos);
    List<String> lines = new ArrayList<>();
    if (prefix.length() + whole.length() <= textWidth) {
      lines.add(whole);
    } else if (prefix.length() + PROG.length() <= 0.75 * textWidth) {
      String indent = " ".repeat(prefix.length() + PROG.length() + 1);
      List<String> first = new ArrayList<>();
      first.add(PROG);
      first.addAll(opts);
      lines.addAll(wrap(first, indent, prefix, textWidth));
      lines.addAll(wrap(pos, indent, null, textWidth));
    } else {
      // a long program name goes on a line of its own (not reachable with "sel4cp" unless
      // the terminal is narrower than 20 columns)
      String indent = " ".repeat(prefix.length());
      List<String> all = new ArrayList<>(opts);
      all.addAll(pos);
      List<String> body = wrap(all, indent, null, textWidth);
      if (body.size() > 1) {
        body = new ArrayList<>(wrap(opts, indent, null, textWidth));
        body.addAll(wrap(pos, indent, null, textWidth));
      }
      lines.add(PROG);
      lines.addAll(body);
    }
    return prefix + String.join("\n", lines) + "\n";
  }

  /** argparse's get_lines: greedy filling, the first line shortened by the prefix. */
  private static List<String> wrap(List<String> parts, String indent, String prefix,
      int textWidth) {
    List<String> lines = new ArrayList<>();
    List<String> line = new ArrayList<>();
    int lineLen = (prefix != null ? prefix.length() : indent.length()) - 1;
    for (String part : parts) {
      if (lineLen + 1 + part.length() > textWidth && !line.isEmpty()) {
        lines.add(indent + String.join(" ", line));
        line.clear();
        lineLen = indent.length() - 1;
      }
      line.add(part);
      lineLen += part.length() + 1;
    }
    if (!line.isEmpty()) lines.add(indent + String.join(" ", line));
    if (prefix != null && !lines.isEmpty()) lines.set(0, lines.get(0).substring(indent.length()));
    return lines;
  }

  /**
   * The reference's {@code -h} output (stdout, exit status 0): usage, then the positional
   * argument and the options; only {@code -h} has a help text, placed and wrapped as
   * argparse's HelpFormatter does for this width.
   */
  public static String help(List<String> boards, int columns) {
    int width = columns - 2;
    int helpPosition = Math.min(24, Math.max(width - 20, 4));
    int actionWidth = helpPosition - 2 - 2;
    StringBuilder b = new StringBuilder(usage(boards, columns));
    b.append("\npositional arguments:\n  system\n\noptions:\n");
    String header = "-h, --help";
    List<String> help = words("show this help message and exit", Math.max(width - helpPosition,
        11));
    if (header.length() <= actionWidth) {
      b.append("  ").append(header).append(" ".repeat(actionWidth - header.length()))
          .append("  ").append(help.get(0)).append('\n');
    } else {
      b.append("  ").append(header).append('\n');
      b.append(" ".repeat(helpPosition)).append(help.get(0)).append('\n');
    }
    for (int i = 1; i < help.size(); i++) {
      b.append(" ".repeat(helpPosition)).append(help.get(i)).append('\n');
    }
    StringBuilder choices = new StringBuilder("{");
    for (int i = 0; i < boards.size(); i++) {
      if (i > 0) choices.append(',');
      choices.append(boards.get(i));
    }
    b.append("  -o OUTPUT, --output OUTPUT\n  -r REPORT, --report REPORT\n  --board ")
        .append(choices).append("}\n  --config CONFIG\n  --search-path [SEARCH_PATH ...]\n");
    return b.toString();
  }

  /** textwrap.wrap for text without long words: greedy lines of at most {@code width}. */
  private static List<String> words(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String w : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + w.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) line.append(' ');
      line.append(w);
    }
    lines.add(line.toString());
    return lines;
  }

  /** A complete argparse usage error: usage block, then {@code sel4cp: error: MESSAGE}. */
  public static String error(List<String> boards, int columns, String message) {
    return usage(boards, columns) + PROG + ": error: " + message + "\n";
  }

  /** argparse's message for a board that is not a folder of the SDK. */
  public static String invalidBoard(String value, List<String> boards) {
    StringBuilder s = new StringBuilder("argument --board: invalid choice: ")
        .append(repr(value)).append(" (choose from ");
    for (int i = 0; i < boards.size(); i++) {
      if (i > 0) s.append(", ");
      s.append(repr(boards.get(i)));
    }
    return s.append(')').toString();
  }

  /** The reference's own {@code parser.error} for a config: a Python list of the configs. */
  public static String invalidConfig(String value, List<String> configs) {
    StringBuilder s = new StringBuilder("argument --config: invalid choice: '").append(value)
        .append("' (choose from [");
    for (int i = 0; i < configs.size(); i++) {
      if (i > 0) s.append(", ");
      s.append(repr(configs.get(i)));
    }
    return s.append("])").toString();
  }

  /**
   * Python's {@code repr} of a str: single quotes unless the text holds a single quote and no
   * double quote; backslashes, the chosen quote and control characters escaped.
   */
  public static String repr(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == q || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        String h = Integer.toHexString(c);
        b.append("\\x").append(h.length() == 1 ? "0" : "").append(h);
      } else {
        b.append(c);
      }
    }
    return b.append(q).toString();
  }

  /**
   * The terminal width argparse uses (Python's {@code shutil.get_terminal_size}):
   * {@code $COLUMNS} when a positive number, else the terminal's width when the output is a
   * terminal, else 80.
   */
  public static int columns(String env) {
    if (env != null) {
      try {
        int c = Integer.parseInt(env.trim());
        if (c > 0) return c;
      } catch (NumberFormatException e) {
        // Python's shutil ignores a COLUMNS that is not a number
      }
    }
    // only on the way to a usage error or help text, so asking stty costs nothing that counts;
    // Java tells a terminal only when both stdin and stdout are one (Python asks stdout)
    if (System.console() != null) {
      int c = sttyColumns();
      if (c > 0) return c;
    }
    return 80;
  }

  private static int sttyColumns() {
    try {
      Process p = new ProcessBuilder("stty", "size")
          .redirectInput(new java.io.File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String outText = new String(p.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.US_ASCII).trim();
      if (p.waitFor() != 0) return 0;
      int space = outText.indexOf(' ');
      return space < 0 ? 0 : Integer.parseInt(outText.substring(space + 1).trim());
    } catch (java.io.IOException | NumberFormatException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
