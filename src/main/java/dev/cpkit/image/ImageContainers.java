// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.system.Board;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Wraps finished loader image bytes in the containers Microkit 2.x writes
 * ({@code loader.rs#write_image/write_elf/write_uimage}, {@code elf.rs#reserialise},
 * {@code uimage.rs}), laid out as that source lays them out. Independent of how the image was
 * built: the sel4cp builder's {@code loader.img} can be wrapped the same way.
 *
 * <p>The load address is where the first byte of the image goes, the entry where execution
 * starts. Microkit always has them equal (it refuses a loader whose entry is not its first
 * byte, as sel4cp does), and then the layout is exactly Microkit's.
 */
public final class ImageContainers {
  /** ELF machine numbers ({@code e_machine}); Microkit copies the kernel ELF's. */
  public static final int EM_AARCH64 = 183;
  public static final int EM_RISCV = 243;
  public static final int EM_X86_64 = 62;

  /** Sizes of the ELF wrapper's parts: header, one program header, three section headers. */
  static final int EHDR = 64;
  static final int PHDR = 56;
  static final int SHDR = 64;
  /** Where the image starts in the ELF wrapper: after all the headers. */
  public static final int ELF_DATA_OFFSET = EHDR + PHDR + 3 * SHDR;

  /** U-Boot legacy image header ({@code include/image.h}) and its fields as Microkit sets them. */
  public static final int UIMAGE_HEADER = 64;
  public static final int IH_MAGIC = 0x27051956;
  public static final int IH_OS_LINUX = 5;
  public static final int IH_ARCH_RISCV = 26;
  public static final int IH_TYPE_KERNEL = 2;
  public static final int IH_COMP_NONE = 0;
  public static final String UIMAGE_NAME = "seL4 Microkit";
  /** The Linux RISC-V image header Microkit puts before the loader inside the uImage. */
  public static final int LINUX_RISCV_HEADER = 64;
  public static final long LINUX_RISCV_MAGIC = 0x5643534952L; // "RISCV", little-endian
  public static final int LINUX_RISCV_MAGIC2 = 0x05435352; // "RSC\x05", little-endian
  public static final int LINUX_RISCV_VERSION = 2; // 0.2

  private ImageContainers() {}

  /**
   * The image in {@code type}'s container; resolve a missing {@code --image-type} to the
   * board's default with {@link ImageType#resolve} first. {@code arch} decides whether the
   * type is allowed (IMG113); {@code machine} is the ELF wrapper's {@code e_machine}.
   */
  public static byte[] wrap(ImageType type, byte[] image, long loadAddress, long entry,
      Board.Arch arch, int machine) {
    ImageType t = ImageType.resolve(java.util.Objects.requireNonNull(type, "type"), arch, "");
    return switch (t) {
      case BINARY -> binary(image);
      case ELF -> elf(image, loadAddress, entry, machine);
      case UIMAGE -> uimage(image, loadAddress, entry);
    };
  }

  /** The raw image, as {@code loader.img} always was: a copy of the bytes. */
  public static byte[] binary(byte[] image) {
    return image.clone();
  }

  /**
   * A minimal executable ELF64 (little-endian) holding the image as one read-write-execute
   * PT_LOAD at {@code loadAddress} (virtual = physical), entry {@code entry}, as Microkit's
   * {@code reserialise} lays it out: header, program header, three section headers (null,
   * PROGBITS over the image, a one-byte string table), the image, a NUL byte. Fields Microkit
   * leaves at zero (alignment, section names, flags) are zero. Its section flags are 3
   * (WRITE|ALLOC): Microkit defines SHF_EXECINSTR as 3 instead of 4, so the execute bit is
   * lost in the section header; the program header has all of R, W and X.
   */
  public static byte[] elf(byte[] image, long loadAddress, long entry, int machine) {
    long size = image.length;
    ByteBuffer b = ByteBuffer.allocate(ELF_DATA_OFFSET + image.length + 1)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    b.putShort((short) 2) // ET_EXEC
        .putShort((short) machine)
        .putInt(1)
        .putLong(entry)
        .putLong(EHDR) // phoff
        .putLong(EHDR + PHDR) // shoff
        .putInt(0)
        .putShort((short) EHDR)
        .putShort((short) PHDR)
        .putShort((short) 1) // phnum
        .putShort((short) SHDR)
        .putShort((short) 3) // shnum: null, the image, the string table
        .putShort((short) 2); // shstrndx
    b.putInt(1) // PT_LOAD
        .putInt(7) // PF_R | PF_W | PF_X
        .putLong(ELF_DATA_OFFSET)
        .putLong(loadAddress)
        .putLong(loadAddress)
        .putLong(size)
        .putLong(size)
        .putLong(0);
    b.put(new byte[SHDR]);
    section(b, 1, 3, loadAddress, ELF_DATA_OFFSET, size);
    section(b, 3, 0, 0, ELF_DATA_OFFSET + size, 1);
    b.put(image);
    b.put((byte) 0);
    return b.array();
  }

  private static void section(ByteBuffer b, int type, long flags, long addr, long offset,
      long size) {
    b.putInt(0).putInt(type).putLong(flags).putLong(addr).putLong(offset).putLong(size)
        .putInt(0).putInt(0).putLong(0).putLong(0);
  }

  /**
   * A U-Boot legacy uImage for RISC-V, as Microkit writes it: Microkit presents the loader as
   * a Linux kernel (so that U-Boot passes the hart id in a0), so the data is a 64-byte Linux
   * RISC-V image header followed by the image, loaded 64 bytes below {@code loadAddress} so
   * that the image lands where it is linked. The 64-byte big-endian header has time 0, its own
   * CRC-32 computed with the CRC field zero, the data's CRC-32, os Linux (5), arch RISC-V
   * (26), type kernel (2), no compression (0) and the name "seL4 Microkit" NUL-padded to 32
   * bytes. Addresses must fit in 32 bits (IMG115).
   */
  public static byte[] uimage(byte[] image, long loadAddress, long entry) {
    if (Long.compareUnsigned(entry, 0xffffffffL) > 0
        || Long.compareUnsigned(loadAddress, 0xffffffffL) > 0) {
      throw BuildException.user("IMG115", "a uImage needs the loader below 4 GiB, but it is"
          + " linked at 0x" + Long.toHexString(loadAddress) + " (entry 0x"
          + Long.toHexString(entry) + ")", "Loader link address 0x" + Long.toHexString(entry)
          + " cannot be above 4G for uImage.");
    }
    if (loadAddress < LINUX_RISCV_HEADER) {
      // Microkit's u32 subtraction would underflow here (a panic in a debug build)
      throw BuildException.user("IMG115", "a uImage puts a 64-byte header below the loader,"
          + " which is linked at 0x" + Long.toHexString(loadAddress), null);
    }
    ByteBuffer data = ByteBuffer.allocate(LINUX_RISCV_HEADER + image.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    data.putInt(0) // code0
        .putInt(0) // code1
        .putLong(0) // text_offset
        .putLong(image.length) // image_size: the loader alone
        .putLong(0) // flags: little-endian kernel
        .putInt(LINUX_RISCV_VERSION)
        .putInt(0) // res1
        .putLong(0) // res2
        .putLong(LINUX_RISCV_MAGIC)
        .putInt(LINUX_RISCV_MAGIC2)
        .putInt(0); // res3
    data.put(image);
    byte[] payload = data.array();

    ByteBuffer h = ByteBuffer.allocate(UIMAGE_HEADER).order(ByteOrder.BIG_ENDIAN);
    h.putInt(IH_MAGIC)
        .putInt(0) // header CRC, filled in below
        .putInt(0) // time: 0, for reproducible images
        .putInt(payload.length)
        .putInt((int) (loadAddress - LINUX_RISCV_HEADER))
        .putInt((int) entry)
        .putInt(crc32(payload))
        .put((byte) IH_OS_LINUX)
        .put((byte) IH_ARCH_RISCV)
        .put((byte) IH_TYPE_KERNEL)
        .put((byte) IH_COMP_NONE)
        .put(UIMAGE_NAME.getBytes(StandardCharsets.US_ASCII));
    byte[] header = h.array();
    ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN).putInt(4, crc32(header));

    byte[] out = new byte[UIMAGE_HEADER + payload.length];
    System.arraycopy(header, 0, out, 0, UIMAGE_HEADER);
    System.arraycopy(payload, 0, out, UIMAGE_HEADER, payload.length);
    return out;
  }

  /** The CRC-32 U-Boot uses (IEEE 802.3, reflected, as in zlib). */
  static int crc32(byte[] bytes) {
    CRC32 c = new CRC32();
    c.update(bytes);
    return (int) c.getValue();
  }
}
