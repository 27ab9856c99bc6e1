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
import org.junit.jupiter.api.Test;
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

  /**
   * {@code --image-type uimage} on a RISC-V fork SDK: a U-Boot image whose payload, after the
   * 64-byte uImage header and the 64-byte Linux RISC-V header, is the fork's exact image.
   */
  @Test
  void riscvUimageCarriesTheForksImage() throws Exception {
    ForkFixtures.Case c = ForkFixtures.cases().stream()
        .filter(k -> k.name().equals("riscv-pingpong")).findFirst().orElseThrow();
    Path d = ForkFixtures.write(c, dir.resolve(c.name()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"build", d.resolve("case.system").toString(),
        "--sdk", d.resolve("sdk").toString(), "--board", c.board().name(), "--config", "debug",
        "-o", d.resolve("loader.uimg").toString(), "-r", d.resolve("report.txt").toString(),
        "--search-path", d.toString(), "--dialect", "sel4cp-dev", "--image-type", "uimage"},
        new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    byte[] u = Files.readAllBytes(d.resolve("loader.uimg"));
    java.nio.ByteBuffer be = java.nio.ByteBuffer.wrap(u); // uImage fields are big-endian
    assertThat(be.getInt(0)).isEqualTo(0x27051956);
    int size = be.getInt(12);
    assertThat(u.length).isEqualTo(64 + size);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(u, 64, size);
    assertThat(be.getInt(24)).isEqualTo((int) crc.getValue());
    byte[] payload = java.util.Arrays.copyOfRange(u, 128, u.length);
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    assertThat(hash + " " + payload.length).isEqualTo(golden(c, "image.sha256").strip());
  }

  static String golden(ForkFixtures.Case c, String file) throws IOException {
    try (InputStream in = ForkGoldenBuildTest.class.getResourceAsStream(
        "/image/golden-dev/" + c.name() + "/" + file)) {
      assertThat(in).as("golden %s/%s", c.name(), file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
