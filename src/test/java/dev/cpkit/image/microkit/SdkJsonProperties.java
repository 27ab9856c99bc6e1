// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.image.BuildException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The SDK's JSON files, damaged at random: each reader either reads them or answers with a
 * located BuildException (a code of this package and a position in the file), never with
 * another exception.
 */
class SdkJsonProperties {
  private static final String[] TOKENS = {
    "{", "}", "[", "]", ",", ":", "\"", "0", "-1", "1.5", "1e3", "true", "false", "null",
    "18446744073709551616", "\"64\"", "\"+1\"", "\"x\"", " ", "\n", "\"start\"", "\"end\""
  };

  @Property(tries = 300)
  void damagedFilesAreReadOrLocated(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int mutations) throws IOException {
    Random rnd = new Random(seed);
    SyntheticMicrokitSdk.Board b = rnd.nextBoolean() ? SyntheticMicrokitSdk.Board.aarch64()
        : SyntheticMicrokitSdk.Board.riscv64();
    int which = rnd.nextInt(4);
    String text = switch (which) {
      case 0 -> SyntheticMicrokitSdk.genConfig(b, "debug");
      case 1 -> SyntheticMicrokitSdk.platformGen(b);
      case 2 -> SyntheticMicrokitSdk.objectSizes(b);
      default -> "{\"UntypedRetype\": 1, \"TCBReadRegisters\": 2}";
    };
    StringBuilder t = new StringBuilder(text);
    for (int k = 0; k < mutations; k++) {
      int at = rnd.nextInt(t.length() + 1);
      switch (rnd.nextInt(3)) {
        case 0 -> t.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
        case 1 -> {
          if (at < t.length()) t.deleteCharAt(at);
        }
        default -> {
          if (at < t.length()) t.setCharAt(at, (char) (0x20 + rnd.nextInt(0x60)));
        }
      }
    }
    Function<Path, Object> reader = switch (which) {
      case 0 -> p -> GenConfig.read(p).kernelConfig("debug",
          new ObjectSizes(11, 4, 5, 5, 12, 12, 30, 21, 12, 12, null, null),
          new AddressSpaceConstants(9, null, null, 0xffffffffffL));
      case 1 -> PlatformConfig::read;
      case 2 -> ObjectSizes::read;
      default -> InvocationLabels::read;
    };
    Path f = Files.createTempFile("cpkit-sdk", ".json");
    try {
      Files.write(f, t.toString().getBytes(StandardCharsets.UTF_8));
      try {
        assertThat(reader.apply(f)).isNotNull();
      } catch (BuildException e) {
        assertThat(e.code()).matches("IMG1(0[7-9]|1[0-2])");
        assertThat(e.span()).as("%s: %s", e.code(), e.getMessage()).isNotNull();
        assertThat(e.span().line()).isPositive();
      }
    } finally {
      Files.delete(f);
    }
  }
}
