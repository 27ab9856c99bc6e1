// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpkit.image.BuildException;
import dev.cpkit.image.MemRegion;
import dev.cpkit.system.Board;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SDK discovery, board/config choice, file checks and the JSON readers. */
class MicrokitSdkTest {
  @TempDir Path tmp;

  static final SyntheticMicrokitSdk.Board ARM = SyntheticMicrokitSdk.Board.aarch64();
  static final SyntheticMicrokitSdk.Board RV = SyntheticMicrokitSdk.Board.riscv64();

  static Consumer<Throwable> code(String code, String reference) {
    return t -> {
      assertThat(t).isInstanceOf(BuildException.class);
      BuildException e = (BuildException) t;
      assertThat(e.code()).isEqualTo(code);
      if (reference != null) assertThat(e.reference()).isEqualTo(reference);
    };
  }

  @Test
  void sdkOptionThenEnvironment() throws IOException {
    Path given = tmp.resolve("given");
    assertThat(MicrokitSdk.root(given, Map.of("MICROKIT_SDK", "/x")::get)).isEqualTo(given);
    Files.createDirectories(tmp.resolve("env"));
    String env = tmp.resolve("env").toString();
    assertThat(MicrokitSdk.root(null, Map.of("MICROKIT_SDK", env)::get))
        .isEqualTo(Path.of(env));
    assertThatThrownBy(() -> MicrokitSdk.root(null, Map.<String, String>of()::get))
        .satisfies(code("IMG100", null))
        .satisfies(t -> assertThat(((BuildException) t).isUsage()).isTrue());
    String gone = tmp.resolve("gone").toString();
    assertThatThrownBy(() -> MicrokitSdk.root(null, Map.of("MICROKIT_SDK", gone)::get))
        .satisfies(code("IMG101", "microkit: error: The MICROKIT_SDK directory '" + gone
            + "' does not exist"));
  }

  @Test
  void boardFolderBoardsAndConfigs() throws IOException {
    Path sdk = tmp.resolve("sdk");
    Files.createDirectories(sdk);
    assertThatThrownBy(() -> MicrokitSdk.open(sdk)).satisfies(code("IMG102",
        "microkit: error: The SDK directory does not have a 'board' sub-directory at '"
            + sdk.resolve("board") + "'"));
    SyntheticMicrokitSdk.write(sdk, RV, "debug");
    SyntheticMicrokitSdk.write(sdk, ARM, "release");
    Files.writeString(sdk.resolve("board/not-a-board"), "a file, not a folder");
    MicrokitSdk kit = MicrokitSdk.open(sdk);
    // sorted by name, files skipped
    assertThat(kit.boards()).containsExactly("virt_aarch64", "virt_riscv64");
    assertThatThrownBy(() -> kit.select("zcu102", "debug")).satisfies(code("IMG103",
        "microkit: error: argument --board: unknown parameter 'zcu102'"));
    assertThatThrownBy(() -> kit.select("virt_riscv64", "release")).satisfies(code("IMG104",
        "microkit: error: argument --config: invalid choice 'release' (choose from: debug)"));
    MicrokitSdk.Target t = kit.select("virt_riscv64", "debug");
    assertThat(t.genConfig()).isEqualTo(sdk.resolve(
        "board/virt_riscv64/debug/include/kernel/gen_config.json"));
    t.checkFiles(null);
    t.checkLoader();
  }

  @Test
  void fileChecksInMicrokitsOrder() throws IOException {
    Path sdk = tmp.resolve("sdk");
    Path dir = SyntheticMicrokitSdk.write(sdk, ARM, "debug");
    MicrokitSdk.Target t = MicrokitSdk.open(sdk).select("virt_aarch64", "debug");
    Files.delete(dir.resolve("invocations_all.json"));
    Files.delete(dir.resolve("elf/initialiser.elf"));
    // the initialiser is checked before the invocations file
    assertThatThrownBy(() -> t.checkFiles(null)).satisfies(code("IMG105",
        "microkit: error: CapDL initialiser ELF '" + dir.resolve("elf/initialiser.elf")
            + "' does not exist"));
    // --override-kernel replaces the kernel path in the check
    Path other = tmp.resolve("other.elf");
    assertThatThrownBy(() -> t.checkFiles(other)).satisfies(code("IMG105",
        "microkit: error: kernel ELF '" + other + "' does not exist"));
    Files.delete(dir.resolve("elf/loader.elf"));
    assertThatThrownBy(t::checkLoader).satisfies(code("IMG105",
        "Error: loader ELF '" + dir.resolve("elf/loader.elf") + "' does not exist"));
  }

  MicrokitKernelConfig config(SyntheticMicrokitSdk.Board b, String config) throws IOException {
    Path dir = SyntheticMicrokitSdk.write(tmp.resolve("sdk"), b, config);
    ObjectSizes sizes = ObjectSizes.read(dir.resolve("object_sizes.json"));
    AddressSpaceConstants asc = AddressSpaceConstants.read(
        dir.resolve("address_space_constants.json"));
    return GenConfig.read(dir.resolve("include/kernel/gen_config.json"))
        .kernelConfig(config, sizes, asc);
  }

