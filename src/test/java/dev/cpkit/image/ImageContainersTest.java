// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
import dev.cpkit.system.Board;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The three containers, field by field, against values worked out by hand. */
class ImageContainersTest {
  /** 300 bytes of a recognisable pattern standing for a loader image. */
  static final byte[] IMAGE = pattern(300);
  static final long LINK = 0x80200000L;

  static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (i * 7 + 3);
    return b;
  }

  static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  static ByteBuffer be(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
  }

  @Test
  void binaryIsTheImageItself() {
    byte[] out = ImageContainers.binary(IMAGE);
    assertThat(out).isEqualTo(IMAGE).isNotSameAs(IMAGE);
  }

  @Test
  void elfHeaderFieldByField() {
    byte[] e = ImageContainers.elf(IMAGE, LINK, LINK, ImageContainers.EM_RISCV);
    ByteBuffer b = le(e);
    // 64 (ELF header) + 56 (one program header) + 3 x 64 (section headers) = 312
    assertThat(ImageContainers.ELF_DATA_OFFSET).isEqualTo(312);
    assertThat(e).hasSize(312 + 300 + 1);
    assertThat(Arrays.copyOf(e, 16)).containsExactly(0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0,
        0, 0, 0, 0, 0);
    assertThat(b.getShort(16)).isEqualTo((short) 2); // ET_EXEC
    assertThat(b.getShort(18)).isEqualTo((short) 243); // EM_RISCV
    assertThat(b.getInt(20)).isEqualTo(1); // EV_CURRENT
    assertThat(b.getLong(24)).isEqualTo(LINK); // e_entry
    assertThat(b.getLong(32)).isEqualTo(64); // e_phoff
    assertThat(b.getLong(40)).isEqualTo(120); // e_shoff = 64 + 56
    assertThat(b.getInt(48)).isZero(); // e_flags
    assertThat(b.getShort(52)).isEqualTo((short) 64); // e_ehsize
    assertThat(b.getShort(54)).isEqualTo((short) 56); // e_phentsize
    assertThat(b.getShort(56)).isEqualTo((short) 1); // e_phnum
    assertThat(b.getShort(58)).isEqualTo((short) 64); // e_shentsize
    assertThat(b.getShort(60)).isEqualTo((short) 3); // e_shnum
    assertThat(b.getShort(62)).isEqualTo((short) 2); // e_shstrndx
  }

  @Test
  void elfProgramAndSectionHeaders() {
    byte[] e = ImageContainers.elf(IMAGE, LINK, LINK, ImageContainers.EM_AARCH64);
    ByteBuffer b = le(e);
    int ph = 64;
    assertThat(b.getInt(ph)).isEqualTo(1); // PT_LOAD
    assertThat(b.getInt(ph + 4)).isEqualTo(7); // R | W | X
    assertThat(b.getLong(ph + 8)).isEqualTo(312); // p_offset
    assertThat(b.getLong(ph + 16)).isEqualTo(LINK); // p_vaddr
    assertThat(b.getLong(ph + 24)).isEqualTo(LINK); // p_paddr
    assertThat(b.getLong(ph + 32)).isEqualTo(300); // p_filesz
    assertThat(b.getLong(ph + 40)).isEqualTo(300); // p_memsz
    assertThat(b.getLong(ph + 48)).isZero(); // p_align: Microkit leaves it 0
    int sh0 = 120;
    for (int i = 0; i < 64; i++) assertThat(e[sh0 + i]).as("null section byte %d", i).isZero();
    int sh1 = sh0 + 64;
    assertThat(b.getInt(sh1)).isZero(); // sh_name
    assertThat(b.getInt(sh1 + 4)).isEqualTo(1); // SHT_PROGBITS
    // ALLOC (2) | WRITE (1) | Microkit's SHF_EXECINSTR, which it defines as 3: 2|1|3 = 3
    assertThat(b.getLong(sh1 + 8)).isEqualTo(3);
    assertThat(b.getLong(sh1 + 16)).isEqualTo(LINK); // sh_addr
    assertThat(b.getLong(sh1 + 24)).isEqualTo(312); // sh_offset
    assertThat(b.getLong(sh1 + 32)).isEqualTo(300); // sh_size
    assertThat(b.getLong(sh1 + 40)).isZero(); // link, info
    assertThat(b.getLong(sh1 + 48)).isZero(); // addralign
    assertThat(b.getLong(sh1 + 56)).isZero(); // entsize
    int sh2 = sh1 + 64;
    assertThat(b.getInt(sh2 + 4)).isEqualTo(3); // SHT_STRTAB
    assertThat(b.getLong(sh2 + 8)).isZero();
    assertThat(b.getLong(sh2 + 16)).isZero();
    assertThat(b.getLong(sh2 + 24)).isEqualTo(312 + 300); // the NUL byte after the image
    assertThat(b.getLong(sh2 + 32)).isEqualTo(1);
    assertThat(Arrays.copyOfRange(e, 312, 612)).isEqualTo(IMAGE);
    assertThat(e[612]).isZero();
  }

  @Test
  void elfReadsBackWithCpkitsOwnReader() {
    byte[] e = ImageContainers.elf(IMAGE, LINK, LINK + 0x40, ImageContainers.EM_AARCH64);
    // ElfFile insists on a symbol table, which Microkit's wrapper does not have: read a copy
    // with an empty one added at the end (headers and data untouched)
    ElfFile f = ElfFile.parse("loader.elf", withEmptySymbolTable(e));
    assertThat(f.entry()).isEqualTo(LINK + 0x40);
    assertThat(f.segments()).hasSize(1);
    ElfSegment s = f.segments().get(0);
    assertThat(s.loadable()).isTrue();
    assertThat(s.vaddr()).isEqualTo(LINK);
    assertThat(s.paddr()).isEqualTo(LINK);
    assertThat(s.readable() && s.writable() && s.executable()).isTrue();
    assertThat(s.data()).isEqualTo(IMAGE);
    // and without the help, the reader's refusal is the one about the symbol table
    assertThatThrownBy(() -> ElfFile.parse("loader.elf", e))
        .hasMessageContaining("no symbol table");
  }

  /** Appends a section header table of four: the wrapper's three and an empty SHT_SYMTAB. */
  static byte[] withEmptySymbolTable(byte[] e) {
    int shoff = e.length;
    byte[] out = Arrays.copyOf(e, e.length + 4 * 64);
    System.arraycopy(e, 120, out, shoff, 3 * 64);
    ByteBuffer b = le(out);
    int sym = shoff + 3 * 64;
    b.putInt(sym + 4, 2); // SHT_SYMTAB
    b.putLong(sym + 24, 0); // offset
    b.putLong(sym + 32, 0); // size: no symbols
    b.putInt(sym + 40, 2); // link: the string table
    b.putLong(40, shoff);
    b.putShort(60, (short) 4);
    return out;
  }

  @Test
  void uimageHeaderFieldByField() {
    long entry = 0x80200000L;
    byte[] u = ImageContainers.uimage(IMAGE, entry, entry);
    ByteBuffer h = be(u);
    // 64-byte uImage header + 64-byte Linux RISC-V header + the image
    assertThat(u).hasSize(64 + 64 + 300);
    assertThat(h.getInt(0)).isEqualTo(0x27051956);
    assertThat(h.getInt(8)).isZero(); // time
    assertThat(h.getInt(12)).isEqualTo(364); // data size: 64 + 300
    assertThat(h.getInt(16)).isEqualTo(0x801fffc0); // load: entry - 64
    assertThat(h.getInt(20)).isEqualTo(0x80200000); // entry point
    assertThat(u[28]).isEqualTo((byte) 5); // IH_OS_LINUX
    assertThat(u[29]).isEqualTo((byte) 26); // IH_ARCH_RISCV
    assertThat(u[30]).isEqualTo((byte) 2); // IH_TYPE_KERNEL
    assertThat(u[31]).isEqualTo((byte) 0); // IH_COMP_NONE
    byte[] name = Arrays.copyOfRange(u, 32, 64);
    byte[] expected = Arrays.copyOf("seL4 Microkit".getBytes(StandardCharsets.US_ASCII), 32);
    assertThat(name).isEqualTo(expected);
  }

  @Test
  void uimageCrcsMatchZlibAndTheBitwiseDefinition() {
    byte[] u = ImageContainers.uimage(IMAGE, LINK, LINK);
    ByteBuffer h = be(u);
    byte[] data = Arrays.copyOfRange(u, 64, u.length);
    CRC32 c = new CRC32();
    c.update(data);
    assertThat(h.getInt(24)).isEqualTo((int) c.getValue());
    assertThat(h.getInt(24)).isEqualTo(bitwiseCrc(data));
    byte[] header = Arrays.copyOf(u, 64);
    be(header).putInt(4, 0); // the header CRC covers the header with that field zero
    CRC32 hc = new CRC32();
    hc.update(header);
    assertThat(h.getInt(4)).isEqualTo((int) hc.getValue());
    assertThat(h.getInt(4)).isEqualTo(bitwiseCrc(header));
    // the check value of CRC-32 (IEEE) is 0xCBF43926 for "123456789"
    assertThat(ImageContainers.crc32("123456789".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(0xcbf43926);
  }

  /**
   * CRC-32 (IEEE 802.3) from its textbook definition, one bit at a time with the reflected
   * polynomial 0xedb88320: an independent check of the table-free and zlib results.
   */
  static int bitwiseCrc(byte[] bytes) {
    int crc = 0xffffffff;
    for (byte x : bytes) {
      crc ^= x & 0xff;
      for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    }
    return ~crc;
  }

  @Test
  void uimageLinuxHeaderFieldByField() {
    byte[] u = ImageContainers.uimage(IMAGE, LINK, LINK);
    ByteBuffer l = le(u);
    int o = 64;
    assertThat(l.getInt(o)).isZero(); // code0
    assertThat(l.getInt(o + 4)).isZero(); // code1
    assertThat(l.getLong(o + 8)).isZero(); // text_offset
    assertThat(l.getLong(o + 16)).isEqualTo(300); // image_size: the loader, header excluded
    assertThat(l.getLong(o + 24)).isZero(); // flags: little-endian
    assertThat(l.getInt(o + 32)).isEqualTo(2); // version 0.2
    assertThat(l.getInt(o + 36)).isZero();
    assertThat(l.getLong(o + 40)).isZero();
    // magic "RISCV" and magic2 "RSC\x05", as bytes
    assertThat(Arrays.copyOfRange(u, o + 48, o + 56)).containsExactly('R', 'I', 'S', 'C', 'V',
        0, 0, 0);
    assertThat(Arrays.copyOfRange(u, o + 56, o + 60)).containsExactly('R', 'S', 'C', 5);
    assertThat(l.getInt(o + 60)).isZero();
    assertThat(Arrays.copyOfRange(u, 128, u.length)).isEqualTo(IMAGE);
  }

  @Test
  void uimageRefusesAddressesAbove4GiB() {
    assertThatThrownBy(() -> ImageContainers.uimage(IMAGE, 0x100000000L, 0x100000000L))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG115");
          assertThat(e.reference()).isEqualTo(
              "Loader link address 0x100000000 cannot be above 4G for uImage.");
        });
    assertThatThrownBy(() -> ImageContainers.uimage(IMAGE, 0x20, 0x20))
        .hasMessageContaining("64-byte header");
    // 0xffffffff itself fits in 32 bits
    assertThat(ImageContainers.uimage(IMAGE, 0xffffffffL, 0xffffffffL)).hasSize(428);
  }

  @Test
  void typesDefaultsAndRefusalsAreMicrokits() {
    assertThat(ImageType.defaultFor(Board.Arch.AARCH64, "zcu102")).isEqualTo(ImageType.BINARY);
    assertThat(ImageType.defaultFor(Board.Arch.RISCV64, "qemu_virt_riscv64"))
        .isEqualTo(ImageType.UIMAGE);
    assertThat(ImageType.defaultFor(Board.Arch.RISCV64, "cheshire")).isEqualTo(ImageType.ELF);
    assertThat(ImageType.defaultFor(Board.Arch.X86_64, "x86_64_generic"))
        .isEqualTo(ImageType.ELF);
    assertThat(ImageType.resolve(ImageType.ELF, Board.Arch.AARCH64, "zcu102"))
        .isEqualTo(ImageType.ELF);
    assertThatThrownBy(() -> ImageType.resolve(ImageType.UIMAGE, Board.Arch.AARCH64, "zcu102"))
        .isInstanceOfSatisfying(BuildException.class, e -> {
          assertThat(e.code()).isEqualTo("IMG113");
          assertThat(e.isUsage()).isTrue();
          assertThat(e.reference()).isEqualTo("microkit: error: building the output image as"
              + " 'uimage' is unsupported for target architecture 'AArch64'");
        });
    assertThatThrownBy(() -> ImageType.resolve(ImageType.BINARY, Board.Arch.X86_64, "x"))
        .hasMessageContaining("x86-64");
    assertThatThrownBy(() -> ImageType.parse("srec"))
        .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.reference())
            .isEqualTo("microkit: error: argument --image-type: unknown parameter 'srec'"));
    assertThat(ImageType.parse("uimage")).isEqualTo(ImageType.UIMAGE);
  }

  @Test
  void wrapDispatches() {
    assertThat(ImageContainers.wrap(ImageType.BINARY, IMAGE, LINK, LINK, Board.Arch.AARCH64,
        ImageContainers.EM_AARCH64)).isEqualTo(IMAGE);
    assertThat(ImageContainers.wrap(ImageType.UIMAGE, IMAGE, LINK, LINK, Board.Arch.RISCV64,
        ImageContainers.EM_RISCV)).isEqualTo(ImageContainers.uimage(IMAGE, LINK, LINK));
    assertThatThrownBy(() -> ImageContainers.wrap(ImageType.UIMAGE, IMAGE, LINK, LINK,
        Board.Arch.AARCH64, ImageContainers.EM_AARCH64)).hasMessageContaining("RISC-V only");
    assertThat(ImageContainers.wrap(ImageType.ELF, IMAGE, LINK, LINK, Board.Arch.AARCH64,
        ImageContainers.EM_AARCH64))
        .isEqualTo(ImageContainers.elf(IMAGE, LINK, LINK, ImageContainers.EM_AARCH64));
  }
}
