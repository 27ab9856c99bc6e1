// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The containers on random images and addresses: what goes in comes back out. */
class ImageContainersProperties {
  @Property(tries = 200)
  void elfWrapperReadsBack(@ForAll @Size(max = 5000) byte[] image, @ForAll long load,
      @ForAll @IntRange(min = 0, max = 0xfff) int entryOffset) {
    long entry = load + entryOffset;
    byte[] e = ImageContainers.elf(image, load, entry, ImageContainers.EM_AARCH64);
    assertThat(e).hasSize(ImageContainers.ELF_DATA_OFFSET + image.length + 1);
    ElfFile f = ElfFile.parse("w", ImageContainersTest.withEmptySymbolTable(e));
    assertThat(f.entry()).isEqualTo(entry);
    ElfSegment s = f.segments().get(0);
    assertThat(s.vaddr()).isEqualTo(load);
    assertThat(s.paddr()).isEqualTo(load);
    assertThat(s.data()).isEqualTo(image);
  }

  @Property(tries = 200)
  void uimageCarriesTheImageAndValidCrcs(@ForAll @Size(max = 5000) byte[] image,
      @ForAll @LongRange(min = 64, max = 0xffffffffL) long load) {
    byte[] u = ImageContainers.uimage(image, load, load);
    ByteBuffer h = ByteBuffer.wrap(u).order(ByteOrder.BIG_ENDIAN);
    assertThat(Arrays.copyOfRange(u, 128, u.length)).isEqualTo(image);
    assertThat(h.getInt(12)).isEqualTo(64 + image.length);
    assertThat(Integer.toUnsignedLong(h.getInt(16))).isEqualTo(load - 64);
    CRC32 data = new CRC32();
    data.update(u, 64, u.length - 64);
    assertThat(h.getInt(24)).isEqualTo((int) data.getValue());
    byte[] header = Arrays.copyOf(u, 64);
    Arrays.fill(header, 4, 8, (byte) 0);
    CRC32 hc = new CRC32();
    hc.update(header);
    assertThat(h.getInt(4)).isEqualTo((int) hc.getValue());
  }
}