  @Test
  void aarch64KernelConfig() throws IOException {
    MicrokitKernelConfig k = config(ARM, "benchmark");
    assertThat(k.arch()).isEqualTo(Board.Arch.AARCH64);
    assertThat(k.wordSize()).isEqualTo(64);
    assertThat(k.paddrUserDeviceTop()).isEqualTo(1L << 40);
    assertThat(k.rootCnodeBits()).isEqualTo(12);
    assertThat(k.fanOutLimit()).isEqualTo(256);
    assertThat(k.maxBootinfoUntypeds()).isEqualTo(230);
    assertThat(k.hypervisor()).isFalse();
    assertThat(k.iommu()).isFalse();
    assertThat(k.armPaBits()).isEqualTo(40);
    assertThat(k.armSmc()).isFalse();
    assertThat(k.cores()).isEqualTo(1);
    assertThat(k.numDomains()).isEqualTo(1);
    assertThat(k.fpu()).isTrue();
    assertThat(k.benchmark()).isTrue();
    assertThat(k.kernelFrameSize()).isEqualTo(0x1000);
    assertThat(k.minimumPageSize()).isEqualTo(0x1000); // 2^small_page = 2^12
    assertThat(k.virtualBase()).isEqualTo(0xffffff8000000000L);
    assertThat(k.objectSizes().tcb()).isEqualTo(11);
    assertThat(k.objectSizes().vcpu()).isEqualTo(12);
    assertThat(k.objectSizes().ioPageTable()).isNull();
    assertThat(k.addressSpace().vspaceIndexBits()).isEqualTo(9);
    Board facts = k.toBoard("virt_aarch64");
    assertThat(facts.userTop()).isEqualTo(0xffffffffffL);
    assertThat(facts.pageSizes()).containsExactly(0x1000L, 0x200000L);
  }

  @Test
  void riscvAndSmpKernelConfig() throws IOException {
    MicrokitKernelConfig k = config(RV, "smp-debug");
    assertThat(k.arch()).isEqualTo(Board.Arch.RISCV64);
    assertThat(k.hypervisor()).isFalse();
    assertThat(k.armPaBits()).isNull();
    assertThat(k.armSmc()).isNull();
    assertThat(k.cores()).isEqualTo(4);
    assertThat(k.kernelFrameSize()).isEqualTo(1L << 21);
    assertThat(k.virtualBase()).isEqualTo(0xffffffc000000000L);
    assertThat(k.objectSizes().vcpu()).isNull();
    assertThat(k.addressSpace().vspaceIndexBits()).isNull();
  }

  /** Rewrites gen_config.json with one textual replacement and reads it. */
  MicrokitKernelConfig genConfigWith(String from, String to) throws IOException {
    Path dir = SyntheticMicrokitSdk.write(tmp.resolve("sdk"), ARM, "debug");
    Path gen = dir.resolve("include/kernel/gen_config.json");
    String text = Files.readString(gen);
    assertThat(text).contains(from);
    Files.writeString(gen, text.replace(from, to));
    return GenConfig.read(gen).kernelConfig("debug",
        ObjectSizes.read(dir.resolve("object_sizes.json")),
        AddressSpaceConstants.read(dir.resolve("address_space_constants.json")));
  }

  @Test
  void genConfigErrorsAreLocated() throws IOException {
    // HAVE_FPU is the last line: without it the error is about the object (line 1, col 1)
    assertThatThrownBy(() -> genConfigWith(",\n  \"HAVE_FPU\": true", ""))
        .satisfies(code("IMG108", "Error: \"JSON field 'HAVE_FPU' does not exist\""))
        .satisfies(t -> assertThat(((BuildException) t).span().line()).isEqualTo(1));
    // WORD_SIZE is on line 8 of the synthetic file (after {, KERNEL_ARCH, SEL4_ARCH and the
    // four ARM flags); its value starts at column 16
    assertThatThrownBy(() -> genConfigWith("\"WORD_SIZE\": \"64\"", "\"WORD_SIZE\": \"6x\""))
        .satisfies(code("IMG109", null))
        .satisfies(t -> {
          BuildException e = (BuildException) t;
          assertThat(e.span().line()).isEqualTo(8);
          assertThat(e.span().column()).isEqualTo(16);
          assertThat(e.getMessage()).contains("WORD_SIZE").contains("\"6x\"");
        });
    assertThatThrownBy(() -> genConfigWith("\"WORD_SIZE\": \"64\"", "\"WORD_SIZE\": 64"))
        .satisfies(code("IMG109", null));
    assertThatThrownBy(() -> genConfigWith("\"WORD_SIZE\": \"64\"", "\"WORD_SIZE\": \"32\""))
        .satisfies(code("IMG112", null));
    assertThatThrownBy(() -> genConfigWith("\"aarch64\"", "\"aarch32\""))
        .satisfies(code("IMG110", null));
    assertThatThrownBy(() -> genConfigWith("\"ARM_PA_SIZE_BITS_40\": true",
        "\"ARM_PA_SIZE_BITS_40\": false")).satisfies(code("IMG111", null));
    assertThatThrownBy(() -> genConfigWith("\"HAVE_FPU\": true", "\"HAVE_FPU\": \"true\""))
        .satisfies(code("IMG109", null));
    // "+64" is accepted, as Rust's u64 parser accepts it
    assertThat(Long.valueOf(sizeFrom("\"+64\""))).isEqualTo(64L);
    assertThatThrownBy(() -> genConfigWith("\n}", ",\n}"))
        .satisfies(code("IMG107", null))
        .satisfies(t -> assertThat(((BuildException) t).getMessage())
            .contains("expected a string key"));
  }

