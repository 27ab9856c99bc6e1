// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.system.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Makefile builds every PD ELF with Debian's cross compiler
 * ({@code TOOLCHAIN=aarch64-linux-gnu}) against an SDK-shaped directory (headers, libsel4cp.a,
 * sel4cp.ld, bin/sel4cp) and leaves {@code $(BUILD_DIR)/loader.img} and {@code report.txt}.
 * The SDK here is a stand-in that links; a real SDK build is described in docs/migrate.md.
 */
class MakefileBuildTest {
  @Test
  void buildsWithTheDebianCrossCompiler(@TempDir Path dir) throws Exception {
    for (String tool : List.of("make", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-ar")) {
      if (!Fixtures.onPath(tool)) {
        System.out.println("skipped: " + tool + " is not installed");
        Assumptions.abort(tool + " not installed");
      }
    }
    Path fake = Fixtures.DATA.resolve("fake-sdk").toAbsolutePath();
    Path sdk = dir.resolve("sdk");
    Path board = sdk.resolve("board/qemu/debug");
    Files.createDirectories(board.resolve("include"));
    Files.createDirectories(board.resolve("lib"));
    Files.createDirectories(sdk.resolve("bin"));
    Files.copy(Fixtures.SDK.resolve("sel4cp.h"), board.resolve("include/sel4cp.h"));
    Files.copy(fake.resolve("sel4cp.ld"), board.resolve("lib/sel4cp.ld"));
    Files.copy(fake.resolve("sel4cp-tool.sh"), sdk.resolve("bin/sel4cp"));
    sdk.resolve("bin/sel4cp").toFile().setExecutable(true);
    Fixtures.Run cc = Fixtures.run(dir, List.of("aarch64-linux-gnu-gcc", "-ffreestanding",
        "-nostdlib", "-c", "-I" + board.resolve("include"), fake.resolve("libsel4cp_stub.c")
            .toString(), "-o", "stub.o"));
    assertThat(cc.exit()).as(cc.output()).isZero();
    Fixtures.Run ar = Fixtures.run(dir, List.of("aarch64-linux-gnu-ar", "rcs",
        board.resolve("lib/libsel4cp.a").toString(), "stub.o"));
    assertThat(ar.exit()).as(ar.output()).isZero();

    Migrator.Result r = Fixtures.migrate(Fixtures.example("ethdriver"), Dialect.SEL4CP);
    Path out = dir.resolve("out");
    Fixtures.writeAll(out, Project.build(r, Project.ReportFormat.MD).files());
    Fixtures.Run make = Fixtures.run(out, List.of("make", "SEL4CP_SDK=" + sdk,
        "SEL4CP_BOARD=qemu", "TOOLCHAIN=aarch64-linux-gnu"));
    assertThat(make.exit()).as(make.output()).isZero();
    assertThat(make.output()).contains("tool ethdriver.system --search-path build --board qemu"
        + " --config debug -o build/loader.img -r build/report.txt");
    assertThat(out.resolve("build/ethdriver.elf")).exists();
    assertThat(out.resolve("build/lwipserver.elf")).exists();
    assertThat(out.resolve("build/loader.img")).exists();
    assertThat(out.resolve("build/report.txt")).exists();
  }
}
