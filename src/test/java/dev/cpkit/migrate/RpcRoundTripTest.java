// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.system.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RPC marshalling round-trips: the generated client stubs and server dispatch, host-compiled
 * with gcc and linked with a fake runtime whose ppcall calls protected() directly, carry every
 * scalar type in every direction, strings in every direction and as a result, arrays of
 * integers and structs (in, refin, out, inout, empty), arrays of strings (in, refin, out,
 * inout, empty, NULL elements, cut off when they overflow the buffer either way), an enum and
 * structs narrow and wide.
 */
class RpcRoundTripTest {
  @Test
  void everyTypeAndDirectionSurvives(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Fixtures.onPath("gcc"), "gcc not installed");
    Path data = Fixtures.DATA.resolve("rpc");
    for (String f : List.of("rpc.camkes", "types.h", "server.c", "client.c", "fake_runtime.c")) {
      Files.copy(data.resolve(f), dir.resolve(f));
    }
    Migrator.Result r = Fixtures.migrate(dir.resolve("rpc.camkes"), Dialect.SEL4CP);
    assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
    Project.Files files = Project.build(r, Project.ReportFormat.MD);
    Path out = dir.resolve("out");
    Fixtures.writeAll(out, files.files());
    int clientCh = channel(r.plan().pd("client"), PdPlan.ChannelRole.RPC_CLIENT);
    int serverCh = channel(r.plan().pd("server"), PdPlan.ChannelRole.RPC_SERVER);
    List<String> base = List.of("gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-O1", "-c",
        "-I" + Fixtures.SDK.toAbsolutePath(), "-Iinclude", "-I" + dir);
    compile(out, base, "src/server_glue.c", "server", "-Dinit=server_init",
        "-Dnotified=server_notified", "-Dprotected=server_protected",
        "-Dget_instance_name=server_name", "-Dcamkes_heap=server_heap");
    compile(out, base, "src/client_glue.c", "client", "-Dinit=client_init",
        "-Dnotified=client_notified", "-Dprotected=client_protected");
    compile(out, base, dir.resolve("server.c").toString(), "server");
    compile(out, base, dir.resolve("client.c").toString(), "client");
    compile(out, base, dir.resolve("fake_runtime.c").toString(), "client",
        "-DCLIENT_CH=" + clientCh, "-DSERVER_CH=" + serverCh);
    List<String> link = new ArrayList<>(List.of("gcc", "-o", "roundtrip"));
    try (var s = Files.list(out)) {
      s.filter(p -> p.toString().endsWith(".o")).sorted().forEach(p -> link.add(p.toString()));
    }
    Fixtures.Run linked = Fixtures.run(out, link);
    assertThat(linked.exit()).as(linked.output()).isZero();
    Fixtures.Run run = Fixtures.run(out, List.of("./roundtrip"));
    assertThat(run.output()).doesNotContain("FAIL").contains("passes 35 fails 0");
    assertThat(run.exit()).isZero();
  }

  private static int channel(PdPlan pd, PdPlan.ChannelRole role) {
    return pd.channels().stream().filter(c -> c.role() == role).findFirst().orElseThrow().id();
  }

  private static void compile(Path out, List<String> base, String src, String pd,
      String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(base);
    cmd.add("-DCAMKES_PD_HEADER=\"" + pd + ".h\"");
    cmd.addAll(List.of(extra));
    cmd.add(src);
    cmd.add("-o");
    cmd.add(Path.of(src).getFileName().toString().replace(".c", ".o"));
    Fixtures.Run run = Fixtures.run(out, cmd);
    assertThat(run.exit()).as("%s\n%s", String.join(" ", cmd), run.output()).isZero();
  }

  /** The same glue, freestanding, for the target (the compile flags), both dialects. */
  @Test
  void glueCompilesFreestanding(@TempDir Path dir) throws Exception {
    List<String> ccs = new ArrayList<>();
    for (String cc : List.of("gcc", "aarch64-linux-gnu-gcc")) if (Fixtures.onPath(cc)) ccs.add(cc);
    Assumptions.assumeFalse(ccs.isEmpty(), "no compiler installed");
    Path data = Fixtures.DATA.resolve("rpc");
    for (String f : List.of("rpc.camkes", "types.h")) Files.copy(data.resolve(f), dir.resolve(f));
    for (Dialect d : List.of(Dialect.SEL4CP, Dialect.MICROKIT)) {
      Migrator.Result r = Fixtures.migrate(dir.resolve("rpc.camkes"), d);
      assertThat(r.ok()).as("%s", r.diagnostics()).isTrue();
      Path out = dir.resolve("out-" + d.name());
      Fixtures.writeAll(out, Project.build(r, Project.ReportFormat.MD).files());
      for (String cc : ccs) {
        for (String pd : List.of("client", "server")) {
          Fixtures.Run run = Fixtures.run(out, Fixtures.syntaxCheck(cc, Fixtures.SDK, pd,
              List.of(dir.toString()), "src/" + pd + "_glue.c"));
          assertThat(run.exit()).as("%s %s %s\n%s", cc, d, pd, run.output()).isZero();
        }
      }
    }
  }
}
