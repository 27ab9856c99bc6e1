// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small 64-bit little-endian AArch64 ELF executables: program headers with their file
 * bytes, a symbol table, its string table and a section-name table. Enough for the synthetic
 * SDKs that tests and benchmarks use in place of a real seL4 build, and for dumping patched
 * images for inspection.
 */
public final class ElfWriter {
  private final long entry;
  private final List<Segment> segments = new ArrayList<>();
  private final List<Symbol> symbols = new ArrayList<>();
  private short machine = 183;

  /** A program header: {@code file} bytes, zero-extended to {@code memsz} when loaded. */
  public record Segment(int type, int flags, long vaddr, long paddr, byte[] file, long memsz) {}

  /** A symbol: name, value (address) and size. */
  public record Symbol(String name, long value, long size) {}

  public ElfWriter(long entry) {
    this.entry = entry;
  }

  public ElfWriter segment(int type, int flags, long vaddr, long paddr, byte[] file, long memsz) {
    segments.add(new Segment(type, flags, vaddr, paddr, file, memsz));
    return this;
  }

  /** The e_machine field: 183 (EM_AARCH64) unless set, e.g. 243 (EM_RISCV). */
  public ElfWriter machine(int m) {
    machine = (short) m;
    return this;
  }

  public ElfWriter symbol(String name, long value, long size) {
    symbols.add(new Symbol(name, value, size));
    return this;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream strtab = new ByteArrayOutputStream();
    strtab.write(0);
    ByteBuffer symtab = le(24 * (symbols.size() + 1));
    symtab.position(24); // symbol 0 is the null symbol
    for (Symbol s : symbols) {
      symtab.putInt(strtab.size()).put((byte) 0x11).put((byte) 0).putShort((short) 1)
          .putLong(s.value()).putLong(s.size());
      strtab.writeBytes(s.name().getBytes(StandardCharsets.UTF_8));
      strtab.write(0);
    }
    byte[] shstrtab = "\0.symtab\0.strtab\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);

    long offset = 64 + 56L * segments.size();
    long[] segOffsets = new long[segments.size()];
    for (int i = 0; i < segments.size(); i++) {
      offset = align(offset, 16);
      segOffsets[i] = offset;
      offset += segments.get(i).file().length;
    }
    long symOff = align(offset, 8);
    long strOff = symOff + symtab.capacity();
    long shstrOff = strOff + strtab.size();
    long shOff = align(shstrOff + shstrtab.length, 8);
    ByteBuffer out = le((int) (shOff + 64 * 4));

    out.putInt(0x464c457f).put((byte) 2).put((byte) 1).put((byte) 1);
    out.position(16);
    out.putShort((short) 2).putShort(machine).putInt(1).putLong(entry).putLong(64)
        .putLong(shOff).putInt(0).putShort((short) 64).putShort((short) 56)
        .putShort((short) segments.size()).putShort((short) 64).putShort((short) 4)
        .putShort((short) 3);
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      out.position(64 + 56 * i);
      out.putInt(s.type()).putInt(s.flags()).putLong(segOffsets[i]).putLong(s.vaddr())
          .putLong(s.paddr()).putLong(s.file().length).putLong(s.memsz()).putLong(0x1000);
      out.position((int) segOffsets[i]);
      out.put(s.file());
    }
    out.position((int) symOff);
    out.put(symtab.array());
    out.put(strtab.toByteArray());
    out.put(shstrtab);
    out.position((int) shOff + 64); // section 0 is the null section
    section(out, 1, 2, symOff, symtab.capacity(), 2, 24);
    section(out, 9, 3, strOff, strtab.size(), 0, 0);
    section(out, 17, 3, shstrOff, shstrtab.length, 0, 0);
    return out.array();
  }

  private static void section(ByteBuffer out, int name, int type, long off, long size, int link,
      long entsize) {
    out.putInt(name).putInt(type).putLong(0).putLong(0).putLong(off).putLong(size).putInt(link)
        .putInt(0).putLong(8).putLong(entsize);
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static long align(long v, long a) {
    return (v + a - 1) & -a;
  }
}
