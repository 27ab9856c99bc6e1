// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.cli.Main;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
import dev.cpkit.image.fixture.SyntheticSdk;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The builder's parsers on damaged inputs: corrupt ELF files and a corrupt fork
 * {@code config.json} must give a clear error (a {@link BuildException}; from the command
 * line exit status 1, 2 or 3 with an {@code IMG} code), never an internal error (exit 70) or a
 * stack trace, and never an image presented as built from a file the reader refused.
 */
class BuildFuzzProperties {
  private static final SyntheticSdk.Board BOARD = SyntheticSdk.Board.zcu102Like();
  private static final List<byte[]> ELVES = List.of(SyntheticSdk.kernel(BOARD),
      SyntheticSdk.monitor(BOARD), SyntheticSdk.loader(BOARD),
      SyntheticSdk.program(SyntheticSdk.Program.small("shared"), 3));
  private static final String[] SDK_ELVES = {"sel4.elf", "monitor.elf", "loader.elf"};

  private static Path dir;

  @BeforeContainer
  static void writeFixtures() throws IOException {
    dir = Files.createTempDirectory("cpkit-build-fuzz");
    Fixtures.write(Fixtures.cases().get(0), dir.resolve("upstream"));
    ForkFixtures.write(ForkFixtures.cases().get(0), dir.resolve("fork"));
  }

  @AfterContainer
  static void removeFixtures() throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Byte changes at random offsets, and a length to cut the file to (or none). */
  record Damage(int[] offsets, byte[] values, int cutPermille) {
    byte[] apply(byte[] original) {
      byte[] b = original.clone();
      for (int i = 0; i < offsets.length; i++) b[offsets[i] % b.length] = values[i];
      if (cutPermille < 1000) b = Arrays.copyOf(b, (int) ((long) b.length * cutPermille / 1000));
      return b;
    }
  }

  @Provide
  Arbitrary<Damage> damage() {
    Arbitrary<int[]> offsets = Arbitraries.integers().between(0, Integer.MAX_VALUE).array(
        int[].class).ofMinSize(1).ofMaxSize(8);
    // most damage lands in the headers, where the reader's decisions are
    Arbitrary<int[]> headerOffsets = Arbitraries.integers().between(0, 511).array(int[].class)
        .ofMinSize(1).ofMaxSize(8);
    Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofSize(8);
    Arbitrary<Integer> cut = Arbitraries.oneOf(Arbitraries.just(1000),
        Arbitraries.integers().between(0, 999));
    return Combinators.combine(Arbitraries.oneOf(offsets, headerOffsets), values, cut)
        .as(Damage::new);
  }

  @Property(tries = 400)
  void elfReaderRefusesDamagedFilesCleanly(@ForAll @IntRange(min = 0, max = 3) int which,
      @ForAll("damage") Damage d) {
    byte[] bytes = d.apply(ELVES.get(which));
    ElfFile f;
    try {
      f = ElfFile.parse("x.elf", bytes);
    } catch (BuildException e) {
      assertThat(e.code()).startsWith("IMG02");
      return;
    }
    // what it accepted, it can read: every segment and every symbol the builder asks for
    for (ElfSegment s : f.segments()) assertThat(s.data()).hasSize((int) s.memSize());
    for (String sym : List.of("sel4cp_name", "avail_p_regs", "untyped_info", "boot_lvl0_lower",
        "shared")) {
      if (!f.hasSymbol(sym)) continue;
      try {
        f.symbolData(sym);
      } catch (BuildException e) {
        assertThat(e.code()).startsWith("IMG02");
      }
    }
  }

  @Property(tries = 60)
  void buildWithADamagedSdkFileFailsCleanly(@ForAll @IntRange(min = 0, max = 2) int which,
      @ForAll("damage") Damage d) throws IOException {
    Path c = dir.resolve("upstream");
    Path elf = c.resolve("sdk/board/zcu102/debug/elf").resolve(SDK_ELVES[which]);
    byte[] original = Files.readAllBytes(elf);
    try {
      Files.write(elf, d.apply(original));
      assertCleanOutcome(build(c, "sel4cp"));
    } finally {
      Files.write(elf, original);
    }
  }

  @Property(tries = 80)
  void forkBuildWithADamagedConfigFailsCleanly(@ForAll("damage") Damage d) throws IOException {
    Path c = dir.resolve("fork");
    Path config = c.resolve("sdk/board/zcu102/debug/config.json");
    byte[] original = Files.readAllBytes(config);
    try {
      Files.write(config, d.apply(original));
      assertCleanOutcome(build(c, "sel4cp-dev"));
    } finally {
      Files.write(config, original);
    }
  }

  record Run(int code, String out, String err) {}

  private static Run build(Path c, String dialect) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"build", c.resolve("case.system").toString(), "--sdk",
        c.resolve("sdk").toString(), "--board", "zcu102", "--config", "debug", "--search-path",
        c.toString(), "--dialect", dialect, "-o", c.resolve("out.img").toString(), "-r",
        c.resolve("out.txt").toString()}, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static void assertCleanOutcome(Run r) {
    assertThat(r.code()).as(r.err()).isNotEqualTo(Main.INTERNAL);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("internal error");
    if (r.code() != 0) {
      assertThat(r.err()).as("a located, coded error").containsPattern("IMG\\d{3}|cpkit: error:");
    }
  }
}
