// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.cli.FastCamkesDump;
import dev.cpkit.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FastCamkesDump} against picocli: the same invocation must give the same exit code,
 * stdout and stderr. The picocli run writes one include directory as {@code -I=DIR}, a form
 * the fast path leaves to picocli, so the comparison holds once Main.run calls the fast path.
 */
class CamkesFastPathTest {
  private static final String OK = "src/test/resources/camkes/ok/";
  private static final String INC = OK + "include";

  record Run(int code, String out, String err) {}

  private static Run fast(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FastCamkesDump.tryRun(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static Run picocli(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.add(2, "-I=" + INC);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static void same(String... args) {
    List<String> withInclude = new ArrayList<>(Arrays.asList(args));
    withInclude.add(2, "-I");
    withInclude.add(3, INC);
    Run f = fast(withInclude.toArray(new String[0]));
    assertThat(f.code()).as("fast path taken for %s", Arrays.toString(args)).isNotNegative();
    assertThat(f).isEqualTo(picocli(args));
  }

  @Test
  void fastPathAndPicocliAgree() {
    same("camkes", "dump", OK + "basic_rpc.camkes");
    same("camkes", "dump", "--json", OK + "merge_groups.camkes");
    same("camkes", "dump", "-DCPKIT_TEST", OK + "cpp.camkes");
    same("camkes", "dump", "-D", "CPKIT_TEST=1", "--cpp=builtin", OK + "cpp.camkes");
    same("camkes", "dump", "--import-path", OK + "lib", OK + "imports.camkes");
    same("camkes", "dump", "--message-format", "json", "src/test/resources/camkes/err/syntax_errors.camkes");
    same("camkes", "dump", "--message-format=sel4cp", "src/test/resources/camkes/err/settings.camkes");
    same("camkes", "dump", "src/test/resources/camkes/err/syntax_errors.camkes");
    same("camkes", "dump", "no-such-file.camkes");
    same("camkes", "dump", "--dtb", "src/test/resources/dtb/board.dtb", "src/test/resources/camkes/dtb/queries.camkes");
    same("camkes", "dump", "--dtb=src/test/resources/dtb/board.dts", "src/test/resources/camkes/dtb/queries.camkes");
    same("camkes", "dump", "--dts=src/test/resources/dtb/board.dts", "src/test/resources/camkes/dtb/queries.camkes");
    same("camkes", "dump", "--json", "--", OK + "values.camkes");
  }

  @Test
  void anythingUnusualIsLeftToPicocli() {
    String f = OK + "basic_rpc.camkes";
    for (String[] args : List.of(
        new String[] {"camkes", "dump"},
        new String[] {"camkes", "dump", "--help"},
        new String[] {"camkes", "dump", "--jsn", f},
        new String[] {"camkes", "dump", f, f},
        new String[] {"camkes", "dump", "-D", "1BAD", f},
        new String[] {"camkes", "dump", "-I=x", f},
        new String[] {"camkes", "dump", "-I", f},
        new String[] {"camkes", "dump", "--cpp", "gcc", f},
        new String[] {"camkes", "dump", "--cpp", "system", "--cpp", "builtin", f},
        new String[] {"camkes", "dump", "--json", "--json", f},
        new String[] {"camkes", "dump", "--message-format", "xml", f},
        new String[] {"camkes", "dump", "--dtb", "a", "--dts", "b", f},
        new String[] {"camkes", "dump", "--dtb", "a", "--dtb", "b", f},
        new String[] {"camkes", "dump", "--import-path", "-x", f},
        new String[] {"camkes", "dump", "--import-path=", f},
        new String[] {"camkes", "help", "dump"},
        new String[] {"check", f})) {
      assertThat(fast(args).code()).as(Arrays.toString(args)).isEqualTo(-1);
    }
  }
}
