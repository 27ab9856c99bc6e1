// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpkit.image.BootInfo;
import dev.cpkit.image.BuildException;
import dev.cpkit.image.MemRegion;
import dev.cpkit.image.UntypedObject;
import dev.cpkit.image.elf.ElfFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Microkit's region list and kernel boot emulation, against hand-computed values. */
class MicrokitBootTest {
  @TempDir Path tmp;

  static MemRegion r(long b, long e) {
    return new MemRegion(b, e);
  }

  @Test
  void insertMergesWithATouchingNeighbour() {
    MicrokitRegions m = new MicrokitRegions();
    m.insert(0x1000, 0x2000);
    m.insert(0x2000, 0x3000); // touches the end of the last one: merged
    m.insert(0x8000, 0x9000);
    m.insert(0x7000, 0x8000); // touches the start of the next one: merged
    m.insert(0x0, 0x1000); // touches the first one's start: merged
    m.insert(0x5000, 0x6000); // touches nothing: inserted between
    assertThat(m.regions()).containsExactly(r(0x0, 0x3000), r(0x5000, 0x6000),
        r(0x7000, 0x9000));
    assertThatThrownBy(() -> m.insert(0x2000, 0x5800))
        .isInstanceOfSatisfying(BuildException.class, e ->
            assertThat(e.code()).isEqualTo("IMG121"));
    assertThatThrownBy(() -> new MicrokitRegions().insert(0x10, 0x10))
        .hasMessageContaining("is empty");
  }

