// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpkit.image.BuildException;
import dev.cpkit.image.ImageType;
import dev.cpkit.image.MemRegion;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Microkit build's plan over synthetic SDKs, and its refusal to write an image. */
class MicrokitBuildTest {
  @TempDir Path tmp;

  static final String SYSTEM = """
      <?xml version="1.0" encoding="UTF-8"?>
      <system>
          <memory_region name="buf" size="0x3000" />
          <protection_domain name="hello" priority="254">
              <program_image path="hello.elf" />
              <map mr="buf" vaddr="0x4000000" perms="rw" />
          </protection_domain>
      </system>
      """;

  Path sdk;
  Path programs;

  MicrokitBuild.Request setUp(SyntheticMicrokitSdk.Board b) throws IOException {
    sdk = tmp.resolve("sdk");
    SyntheticMicrokitSdk.write(sdk, b, "debug");
    programs = tmp.resolve("programs");
    Files.createDirectories(programs);
    // text [0x200000, 0x201800): 2 frames; data at 0x202000, 0x3000 bytes: 3 frames
    Files.write(programs.resolve("hello.elf"),
        SyntheticMicrokitSdk.program(0x200000, 0x1800, 0x3000, 5));
    return new MicrokitBuild.Request(sdk, b.name(), "debug", List.of(programs),
        tmp.resolve("cwd"), null, null);
  }

  SystemDescription system(MicrokitBuild.Request r) {
    Sdf.Result res = Sdf.check("hello.system", SYSTEM.getBytes(StandardCharsets.UTF_8),
        new Sdf.Options(Dialect.MICROKIT, MicrokitBuild.readSdk(r).board(), r.searchPaths()));
    assertThat(res.ok()).as("%s", res.diagnostics()).isTrue();
    return res.system();
  }

  @Test
  void planOnAarch64() throws IOException {
    MicrokitBuild.Request r = setUp(SyntheticMicrokitSdk.Board.aarch64());
    SystemDescription s = system(r);
    MicrokitBuild.Plan p = MicrokitBuild.plan(s, r);
    assertThat(p.sdk().imageType()).isEqualTo(ImageType.BINARY);
    // hello: 5 frames; the monitor: text 0x3000 (3) + data 0x1000 (1)
    assertThat(p.programs()).extracting(MicrokitBuild.ProgramFrames::frames)
        .containsExactly(5L, 4L);
    assertThat(p.elfFrames()).isEqualTo(9);
    // initialiser: text [0x400000, 0x405000) and data [0x405000, 0x407800): 0x8000 bytes,
    // placed at the first free RAM above the boot region: right after the kernel image
    assertThat(p.initialTask().virt()).isEqualTo(new MemRegion(0x400000, 0x408000));
    assertThat(p.initialTask().physBase()).isEqualTo(0x40040000L);
    // virtual [0x400000, 0x40a000) with IPC buffer and boot info: 3 tables, 10 pages, so
    // the untypeds start at cap 16 + 3 + 1 + 10 = 30; 23 device untypeds (as in
    // MicrokitBootTest), then the boot region, [0x40048000, 0x40050000) (one 32 KiB block),
    // the 23 blocks up to 0x7ffc0000 and 6 above the rootserver objects
    assertThat(p.boot().untypeds()).hasSize(23 + 1 + 1 + 23 + 6);
    assertThat(p.boot().untypeds().get(0).cap()).isEqualTo(30);
    // loader: the kernel's segment and the initialiser's two; after the loader's code come
    // 64 + 3 x 32 bytes of header and table and 0x40000 + 0x5000 + 0x2800 of data = 0x478a0
    assertThat(p.loader()).isEqualTo(new MicrokitBuild.LoaderPlan(0x70000000L, 3, 0x478a0));
    String text = MicrokitBuild.describe(s, p);
    assertThat(text).contains("loader:    linked at 0x70000000, 3 regions, at least"
        + " 286.16 KiB of header, table and data\n");
    assertThat(text).contains("kernel:    aarch64, 64-bit, 1 core, hypervisor no, FPU yes,"
        + " 40 PA bits, SMC no\n");
    assertThat(text).contains("image:     binary\n");
    assertThat(text).contains("memory:    RAM 1 GiB in 1 region(s), 3 device region(s)\n");
    assertThat(text).contains("untypeds:  54 (23 device, 31 normal: ");
    assertThat(text).contains(", caps 30..83\n");
    assertThat(text).containsPattern("  hello +hello\\.elf +5 frames\n");
    assertThat(text).containsPattern("  total +9 frames \\(36 KiB\\)\n");
    assertThat(text).contains("memory regions: 1 (3 pages, 12 KiB)\n");
  }

