// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cpkit build --dialect microkit} from the command line, on a synthetic SDK. */
class MicrokitCommandTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  Run build(String board, String... extra) throws IOException {
    Path sdk = tmp.resolve("sdk");
    if (!Files.exists(sdk)) {
      SyntheticMicrokitSdk.write(sdk, SyntheticMicrokitSdk.Board.aarch64(), "debug");
      Files.createDirectories(tmp.resolve("programs"));
      Files.write(tmp.resolve("programs/hello.elf"),
          SyntheticMicrokitSdk.program(0x200000, 0x1800, 0x3000, 5));
      Files.writeString(tmp.resolve("hello.system"), MicrokitBuildTest.SYSTEM);
    }
    List<String> args = new ArrayList<>(List.of("build", tmp.resolve("hello.system").toString(),
        "--dialect", "microkit", "--sdk", sdk.toString(), "--board", board, "--config", "debug",
        "--search-path", tmp.resolve("programs").toString(),
        "-o", tmp.resolve("loader.img").toString(), "-r", tmp.resolve("report.txt").toString()));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private List<Path> listAll() throws IOException {
    try (Stream<Path> s = Files.walk(tmp)) {
      return s.sorted().toList();
    }
  }

  @Test
  void printsThePlanThenStopsWithExitStatus2AndNoFiles() throws IOException {
    Run r = build("virt_aarch64");
    List<Path> before = listAll();
    r = build("virt_aarch64");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).startsWith("Microkit build plan (board virt_aarch64, config debug)")
        .contains("image:     binary");
    assertThat(r.err()).contains("IMG129").contains("capDL");
    assertThat(listAll()).isEqualTo(before);
    assertThat(tmp.resolve("loader.img")).doesNotExist();
    assertThat(tmp.resolve("report.txt")).doesNotExist();
  }

  @Test
  void imageTypeIsCheckedAsMicrokitDoes() throws IOException {
    Run r = build("virt_aarch64", "--image-type", "uimage");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("IMG113").contains("RISC-V only");
    r = build("virt_aarch64", "--image-type", "elf");
    assertThat(r.out()).contains("image:     elf");
    assertThat(build("virt_aarch64", "--image-type", "zip").err()).contains("IMG114");
  }

  @Test
  void microkitsOwnTextOnStderrInTheReferenceFormat() throws IOException {
    Run r = build("no_such_board", "--message-format", "sel4cp");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("microkit: error: ").contains("no_such_board");
  }

  @Test
  void invalidSystemStopsBeforeThePlan() throws IOException {
    build("virt_aarch64");
    Files.writeString(tmp.resolve("hello.system"), "<system><protection_domain name=\"a\">"
        + "</protection_domain></system>");
    Run r = build("virt_aarch64");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).doesNotContain("Microkit build plan");
    assertThat(r.err()).contains("hello.system:1:");
  }
}
