// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte identity with the community fork's tool ({@code --dialect sel4cp-dev}): every fork
 * fixture is built through the CLI and its image hash, report (whole: the fork prints
 * registers deterministically) and stdout compared with the fork's outputs on the same inputs
 * (src/test/resources/image/golden-dev, see the README there).
 */
class ForkGoldenBuildTest {
  @TempDir Path dir;

  static Stream<ForkFixtures.Case> cases() {
    return ForkFixtures.cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sameBytesAsTheFork(ForkFixtures.Case c) throws Exception {
    Path d = ForkFixtures.write(c, dir.resolve(c.name()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"build", d.resolve("case.system").toString(),
        "--sdk", d.resolve("sdk").toString(), "--board", c.board().name(), "--config", "debug",
        "-o", d.resolve("loader.img").toString(), "-r", d.resolve("report.txt").toString(),
        "--search-path", d.toString(), "--dialect", "sel4cp-dev", "--message-format", "sel4cp"},
        new PrintWriter(out), new PrintWriter(err));
    assertThat(err.toString()).isEmpty();
    assertThat(code).isZero();

    assertThat(Files.readString(d.resolve("report.txt"))).isEqualTo(golden(c, "report.txt"));
    byte[] image = Files.readAllBytes(d.resolve("loader.img"));
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
    assertThat(hash + " " + image.length).isEqualTo(golden(c, "image.sha256").strip());
    assertThat(out.toString()).isEqualTo(golden(c, "stdout.txt"));
  }

  static String golden(ForkFixtures.Case c, String file) throws IOException {
    try (InputStream in = ForkGoldenBuildTest.class.getResourceAsStream(
        "/image/golden-dev/" + c.name() + "/" + file)) {
      assertThat(in).as("golden %s/%s", c.name(), file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