  @Test
  void runPrintsThePlanAndStopsWithoutWritingAnything() throws IOException {
    MicrokitBuild.Request r = setUp(SyntheticMicrokitSdk.Board.riscv64());
    SystemDescription s = system(r);
    List<Path> before = listAll();
    StringWriter out = new StringWriter();
    assertThatThrownBy(() -> MicrokitBuild.run(s, r, new PrintWriter(out)))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG129");
          assertThat(e.isUsage()).isTrue(); // exit status 2 in BuildCommand
          assertThat(e.getMessage()).contains("capDL").contains("no image was written");
        });
    assertThat(out.toString()).startsWith("Microkit build plan (board virt_riscv64, config"
        + " debug)\n").contains("image:     uimage\n").contains("kernel:    riscv64, 64-bit,");
    assertThat(listAll()).isEqualTo(before);
  }

  private List<Path> listAll() throws IOException {
    try (Stream<Path> s = Files.walk(tmp)) {
      return s.sorted().toList();
    }
  }

  @Test
  void searchPathsComeBeforeTheCurrentFolder() throws IOException {
    MicrokitBuild.Request r = setUp(SyntheticMicrokitSdk.Board.aarch64());
    Files.createDirectories(r.cwd());
    // a one-page program in the current folder: not taken, the search path comes first
    Files.write(r.cwd().resolve("hello.elf"), SyntheticMicrokitSdk.program(0x200000, 0x10, 0,
        1));
    SystemDescription s = system(r);
    assertThat(MicrokitBuild.plan(s, r).programs().get(0).frames()).isEqualTo(5);
    MicrokitBuild.Request cwdOnly = new MicrokitBuild.Request(r.sdkRoot(), r.board(),
        r.config(), List.of(), r.cwd(), null, null);
    assertThat(MicrokitBuild.plan(s, cwdOnly).programs().get(0).frames()).isEqualTo(1);
  }

  @Test
  void missingProgramImage() throws IOException {
    MicrokitBuild.Request r = setUp(SyntheticMicrokitSdk.Board.aarch64());
    SystemDescription s = system(r);
    Files.delete(programs.resolve("hello.elf"));
    assertThatThrownBy(() -> MicrokitBuild.plan(s, r))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG125");
          assertThat(e.reference()).isEqualTo(
              "Error: \"unable to find program image: 'hello.elf'\"");
          assertThat(e.span().line()).isEqualTo(5); // the <program_image> element
        });
  }

  @Test
  void sdkProblemsStopThePlanInMicrokitsOrder() throws IOException {
    MicrokitBuild.Request r = setUp(SyntheticMicrokitSdk.Board.aarch64());
    SystemDescription s = system(r);
    Path dir = sdk.resolve("board/virt_aarch64/debug");
    Files.delete(dir.resolve("object_sizes.json"));
    Files.delete(dir.resolve("platform_gen.json"));
    // platform_gen.json is read before object_sizes.json
    assertThatThrownBy(() -> MicrokitBuild.plan(s, r))
        .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.reference())
            .isEqualTo("microkit: error: kernel platform configuration file '"
                + dir.resolve("platform_gen.json") + "' does not exist"));
    MicrokitBuild.Request uimage = new MicrokitBuild.Request(r.sdkRoot(), r.board(),
        r.config(), r.searchPaths(), r.cwd(), ImageType.UIMAGE, null);
    // ... and the image type is resolved before either
    assertThatThrownBy(() -> MicrokitBuild.plan(s, uimage))
        .isInstanceOfSatisfying(BuildException.class, e ->
            assertThat(e.code()).isEqualTo("IMG113"));
  }

  @Test
  void x86HasNoBootEmulation() throws IOException {
    MicrokitBuild.Request r = setUp(SyntheticMicrokitSdk.Board.aarch64());
    Path gen = sdk.resolve("board/virt_aarch64/debug/include/kernel/gen_config.json");
    String text = Files.readString(gen).replace("\"aarch64\"", "\"x86_64\"")
        .replace("\"ARM_HYPERVISOR_SUPPORT\": false", "\"VTX\": false")
        .replace("\"ARM_PA_SIZE_BITS_40\": true", "\"IOMMU\": false");
    Files.writeString(gen, text);
    Files.delete(sdk.resolve("board/virt_aarch64/debug/platform_gen.json"));
    Files.delete(sdk.resolve("board/virt_aarch64/debug/elf/loader.elf"));
    SystemDescription s = system(r);
    MicrokitBuild.Plan p = MicrokitBuild.plan(s, r);
    assertThat(p.boot()).isNull();
    assertThat(p.sdk().imageType()).isEqualTo(ImageType.ELF);
    assertThat(MicrokitBuild.describe(s, p)).contains("not known before boot on x86-64");
  }

  @Test
  void loaderChecks() throws IOException {
    MicrokitBuild.Request r = setUp(SyntheticMicrokitSdk.Board.riscv64());
    SystemDescription s = system(r);
    Path loader = sdk.resolve("board/virt_riscv64/debug/elf/loader.elf");
    // entry 0x10 bytes into the segment
    Files.write(loader, new dev.cpkit.image.elf.ElfWriter(0x90000010L)
        .segment(1, 7, 0x90000000L, 0x90000000L, new byte[0x100], 0x100)
        .symbol("x", 0, 0).toBytes());
    assertThatThrownBy(() -> MicrokitBuild.plan(s, r))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG116");
          assertThat(e.reference()).isEqualTo(
              "The loader entry point must be the first byte in the image");
        });
    // a RISC-V loader above 4 GiB cannot go in the default uImage...
    Files.write(loader, SyntheticMicrokitSdk.program(0x100000000L, 0x100, 0, 1));
    assertThatThrownBy(() -> MicrokitBuild.plan(s, r))
        .isInstanceOfSatisfying(BuildException.class, e ->
            assertThat(e.code()).isEqualTo("IMG115"));
    // ... but in an ELF it can
    MicrokitBuild.Request elf = new MicrokitBuild.Request(r.sdkRoot(), r.board(), r.config(),
        r.searchPaths(), r.cwd(), ImageType.ELF, null);
    assertThat(MicrokitBuild.plan(s, elf).loader().link()).isEqualTo(0x100000000L);
    // a loader on top of the kernel
    Files.write(loader, SyntheticMicrokitSdk.program(0x80200000L, 0x100, 0, 1));
    assertThatThrownBy(() -> MicrokitBuild.plan(s, elf))
        .isInstanceOfSatisfying(BuildException.class, e ->
            assertThat(e.code()).isEqualTo("IMG123"));
  }

  @Test
  void noRoomForTheInitialiser() throws IOException {
    MicrokitBuild.Request r = setUp(SyntheticMicrokitSdk.Board.riscv64());
    SystemDescription s = system(r);
    // two small segments 1 GiB apart: the image spans more than the board's 512 MiB of RAM
    Files.write(sdk.resolve("board/virt_riscv64/debug/elf/initialiser.elf"),
        new dev.cpkit.image.elf.ElfWriter(0x400000L)
            .segment(1, 5, 0x400000L, 0x400000L, new byte[0x100], 0x1000)
            .segment(1, 6, 0x40400000L, 0x40400000L, new byte[0x100], 0x1000)
            .symbol("x", 0, 0).toBytes());
    assertThatThrownBy(() -> MicrokitBuild.plan(s, r))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG120");
          assertThat(e.getMessage()).contains("0x40001000 bytes");
        });
  }

  @Test
  void configNamesMicrokitCannotPack() {
    MicrokitBuild.checkConfigName("smp-benchmark");
    assertThatThrownBy(() -> MicrokitBuild.checkConfigName("profiling"))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG127");
          assertThat(e.reference()).isEqualTo("unknown configuration profiling");
        });
  }

  @Test
  void sizesInPlainUnits() {
    assertThat(MicrokitBuild.bytes(0x3000)).isEqualTo("12 KiB");
    assertThat(MicrokitBuild.bytes(1L << 30)).isEqualTo("1 GiB");
    assertThat(MicrokitBuild.bytes(1536)).isEqualTo("1.50 KiB");
    assertThat(MicrokitBuild.bytes(100)).isEqualTo("100 bytes");
    // 1 GiB less 512 KiB: 1023.5 MiB
    assertThat(MicrokitBuild.bytes((1L << 30) - (1L << 19))).isEqualTo("1023.50 MiB");
  }
}
