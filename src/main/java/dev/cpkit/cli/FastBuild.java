// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.image.BuildException;
import dev.cpkit.image.ReferenceCli;
import dev.cpkit.image.Sdk;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A start-up fast path for {@code cpkit build}, and the reference's argument parsing for
 * {@code --message-format sel4cp}.
 *
 * <p>Why: picocli's reflective model costs about 90 ms of start-up, and {@code cpkit build}
 * must finish in 0.8 times the Python tool's 0.2 s. Plain invocations are parsed here by hand;
 * anything else ({@code --help}, malformed or unknown options) goes to picocli, so that its
 * messages stay the only ones in the human and json formats. In the sel4cp format this class
 * is the parser of record: it reproduces the reference's argparse (abbreviated long options,
 * greedy {@code --search-path}, its usage errors in its order and its {@code -h} text, after
 * the SDK checks the reference makes before parsing). BuildArgsTest runs invocations both
 * ways and against the reference's outputs.
 */
public final class FastBuild {
  private FastBuild() {}

  /** Option names and how many values each takes: 1, 0, or -1 for "any" (nargs='*'). */
  private static final String[] LONG = {"--output", "--report", "--board", "--config",
      "--search-path", "--help", "--sdk", "--dialect", "--message-format", "--verbose",
      "--image-type"};
  private static final int[] LONG_ARITY = {1, 1, 1, 1, -1, 0, 1, 1, 1, 0, 1};
  /** The first six are the reference's; cpkit's own options are matched by exact name only. */
  private static final int REFERENCE_OPTIONS = 6;