  @Test
  void removeSplitsAndRefusesUncoveredRanges() {
    MicrokitRegions m = new MicrokitRegions();
    m.insert(0x1000, 0x9000);
    m.remove(0x3000, 0x4000);
    assertThat(m.regions()).containsExactly(r(0x1000, 0x3000), r(0x4000, 0x9000));
    assertThatThrownBy(() -> m.remove(0x2000, 0x5000))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG118");
          assertThat(e.reference()).isEqualTo("Internal error: attempting to remove region"
              + " [0x2000-0x5000) that is not currently covered");
        });
  }

  @Test
  void allocationAlignedAndBoundedBelow() {
    MicrokitRegions m = new MicrokitRegions();
    m.insert(0x1800, 0x10000);
    // 0x1800 rounded up to 4 KiB is 0x2000; 0x2000 + 0x1000 <= 0x10000
    assertThat(m.allocate(0x1000, 0x1000)).isEqualTo(0x2000);
    assertThat(m.regions()).containsExactly(r(0x1800, 0x2000), r(0x3000, 0x10000));
    // a 2 MiB-aligned 4 KiB page fits nowhere
    assertThat(m.allocate(0x1000, 0x200000)).isEqualTo(-1);
    // allocate_from takes the first region starting at or above the bound, from its base:
    // [0x1800, 0x2000) holds 0x800 exactly; with a bound of 0x2000, the next one
    assertThat(m.allocateFrom(0x800, 0x1000)).isEqualTo(0x1800);
    assertThat(m.allocateFrom(0x800, 0x2000)).isEqualTo(0x3000);
    assertThat(m.allocateFrom(0x100, 0x10000)).isEqualTo(-1);
  }

  @Test
  void blocksFollowAlignment() {
    // 0x8010000 is 64 KiB aligned: 64K, 128K ... 64M up to 0x10000000, then 256M (capped by
    // the alignment of 0x10000000) and 512M to 0x40000000: 13 blocks
    List<MemRegion> b = MicrokitRegions.blocks(r(0x8010000L, 0x40000000L),
        SyntheticMicrokitSdk.AARCH64_VBASE, 47);
    assertThat(b).hasSize(13);
    assertThat(b.get(0)).isEqualTo(r(0x8010000L, 0x8020000L));
    assertThat(b.get(10)).isEqualTo(r(0xc000000L, 0x10000000L));
    assertThat(b.get(11)).isEqualTo(r(0x10000000L, 0x20000000L));
    assertThat(b.get(12)).isEqualTo(r(0x20000000L, 0x40000000L));
    // at most 2^38 bytes on RISC-V: [0, 2^40) is four blocks of 2^38
    assertThat(MicrokitRegions.blocks(r(0, 1L << 40), SyntheticMicrokitSdk.RISCV_VBASE, 38))
        .containsExactly(r(0, 1L << 38), r(1L << 38, 2L << 38), r(2L << 38, 3L << 38),
            r(3L << 38, 4L << 38));
    // a RISC-V region ending at 2^38 ends at kernel virtual address 0 (wrapping): one block
    assertThat(MicrokitRegions.blocks(r(0x3f00000000L, 0x4000000000L),
        SyntheticMicrokitSdk.RISCV_VBASE, 38)).containsExactly(r(0x3f00000000L, 0x4000000000L));
  }

  MicrokitBoot boot(SyntheticMicrokitSdk.Board b) throws IOException {
    Path dir = SyntheticMicrokitSdk.write(tmp.resolve("sdk"), b, "debug");
    MicrokitKernelConfig k = GenConfig.read(dir.resolve("include/kernel/gen_config.json"))
        .kernelConfig("debug", ObjectSizes.read(dir.resolve("object_sizes.json")),
            AddressSpaceConstants.read(dir.resolve("address_space_constants.json")));
    return new MicrokitBoot(k, PlatformConfig.read(dir.resolve("platform_gen.json")),
        ElfFile.parse("sel4.elf", SyntheticMicrokitSdk.kernel(b)));
  }

  @Test
  void partialBootAndInitialTaskPlacement() throws IOException {
    MicrokitBoot boot = boot(SyntheticMicrokitSdk.Board.aarch64());
    // kernel image: paddr 0x40000000 to ki_end (+0x40000); boot region to ki_boot_end
    assertThat(boot.kernelImage()).isEqualTo(r(0x40000000L, 0x40040000L));
    MicrokitBoot.Partial p = boot.partial();
    assertThat(p.bootRegion()).isEqualTo(r(0x40000000L, 0x40020000L));
    assertThat(p.normal().regions()).containsExactly(r(0x40040000L, 0x80000000L));
    assertThat(p.device().regions()).hasSize(3);
    // the first free region at or above the boot region's end
    assertThat(boot.placeInitialTask(0x10000)).isEqualTo(0x40040000L);
    assertThat(boot.placeInitialTask(0x40000000L)).isEqualTo(-1);
  }

  @Test
  void fullBootOnAarch64() throws IOException {
    MicrokitBoot boot = boot(SyntheticMicrokitSdk.Board.aarch64());
    BootInfo bi = boot.boot(r(0x40040000L, 0x40050000L), r(0x200000L, 0x210000L));
    // the task's virtual region grows by the IPC buffer and boot info: [0x200000, 0x212000);
    // one table at each of 2^39, 2^30 and 2^21 maps it
    assertThat(bi.pagingCapCount()).isEqualTo(3);
    assertThat(bi.pageCapCount()).isEqualTo(18); // 0x12000 / 4 KiB
    assertThat(bi.fixedCapCount()).isEqualTo(16);
    assertThat(bi.schedControlCap()).isEqualTo(19); // 16 + 3
    // rootserver: 2^17 CNode + 2^11 TCB + 2 pages + ASID pool 4K + VSpace 4K + 3 tables
    // + 128 = 0x27880 bytes, 2^17-aligned, at the top of RAM:
    // round_down(0x80000000 - 0x27880, 0x20000) = 0x7ffc0000
    assertThat(boot.rootserverSize(r(0x200000L, 0x212000L))).isEqualTo(0x27880);
    List<UntypedObject> uts = bi.untypeds();
    long first = 16 + 3 + 1 + 18; // fixed + paging + sched control + pages = 38
    assertThat(uts.get(0).cap()).isEqualTo(first);
    // devices first: [0, 0x8000000) is one block, [0x8010000, 0x40000000) 13 (above), and
    // [0x80000000, 2^40) is 2^31 ... 2^39: 9 blocks
    List<UntypedObject> device = uts.stream().filter(UntypedObject::device).toList();
    assertThat(device).hasSize(1 + 13 + 9);
    assertThat(device.get(0).region()).isEqualTo(r(0, 0x8000000L));
    assertThat(device.get(22).region()).isEqualTo(r(1L << 39, 1L << 40));
    // then the boot region (one 128 KiB block), then normal memory: [0x40050000, 0x7ffc0000)
    // in 23 blocks and [0x7ffe7880, 0x80000000) in 6 (128 B, 256 B, 512 B, 1K, 32K, 64K)
    List<UntypedObject> normal = uts.subList(23, uts.size());
    assertThat(normal).allMatch(u -> !u.device());
    assertThat(normal.get(0).region()).isEqualTo(r(0x40000000L, 0x40020000L));
    assertThat(normal).hasSize(1 + 23 + 6);
    assertThat(normal.get(1).region()).isEqualTo(r(0x40050000L, 0x40060000L));
    assertThat(normal.get(23).region()).isEqualTo(r(0x7ff80000L, 0x7ffc0000L));
    assertThat(normal.get(24).region()).isEqualTo(r(0x7ffe7880L, 0x7ffe7900L));
    assertThat(normal.get(29).region()).isEqualTo(r(0x7fff0000L, 0x80000000L));
    assertThat(bi.firstAvailableCap()).isEqualTo(first + 53);
    // caps are consecutive
    for (int i = 0; i < uts.size(); i++) assertThat(uts.get(i).cap()).isEqualTo(first + i);
  }

  @Test
  void fullBootOnRiscv() throws IOException {
    MicrokitBoot boot = boot(SyntheticMicrokitSdk.Board.riscv64());
    // kernel [0x80200000, 0x80230000), boot region to 0x80210000; RAM [0x80000000, 0xa0000000)
    long phys = boot.placeInitialTask(0x8000);
    assertThat(phys).isEqualTo(0x80230000L);
    BootInfo bi = boot.boot(r(phys, phys + 0x8000), r(0x400000L, 0x408000L));
    // Sv39: one table at 2^30 and one at 2^21 for [0x400000, 0x40a000)
    assertThat(bi.pagingCapCount()).isEqualTo(2);
    assertThat(bi.pageCapCount()).isEqualTo(10);
    // rootserver: 2^17 + 2^10 TCB + 2 pages + 4K + 4K + 2 tables + 128 = 0x26480, put at
    // round_down(0xa0000000 - 0x26480, 2^17) = 0x9ffc0000
    assertThat(boot.rootserverSize(r(0x400000L, 0x40a000L))).isEqualTo(0x26480);
    List<UntypedObject> uts = bi.untypeds();
    // the device region [0, 0x80000000) is one 2^31 block
    assertThat(uts.get(0).region()).isEqualTo(r(0, 0x80000000L));
    assertThat(uts.get(0).device()).isTrue();
    assertThat(uts.get(0).cap()).isEqualTo(16 + 2 + 1 + 10);
    // boot region [0x80200000, 0x80210000) next, then RAM below the kernel first
    assertThat(uts.get(1).region()).isEqualTo(r(0x80200000L, 0x80210000L));
    assertThat(uts.get(2).region()).isEqualTo(r(0x80000000L, 0x80200000L));
    long normalBytes = uts.stream().filter(u -> !u.device()).mapToLong(u -> u.region().size())
        .sum();
    // all RAM except the kernel's non-boot part
    // (0x20000), the task (0x8000) and the rootserver objects (0x26480)
    assertThat(normalBytes).isEqualTo(0x20000000L - 0x20000 - 0x8000 - 0x26480);
  }

  @Test
  void kernelWithoutItsSymbols() throws IOException {
    MicrokitBoot ok = boot(SyntheticMicrokitSdk.Board.aarch64());
    byte[] k = new dev.cpkit.image.elf.ElfWriter(0xffffff8040000000L)
        .segment(1, 7, 0xffffff8040000000L, 0x40000000L, new byte[16], 0x1000)
        .symbol("ki_end", 0xffffff8040001000L, 0).toBytes();
    Path dir = tmp.resolve("sdk/board/virt_aarch64/debug");
    MicrokitKernelConfig cfg = GenConfig.read(dir.resolve("include/kernel/gen_config.json"))
        .kernelConfig("debug", ObjectSizes.read(dir.resolve("object_sizes.json")),
            AddressSpaceConstants.read(dir.resolve("address_space_constants.json")));
    assertThat(ok.kernelImage().base()).isEqualTo(0x40000000L);
    assertThatThrownBy(() -> new MicrokitBoot(cfg, PlatformConfig.read(
        dir.resolve("platform_gen.json")), ElfFile.parse("sel4.elf", k)))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG122");
          assertThat(e.reference()).isEqualTo("Could not find 'ki_boot_end' symbol");
        });
  }

  @Test
  void noRoomForTheRootserver() throws IOException {
    MicrokitBoot boot = boot(SyntheticMicrokitSdk.Board.aarch64());
    // the kernel is at the bottom of RAM and the task takes all RAM above it
    long phys = 0x40040000L;
    long size = 0x80000000L - phys;
    assertThatThrownBy(() -> boot.boot(r(phys, phys + size), r(0x400000L, 0x400000L + size)))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG119");
          assertThat(e.reference()).isEqualTo(
              "Couldn't find appropriate region for initial task kernel objects");
        });
  }
}
