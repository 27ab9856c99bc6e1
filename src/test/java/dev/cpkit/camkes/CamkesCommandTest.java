// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** End-to-end runs of {@code cpkit camkes dump}: output, exit codes, formats. */
class CamkesCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  private static final String OK = "src/test/resources/camkes/ok/";
  private static final String ERR = "src/test/resources/camkes/err/";

  @Test
  void dumpPrintsTheModel() {
    assertThat(run("camkes", "dump", OK + "basic_rpc.camkes")).isEqualTo(Main.OK);
    assertThat(out.toString()).contains("client: Client").contains("conn: seL4RPCCall")
        .contains("from client.e").contains("to server.e");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void dumpIsDeterministic() {
    run("camkes", "dump", "--json", OK + "merge_groups.camkes");
    String first = out.toString();
    out.getBuffer().setLength(0);
    run("camkes", "dump", "--json", OK + "merge_groups.camkes");
    assertThat(out.toString()).isEqualTo(first);
  }

  @Test
  void jsonDumpNamesConnectionsAndEnds() {
    assertThat(run("camkes", "dump", "--json", OK + "merge_groups.camkes")).isEqualTo(Main.OK);
    assertThat(out.toString()).startsWith("{\n")
        .contains("\"name\": \"a_conn.b_conn.c_conn\"")
        .contains("\"declaredAs\": [\"a_conn\", \"b_conn\", \"c_conn\"]")
        .contains("\"addressSpace\": \"clients\"");
  }

  @Test
  void includeAndDefineOptionsReachTheBuiltinPreprocessor() {
    assertThat(run("camkes", "dump", "-I", OK + "include", "-D", "CPKIT_TEST", OK + "cpp.camkes"))
        .isEqualTo(Main.OK);
    assertThat(out.toString()).contains("s.priority = 202");
  }

  @Test
  void systemCppGivesTheSameModel() {
    org.junit.jupiter.api.Assumptions.assumeTrue(CppDifferentialTest.cppInstalled(), "no system cpp");
    run("camkes", "dump", "-I", OK + "include", "-DCPKIT_TEST=1", OK + "cpp.camkes");
    String builtin = out.toString().replaceAll("  @ .*", "");
    out.getBuffer().setLength(0);
    assertThat(run("camkes", "dump", "--cpp=system", "-I", OK + "include", "-DCPKIT_TEST=1",
        OK + "cpp.camkes")).isEqualTo(Main.OK);
    assertThat(out.toString().replaceAll("  @ .*", "")).isEqualTo(builtin);
  }

  @Test
  void inputErrorsExitWithOneAndLocateTheProblem() {
    assertThat(run("camkes", "dump", ERR + "syntax_errors.camkes")).isEqualTo(Main.INPUT_ERRORS);
    assertThat(err.toString()).contains("syntax_errors.camkes:15:1: error[CAM051]")
        .contains("did you mean 'component'?");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void jsonDiagnostics() {
    assertThat(run("camkes", "dump", "--message-format", "json", ERR + "no_assembly.camkes"))
        .isEqualTo(Main.INPUT_ERRORS);
    assertThat(err.toString()).contains("\"code\":\"CAM110\"");
  }

  @Test
  void missingFileIsAnIoError() {
    assertThat(run("camkes", "dump", "nope.camkes")).isEqualTo(Main.IO_ERROR);
    assertThat(err.toString()).contains("cannot read 'nope.camkes'");
  }

  @Test
  void badOptionIsAUsageError() {
    assertThat(run("camkes", "dump", "--cpp=magic", OK + "basic_rpc.camkes")).isEqualTo(Main.USAGE);
    assertThat(run("camkes", "dump", "-D", "1x=2", OK + "basic_rpc.camkes")).isEqualTo(Main.USAGE);
  }
}