  /** Runs the build and returns its exit code, or -1 when picocli must handle the arguments. */
  public static int tryRun(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length < 1 || !args[0].equals("build")) return -1;
    // a Microkit build is not the sel4cp tool's command line: picocli parses it
    if (isMicrokit(args)) return -1;
    boolean sel4cp = isSel4cpFormat(args);
    BuildCommand.Request r = new BuildCommand.Request();
    List<String> boards = null;
    String columns = null; // $COLUMNS; the width is worked out only when printing usage
    if (sel4cp) {
      // the reference checks the SDK before it parses its arguments
      columns = BuildCommand.env.apply("COLUMNS");
      try {
        Path root = BuildCommand.sdkRoot(sdkOption(args));
        Sdk.checkRoot(root);
        boards = Sdk.boards(root);
      } catch (BuildException e) {
        out.println(e.reference());
        out.flush();
        return Main.INPUT_ERRORS;
      }
    }
    List<String> extras = new ArrayList<>();
    int seen = 0;
    boolean positionalOnly = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (positionalOnly || !isOption(a)) {
        if (a.equals("--") && !positionalOnly) {
          positionalOnly = true;
          // argparse drops the "--" only when it comes with the positional's value; after
          // the positional is filled it is an unrecognized argument like the rest
          if (r.system != null) extras.add(a);
        } else if (r.system == null) {
          r.system = Path.of(a);
        } else {
          extras.add(a);
        }
        continue;
      }
      String name = a;
      String value = null;
      int arity;
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        if (eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
        int k = longOption(name, sel4cp);
        if (k == -2) {
          if (!sel4cp) return -1;
          return usageError(err, boards, columns, ambiguous(name));
        }
        if (k < 0) {
          if (!sel4cp) return -1;
          extras.add(a);
          continue;
        }
        name = LONG[k];
        arity = LONG_ARITY[k];
      } else {
        String flag = a.substring(0, 2);
        if (a.length() > 2) value = a.substring(2);
        switch (flag) {
          case "-o" -> name = "--output";
          case "-r" -> name = "--report";
          case "-h" -> name = "--help";
          case "-v" -> name = "--verbose";
          default -> name = null;
        }
        // "-vX": -v is cpkit's, so the reference sees an unrecognized argument
        if (name == null || (value != null && name.equals("--verbose"))) {
          if (!sel4cp) return -1;
          extras.add(a);
          continue;
        }
        arity = name.equals("--help") || name.equals("--verbose") ? 0 : 1;
      }
      if (name.equals("--help") && value == null) {
        if (!sel4cp) return -1;
        // argparse prints its help as soon as it meets -h, whatever follows
        out.print(ReferenceCli.help(boards, ReferenceCli.columns(columns)));
        out.flush();
        return Main.OK;
      }
      if (arity == 0) {
        if (value != null) {
          if (!sel4cp) return -1;
          return usageError(err, boards, columns, "argument " + display(name)
              + ": ignored explicit argument " + ReferenceCli.repr(value));
        }
        r.verbose = true;
        continue;
      }
      if (arity < 0) {
        // nargs='*': an explicit value is the only one; otherwise every following argument
        // that is not an option (argparse and picocli are both greedy here). argparse's
        // store action replaces the list on a repetition; picocli appends
        if (sel4cp) r.searchPaths = new ArrayList<>();
        if (value != null) {
          r.searchPaths.add(Path.of(value));
        } else {
          while (i + 1 < args.length && !isOption(args[i + 1]) && !args[i + 1].equals("--")) {
            r.searchPaths.add(Path.of(args[++i]));
          }
        }
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length || isOption(args[i + 1]) || args[i + 1].equals("--")) {
          if (!sel4cp) return -1;
          return usageError(err, boards, columns, "argument " + display(name)
              + ": expected one argument");
        }
        value = args[++i];
      }
      // argparse keeps the last of a repeated option; picocli refuses it, so outside the
      // sel4cp format a repetition goes to picocli for its message
      int bit = 1 << optionIndex(name);
      if (!sel4cp && (seen & bit) != 0) return -1;
      seen |= bit;
      switch (name) {
        case "--output" -> r.output = Path.of(value);
        case "--report" -> r.report = Path.of(value);
        case "--board" -> {
          if (sel4cp && !boards.contains(value)) {
            return usageError(err, boards, columns, ReferenceCli.invalidBoard(value, boards));
          }
          r.board = value;
        }
        case "--config" -> r.config = value;
        case "--sdk" -> r.sdk = Path.of(value);
        case "--dialect" -> r.dialect = value;
        case "--image-type" -> r.imageType = value;
        default -> {
          MessageFormat f = format(value);
          if (f == null) return -1;
          r.format = f;
        }
      }
    }
    if (r.system == null || r.board == null || r.config == null) {
      if (!sel4cp) return -1;
      StringBuilder m = new StringBuilder("the following arguments are required: ");
      String sep = "";
      if (r.system == null) {
        m.append("system");
        sep = ", ";
      }
      if (r.board == null) {
        m.append(sep).append("--board");
        sep = ", ";
      }
      if (r.config == null) m.append(sep).append("--config");
      return usageError(err, boards, columns, m.toString());
    }
    if (!extras.isEmpty()) {
      if (!sel4cp) return -1;
      return usageError(err, boards, columns, "unrecognized arguments: "
          + String.join(" ", extras));
    }
    return BuildCommand.execute(r, out, err);
  }

  /** Whether the arguments ask for the sel4cp format (in any spelling picocli accepts). */
  private static boolean isSel4cpFormat(String[] args) {
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--")) return false;
      if (args[i].equals("--message-format=sel4cp")) return true;
      if (args[i].equals("--message-format") && i + 1 < args.length
          && args[i + 1].equals("sel4cp")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the arguments ask for {@code --dialect microkit}. */
  private static boolean isMicrokit(String[] args) {
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--")) return false;
      if (args[i].equals("--dialect=microkit")) return true;
      if (args[i].equals("--dialect") && i + 1 < args.length
          && args[i + 1].equals("microkit")) {
        return true;
      }
    }
    return false;
  }

  /** The value of {@code --sdk}, looked for before parsing, or null. */
  private static Path sdkOption(String[] args) {
    Path sdk = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--")) break;
      if (args[i].startsWith("--sdk=")) sdk = Path.of(args[i].substring(6));
      else if (args[i].equals("--sdk") && i + 1 < args.length) sdk = Path.of(args[++i]);
    }
    return sdk;
  }

  /**
   * argparse's test for an option: starts with '-', is not '-' alone, not a negative number
   * (the parser has no options that look like one) and holds no space unless it names an
   * option before an '='.
   */
  private static boolean isOption(String a) {
    if (a.length() < 2 || a.charAt(0) != '-') return false;
    if (a.equals("--")) return false;
    if (isNegativeNumber(a)) return false;
    if (a.indexOf(' ') >= 0) {
      int eq = a.indexOf('=');
      String name = eq > 0 ? a.substring(0, eq) : a;
      return name.indexOf(' ') < 0 && eq > 0 && longOption(name, true) >= 0;
    }
    return true;
  }

  /** argparse's {@code ^-\d+$|^-\d*\.\d+$}. */
  private static boolean isNegativeNumber(String a) {
    int dot = -1;
    for (int i = 1; i < a.length(); i++) {
      char c = a.charAt(i);
      if (c == '.' && dot < 0) dot = i;
      else if (c < '0' || c > '9') return false;
    }
    return dot < 0 ? a.length() > 1 : dot < a.length() - 1;
  }

  /**
   * The index of a long option: exact, or (sel4cp format: argparse's allow_abbrev) a unique
   * prefix of one of the reference's options; -1 unknown, -2 ambiguous.
   */
  private static int longOption(String name, boolean abbrev) {
    for (int k = 0; k < LONG.length; k++) {
      if (LONG[k].equals(name)) return k;
    }
    if (!abbrev) return -1;
    int found = -1;
    for (int k = 0; k < REFERENCE_OPTIONS; k++) {
      if (LONG[k].startsWith(name)) {
        if (found >= 0) return -2;
        found = k;
      }
    }
    return found;
  }

  private static int optionIndex(String longName) {
    for (int k = 0; k < LONG.length; k++) {
      if (LONG[k].equals(longName)) return k;
    }
    return LONG.length;
  }

  private static String ambiguous(String name) {
    StringBuilder s = new StringBuilder("ambiguous option: ").append(name)
        .append(" could match ");
    String sep = "";
    for (int k = 0; k < REFERENCE_OPTIONS; k++) {
      if (LONG[k].startsWith(name)) {
        s.append(sep).append(LONG[k]);
        sep = ", ";
      }
    }
    return s.toString();
  }

  /** How argparse names an option in its errors. */
  private static String display(String name) {
    return switch (name) {
      case "--output" -> "-o/--output";
      case "--report" -> "-r/--report";
      case "--verbose" -> "-v/--verbose";
      case "--help" -> "-h/--help";
      default -> name;
    };
  }

  private static MessageFormat format(String value) {
    for (MessageFormat f : MessageFormat.values()) {
      if (f.name().equals(value)) return f;
    }
    return null;
  }

  /**
   * Class-data-sharing training for the launcher: {@code FastBuild --train FILE...} runs
   * {@code cpkit check -q FILE...}, then builds a small synthetic system (two PDs, a channel,
   * a shared region, a setvar) in a temporary folder through this fast path, for the sel4cp
   * and the sel4cp-dev (fork SDK) dialects, so that one archive holds the classes of both
   * commands. Without the build classes in the archive a
   * build spends about 40 ms more loading and verifying them from the jar.
   */
  public static void main(String[] args) throws java.io.IOException {
    if (args.length == 0 || !args[0].equals("--train")) {
      System.err.println("usage: FastBuild --train FILE...");
      System.exit(Main.USAGE);
    }
    int code = train(args);
    if (code != 0) System.err.println("cpkit: the training build failed (" + code + ")");
    System.exit(code);
  }

  /** The training run of {@link #main}; returns the first failing build's status, or 0. */
  static int train(String[] args) throws java.io.IOException {
    int failed = 0;
    PrintWriter sink = new PrintWriter(java.io.Writer.nullWriter());
    String[] check = args.clone();
    check[0] = "-q";
    String[] checkArgs = new String[check.length + 1];
    checkArgs[0] = "check";
    System.arraycopy(check, 0, checkArgs, 1, check.length);
    Main.run(checkArgs, sink, sink);
    Path dir = java.nio.file.Files.createTempDirectory("cpkit-train");
    try {
      dev.cpkit.image.fixture.SyntheticSdk.write(dir.resolve("sdk"),
          dev.cpkit.image.fixture.SyntheticSdk.Board.zcu102Like(), "debug");
      dev.cpkit.image.fixture.SyntheticSdk.writeFork(dir.resolve("fork-sdk"),
          dev.cpkit.image.fixture.SyntheticSdk.Board.zcu102Like(), "debug",
          dev.cpkit.image.fixture.SyntheticSdk.ForkConfig.aarch64());
      for (String pd : new String[] {"a", "b"}) {
        java.nio.file.Files.write(dir.resolve(pd + ".elf"),
            dev.cpkit.image.fixture.SyntheticSdk.program(
                dev.cpkit.image.fixture.SyntheticSdk.Program.small("shared"), 1));
      }
      java.nio.file.Files.writeString(dir.resolve("t.system"), TRAINING_SYSTEM);
      for (String dialect : new String[] {"sel4cp", "sel4cp-dev"}) {
        String sdk = dialect.equals("sel4cp") ? "sdk" : "fork-sdk";
        for (String format : new String[] {"human", "sel4cp"}) {
          int code = tryRun(new String[] {"build", dir.resolve("t.system").toString(),
              "--board", "zcu102", "--config", "debug", "--sdk", dir.resolve(sdk).toString(),
              "-o", dir.resolve("t.img").toString(), "-r", dir.resolve("t.txt").toString(),
              "--search-path", dir.toString(), "--message-format", format, "--dialect",
              dialect}, sink, sink);
          if (failed == 0) failed = code;
        }
      }
    } finally {
      // deepest first (training only, not on the build path)
      List<Path> all = new ArrayList<>();
      try (var files = java.nio.file.Files.walk(dir)) {
        files.forEach(all::add);
      }
      for (int i = all.size() - 1; i >= 0; i--) java.nio.file.Files.deleteIfExists(all.get(i));
    }
    return failed;
  }

  private static final String TRAINING_SYSTEM = """
      <?xml version="1.0" encoding="UTF-8"?>
      <system>
          <memory_region name="shared" size="0x1000" />
          <protection_domain name="a" priority="200" pp="true">
              <program_image path="a.elf" />
              <map mr="shared" vaddr="0x4000000" perms="rw" setvar_vaddr="shared" />
          </protection_domain>
          <protection_domain name="b" priority="100">
              <program_image path="b.elf" />
              <map mr="shared" vaddr="0x4000000" perms="r" />
          </protection_domain>
          <channel><end pd="a" id="1" /><end pd="b" id="2" /></channel>
      </system>
      """;

  private static int usageError(PrintWriter err, List<String> boards, String columns,
      String m) {
    err.print(ReferenceCli.error(boards, ReferenceCli.columns(columns), m));
    err.flush();
    return Main.USAGE;
  }
}
