// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.image.Fixtures;
import dev.cpkit.image.ReferenceCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cpkit build}'s argument parsing: {@link FastBuild} against the reference's argparse
 * (goldens in src/test/resources/image/golden/argparse, see its README), and the fast path
 * against picocli on the same plain invocations.
 */
class BuildArgsTest {
  @TempDir Path dir;
  Path hello;
  String columns = "80";

  record Run(int code, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    hello = Fixtures.write(Fixtures.cases().get(0), dir.resolve("hello"));
    // the goldens' SDK has one board and the configs debug and example
    Files.createDirectories(hello.resolve("sdk/board/zcu102/example"));
    BuildCommand.env = name -> switch (name) {
      case "SEL4CP_SDK" -> hello.resolve("sdk").toString();
      case "COLUMNS" -> columns;
      default -> null;
    };
  }

  @AfterEach
  void tearDown() {
    BuildCommand.env = System.getenv()::get;
  }

  static Run fast(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FastBuild.tryRun(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static Run picocli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void usageErrorsAsTheReferenceArgparse() throws IOException {
    int checked = 0;
    for (int i = 1; i <= 21; i++) {
      String base = "/image/golden/argparse/case" + i;
      String golden = resource(base + ".txt");
      if (golden == null) continue;
      List<String> words = words(resource(base + ".args").strip());
      columns = words.remove(0).substring("COLUMNS=".length());
      // cpkit's own option first, so that a "--" among the reference's arguments leaves it be
      List<String> args = new ArrayList<>(List.of("build", "--message-format", "sel4cp"));
      args.addAll(words);
      Run r = fast(args.toArray(String[]::new));
      assertThat(r.err() + "exit " + r.code() + "\n").as("case %d %s", i, words)
          .isEqualTo(golden);
      assertThat(r.out()).isEmpty();
      checked++;
    }
    assertThat(checked).isEqualTo(20);
  }

  @Test
  void helpAsTheReference() throws IOException {
    for (String width : new String[] {"80", "30"}) {
      columns = width;
      // argparse prints the help when it meets -h; the later error is never reached
      Run r = fast("build", "--message-format", "sel4cp", "case.system", "-h", "--bogus");
      assertThat(r.out() + "exit " + r.code() + "\n")
          .isEqualTo(resource("/image/golden/argparse/help" + width + ".txt"));
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void sdkIsCheckedBeforeTheArguments() {
    BuildCommand.env = name -> null;
    Run r = fast("build", "--board", "--message-format", "sel4cp");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("Error: SEL4CP_SDK must be set\n");
    r = fast("build", "--sdk", dir.resolve("none").toString(), "--message-format", "sel4cp");
    assertThat(r.out()).startsWith("Error: SDK directory '");
  }

  @Test
  void usageWrapsAsArgparseForLongBoardLists() {
    // two boards, 80 columns: the same breaks as the reference printed for the bench SDK
    assertThat(ReferenceCli.usage(List.of("zcu102", "tqma8xqp1gb"), 80)).isEqualTo("""
        usage: sel4cp [-h] [-o OUTPUT] [-r REPORT] --board {zcu102,tqma8xqp1gb}
                      --config CONFIG [--search-path [SEARCH_PATH ...]]
                      system
        """);
    assertThat(ReferenceCli.repr("a'b\"c\\")).isEqualTo("'a\\'b\"c\\\\'");
    assertThat(ReferenceCli.columns("x")).isEqualTo(80);
  }

  @Test
  void fastPathAndPicocliAgree() {
    String sdk = hello.resolve("sdk").toString();
    for (String format : new String[] {"human", "sel4cp", "json"}) {
      String[] args = {"build", hello.resolve("case.system").toString(), "--board", "zcu102",
          "--config", "debug", "--sdk", sdk, "-o", dir.resolve("a.img").toString(),
          "--report=" + dir.resolve("a.txt"), "--search-path", hello.toString(),
          "--message-format", format};
      Run f = fast(args);
      byte[] img = read(dir.resolve("a.img"));
      Run p = picocli(args);
      assertThat(f).isEqualTo(p);
      assertThat(f.code()).isZero();
      assertThat(read(dir.resolve("a.img"))).isEqualTo(img);
    }
    // what the fast path leaves to picocli in the human format
    assertThat(fast("build", "--help").code()).isEqualTo(-1);
    assertThat(fast("build", "x.system", "--board", "zcu102").code()).isEqualTo(-1);
    assertThat(fast("build", "x.system", "--boa", "zcu102", "--config", "debug").code())
        .isEqualTo(-1);
    assertThat(fast("check", "x.system").code()).isEqualTo(-1);
    assertThat(fast("build", "x.system", "--board", "zcu102", "--config", "debug", "-o", "a",
        "-o", "b").code()).isEqualTo(-1);
    // and errors after parsing are the same both ways
    String[] bad = {"build", hello.resolve("none.system").toString(), "--board", "zcu102",
        "--config", "debug", "--sdk", sdk};
    assertThat(fast(bad)).isEqualTo(picocli(bad));
  }

  @Test
  void trainingRunBuildsItsSystem() throws IOException {
    // the launcher records its class-data-sharing archive from this run
    assertThat(FastBuild.train(new String[] {"--train", hello.resolve("case.system").toString()}))
        .isZero();
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = BuildArgsTest.class.getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Splits a shell-like line: spaces separate words, double quotes group. */
  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) out.add(w.toString());
        w.setLength(0);
        any = false;
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) out.add(w.toString());
    return out;
  }
}