  private long sizeFrom(String value) throws IOException {
    return genConfigWith("\"WORD_SIZE\": \"64\"", "\"WORD_SIZE\": " + value).wordSize();
  }

  @Test
  void platformObjectSizesAddressSpaceAndLabels() throws IOException {
    Path dir = SyntheticMicrokitSdk.write(tmp.resolve("sdk"), ARM, "debug");
    PlatformConfig p = PlatformConfig.read(dir.resolve("platform_gen.json"));
    assertThat(p.memory()).containsExactly(new MemRegion(0x40000000L, 0x80000000L));
    assertThat(p.devices()).hasSize(3);
    assertThat(p.devices().get(2)).isEqualTo(new MemRegion(0x80000000L, 1L << 40));
    InvocationLabels labels = InvocationLabels.read(dir.resolve("invocations_all.json"));
    assertThat(labels.label("UntypedRetype")).isEqualTo(1);
    assertThat(labels.label("TCBWriteRegisters")).isEqualTo(3);
    assertThat(labels.label("NoSuchThing")).isEqualTo(-1);
    AddressSpaceConstants asc = AddressSpaceConstants.read(
        dir.resolve("address_space_constants.json"));
    assertThat(asc.pageTableIndexBits()).isEqualTo(9);
    assertThat(asc.ioPageTableIndexBits()).isNull();
  }

  @Test
  void malformedSdkFilesAreLocated() throws IOException {
    Path f = tmp.resolve("platform_gen.json");
    Files.writeString(f, "{\"devices\": [],\n \"memory\": [{\"start\": 4096, \"end\": 4096}]}");
    assertThatThrownBy(() -> PlatformConfig.read(f)).satisfies(code("IMG109", null))
        .satisfies(t -> {
          BuildException e = (BuildException) t;
          assertThat(e.span().line()).isEqualTo(2);
          assertThat(e.span().column()).isEqualTo(13); // the region's '{'
          assertThat(e.getMessage()).contains("not above its start");
        });
    Files.writeString(f, "{\"devices\": [], \"memory\": [{\"start\": -1, \"end\": 4096}]}");
    assertThatThrownBy(() -> PlatformConfig.read(f)).satisfies(code("IMG109", null));
    Files.writeString(f, "{\"devices\": [], \"memory\": [{\"start\": 1.0, \"end\": 4096}]}");
    assertThatThrownBy(() -> PlatformConfig.read(f)).satisfies(code("IMG109", null));
    Files.writeString(f, "{\"devices\": []}");
    assertThatThrownBy(() -> PlatformConfig.read(f)).satisfies(code("IMG108", null));
    Files.writeString(f, "[]");
    assertThatThrownBy(() -> PlatformConfig.read(f)).satisfies(code("IMG109", null));
    Path sizes = tmp.resolve("object_sizes.json");
    Files.writeString(sizes, SyntheticMicrokitSdk.objectSizes(ARM).replace(", \"reply\": 5",
        ""));
    assertThatThrownBy(() -> ObjectSizes.read(sizes)).satisfies(code("IMG108", null))
        .satisfies(t -> assertThat(t.getMessage()).contains("'reply'"));
    Files.writeString(sizes, SyntheticMicrokitSdk.objectSizes(ARM).replace("\"tcb\": 11",
        "\"tcb\": 64"));
    assertThatThrownBy(() -> ObjectSizes.read(sizes)).satisfies(code("IMG109", null));
    Path labels = tmp.resolve("invocations_all.json");
    Files.writeString(labels, "{\"UntypedRetype\": \"1\"}");
    assertThatThrownBy(() -> InvocationLabels.read(labels)).satisfies(code("IMG109", null));
    assertThatThrownBy(() -> InvocationLabels.read(tmp.resolve("none.json")))
        .satisfies(code("IMG105", "microkit: error: invocations JSON file '"
            + tmp.resolve("none.json") + "' does not exist"));
  }
}
