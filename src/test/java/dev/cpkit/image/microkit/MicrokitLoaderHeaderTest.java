// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpkit.image.BuildException;
import dev.cpkit.image.MemRegion;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
import dev.cpkit.image.elf.ElfWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 8-word header, the region table and the assembled image, field by field. */
class MicrokitLoaderHeaderTest {
  static final SyntheticMicrokitSdk.Board ARM = SyntheticMicrokitSdk.Board.aarch64();
  // the kernel: one segment of 0x40000 bytes (0x1000 from the file, the rest zero) at
  // 0x40000000; entry = its virtual address 0xffffff8040000000
  static final ElfFile KERNEL = ElfFile.parse("sel4.elf", SyntheticMicrokitSdk.kernel(ARM));
  // the initialiser: text 0x5000 bytes at 0x400000, data 0x2800 bytes at 0x405000
  static final ElfFile TASK = ElfFile.parse("initialiser.elf",
      SyntheticMicrokitSdk.program(0x400000, 0x5000, 0x2800, 3));
  static final MemRegion TASK_VIRT = new MemRegion(0x400000, 0x408000);
  static final long TASK_PHYS = 0x40040000L;

  @Test
  void regionsInMicrokitsOrder() {
    List<MicrokitLoaderHeader.Region> rs = MicrokitLoaderHeader.regions(KERNEL, TASK, TASK_PHYS,
        TASK_VIRT);
    assertThat(rs).hasSize(3);
    assertThat(rs.get(0).loadAddress()).isEqualTo(0x40000000L);
    assertThat(rs.get(0).data()).hasSize(0x40000);
    // task segments at phys base + (vaddr - 0x400000)
    assertThat(rs.get(1).loadAddress()).isEqualTo(0x40040000L);
    assertThat(rs.get(1).data()).hasSize(0x5000);
    assertThat(rs.get(2).loadAddress()).isEqualTo(0x40045000L);
    assertThat(rs.get(2).data()).hasSize(0x2800);
  }

  @Test
  void headerFieldByField() {
    List<MicrokitLoaderHeader.Region> rs = MicrokitLoaderHeader.regions(KERNEL, TASK, TASK_PHYS,
        TASK_VIRT);
    MicrokitLoaderHeader.Header h = MicrokitLoaderHeader.header(KERNEL.entry(), TASK_PHYS,
        TASK_VIRT, TASK.entry(), rs);
    ByteBuffer b = ByteBuffer.wrap(h.toBytes()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.capacity()).isEqualTo(64);
    assertThat(b.getLong(0)).isEqualTo(0x5e14dead14de5eadL);
    // size = 64 + 3 x 32 + 0x40000 + 0x5000 + 0x2800 = 0xa0 + 0x47800 = 0x478a0
    assertThat(b.getLong(8)).isEqualTo(0x478a0L);
    assertThat(b.getLong(16)).isEqualTo(0xffffff8040000000L); // kernel entry
    assertThat(b.getLong(24)).isEqualTo(0x40040000L); // ui_p_reg_start
    assertThat(b.getLong(32)).isEqualTo(0x40048000L); // + 0x8000
    assertThat(b.getLong(40)).isEqualTo(0x40040000L - 0x400000L); // pv_offset
    assertThat(b.getLong(48)).isEqualTo(0x400000L); // the initialiser's entry
    assertThat(b.getLong(56)).isEqualTo(3);
  }

  @Test
  void pvOffsetWrapsWhenTheTaskIsLinkedAboveItsPhysicalAddress() {
    MicrokitLoaderHeader.Header h = MicrokitLoaderHeader.header(0, 0x1000, new MemRegion(
        0x5000, 0x6000), 0x5000, List.of());
    // 0x1000 - 0x5000 = -0x4000 as a u64
    assertThat(h.pvOffset()).isEqualTo(0xffffffffffffc000L);
    assertThat(h.size()).isEqualTo(64);
  }

  @Test
  void regionTableAndImage() {
    byte[] a = {1, 2, 3};
    byte[] c = {9, 9, 9, 9, 9};
    List<MicrokitLoaderHeader.Region> rs = List.of(new MicrokitLoaderHeader.Region(0x1000, a),
        new MicrokitLoaderHeader.Region(0x3000, c));
    ByteBuffer t = ByteBuffer.wrap(MicrokitLoaderHeader.regionTable(rs))
        .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(t.capacity()).isEqualTo(64);
    assertThat(new long[] {t.getLong(0), t.getLong(8), t.getLong(16), t.getLong(24)})
        .containsExactly(0x1000, 3, 0, 1);
    // the second region's data starts after the first's 3 bytes
    assertThat(new long[] {t.getLong(32), t.getLong(40), t.getLong(48), t.getLong(56)})
        .containsExactly(0x3000, 5, 3, 1);
    byte[] loader = {7, 7, 7, 7};
    MicrokitLoaderHeader.Header h = MicrokitLoaderHeader.header(0xaa, 0x3000,
        new MemRegion(0x400000, 0x401000), 0x400000, rs);
    byte[] img = MicrokitLoaderHeader.image(loader, 0x8000, h, rs);
    // 4 (loader) + 64 (header) + 64 (table) + 3 + 5
    assertThat(img).hasSize(140);
    assertThat(Arrays.copyOf(img, 4)).isEqualTo(loader);
    assertThat(Arrays.copyOfRange(img, 4, 68)).isEqualTo(h.toBytes());
    assertThat(ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).getLong(4 + 8))
        .isEqualTo(64 + 64 + 8); // size
    assertThat(Arrays.copyOfRange(img, 132, 135)).isEqualTo(a);
    assertThat(Arrays.copyOfRange(img, 135, 140)).isEqualTo(c);
  }

  @Test
  void overlapsAreRefusedTheLoaderIncluded() {
    List<MicrokitLoaderHeader.Region> rs = List.of(new MicrokitLoaderHeader.Region(0x1000,
        new byte[0x100]));
    MicrokitLoaderHeader.Header h = MicrokitLoaderHeader.header(0, 0x1000,
        new MemRegion(0, 0x100), 0, rs);
    assertThatThrownBy(() -> MicrokitLoaderHeader.image(new byte[0x20], 0x10f0, h, rs))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG123");
          assertThat(e.reference()).isEqualTo("Overlapping regions: [10f0..1110) overlaps"
              + " [1000..1100)");
        });
    // touching is fine
    assertThat(MicrokitLoaderHeader.image(new byte[0x20], 0x1100, h, rs)).hasSize(0x20 + 64
        + 32 + 0x100);
  }

  @Test
  void kernelSegmentsMustShareOneOffset() {
    byte[] k = new ElfWriter(0xffffff8040000000L)
        .segment(ElfSegment.PT_LOAD, 7, 0xffffff8040000000L, 0x40000000L, new byte[16], 16)
        .segment(ElfSegment.PT_LOAD, 7, 0xffffff8040100000L, 0x40200000L, new byte[16], 16)
        .symbol("ki_end", 0, 0).toBytes();
    assertThatThrownBy(() -> MicrokitLoaderHeader.regions(ElfFile.parse("k", k), TASK, 0,
        TASK_VIRT)).isInstanceOfSatisfying(BuildException.class, e ->
            assertThat(e.code()).isEqualTo("IMG124"));
  }
}
