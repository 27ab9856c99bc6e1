// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.fixture.SyntheticSdk;
import dev.cpkit.image.fixture.SyntheticSdk.Board;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The fork's Sv39 boot tables, entries worked out by hand. */
class RiscvBootTablesTest {
  @Test
  void indexesAndEntries() {
    // Sv39: level 1 indexes bits 30..38, level 2 bits 21..29
    assertThat(RiscvBootTables.index(3, 0x84000000L, 1)).isEqualTo(2);
    assertThat(RiscvBootTables.index(3, 0x84000000L, 2)).isEqualTo(0x20);
    assertThat(RiscvBootTables.index(3, 0xffffffc080200000L, 1)).isEqualTo(0x102);
    assertThat(RiscvBootTables.index(3, 0xffffffc080200000L, 2)).isEqualTo(1);
    // PPN at bit 10: 0x84001000 >> 12 = 0x84001, << 10 = 0x21000400
    assertThat(RiscvBootTables.ppn(0x84001000L)).isEqualTo(0x21000400L);
  }

  @Test
  void tablesInTheLoaderImage() {
    Board b = Board.riscvLike();
    ElfFile loader = ElfFile.parse("loader.elf", SyntheticSdk.riscvLoader(b));
    long v = b.loaderLink(); // 0x84000000; tables at +0x1000 (l1), +0x2000 (l2), +0x3000 (elf)
    byte[] image = RiscvBootTables.patch(new byte[0x4000], loader, v, 0xffffffc080200000L,
        0x80200000L, 3);
    ByteBuffer t = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    // l1[2] -> boot_lvl2_pt_elf (0x84003000): (0x84003 << 10) | V = 0x21000c01
    assertThat(t.getLong(0x1000 + 8 * 2)).isEqualTo(0x21000c01L);
    // l1[0x102] -> boot_lvl2_pt (0x84002000): 0x21000801
    assertThat(t.getLong(0x1000 + 8 * 0x102)).isEqualTo(0x21000801L);
    assertThat(t.getLong(0x1000)).isZero();
    // l2_elf[0x20] maps _text (0x84000000): (0x84000 << 10) | 0xcf = 0x210000cf, then 2 MiB
    // steps (0x800 << 10 = 0x200000 per PTE) up to entry 511
    assertThat(t.getLong(0x3000 + 8 * 0x1f)).isZero();
    assertThat(t.getLong(0x3000 + 8 * 0x20)).isEqualTo(0x210000cfL);
    assertThat(t.getLong(0x3000 + 8 * 0x21)).isEqualTo(0x210800cfL);
    assertThat(t.getLong(0x3000 + 8 * 511)).isEqualTo(0x210000cfL + (511 - 0x20) * 0x80000L);
    // l2[1] maps the kernel at 0x80200000: (0x80200 << 10) | 0xcf = 0x200800cf
    assertThat(t.getLong(0x2000)).isZero();
    assertThat(t.getLong(0x2000 + 8)).isEqualTo(0x200800cfL);
    assertThat(t.getLong(0x2000 + 16)).isEqualTo(0x201000cfL);
  }
}
