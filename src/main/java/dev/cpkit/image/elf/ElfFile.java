// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.elf;

import dev.cpkit.image.BuildException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A 64-bit little-endian ELF file as the reference tool sees it: program headers as segments
 * (with zero-filled memory images), one symbol table, the entry point. Our own small reader
 * (no dependency): the builder needs only these few fields, and every malformed input must
 * become a clear {@link BuildException} instead of an exception from a library.
 */
public final class ElfFile {
  /** Segments larger than this are refused: a real SDK or PD image is far smaller. */
  static final long MAX_SEGMENT = 1L << 30;

  private final String name;
  private final long entry;
  private final List<ElfSegment> segments;
  private final Map<String, long[]> symbols;
  private final Set<String> duplicated;

  private ElfFile(String name, long entry, List<ElfSegment> segments, Map<String, long[]> symbols,
      Set<String> duplicated) {
    this.name = name;
    this.entry = entry;
    this.segments = segments;
    this.symbols = symbols;
    this.duplicated = duplicated;
  }

  /** Parses {@code bytes}; {@code name} is used in messages. */
  public static ElfFile parse(String name, byte[] bytes) {
    try {
      return read(name, bytes);
    } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException
        | IllegalArgumentException e) {
      throw invalid(name, "it is truncated or a header points outside the file");
    }
  }

  private static ElfFile read(String name, byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 64 || b.getInt(0) != 0x464c457f) {
      throw invalid(name, "it does not start with the ELF magic number");
    }
    if (bytes[4] != 2) {
      throw invalid(name, "it is not a 64-bit ELF file (class " + bytes[4] + ")");
    }
    long entry = b.getLong(24);
    long phoff = b.getLong(32);
    long shoff = b.getLong(40);
    int phentsize = Short.toUnsignedInt(b.getShort(54));
    int phnum = Short.toUnsignedInt(b.getShort(56));
    int shentsize = Short.toUnsignedInt(b.getShort(58));
    int shnum = Short.toUnsignedInt(b.getShort(60));
    List<ElfSegment> segments = new ArrayList<>(phnum);
    for (int i = 0; i < phnum; i++) {
      int p = index(phoff + (long) i * phentsize, 56, bytes);
      int type = b.getInt(p);
      int flags = b.getInt(p + 4);
      long offset = b.getLong(p + 8);
      long vaddr = b.getLong(p + 16);
      long paddr = b.getLong(p + 24);
      long filesz = b.getLong(p + 32);
      long memsz = b.getLong(p + 40);
      if (Long.compareUnsigned(memsz, MAX_SEGMENT) > 0
          || Long.compareUnsigned(filesz, memsz) > 0) {
        throw invalid(name, "program header " + i + " has sizes filesz=0x"
            + Long.toHexString(filesz) + " memsz=0x" + Long.toHexString(memsz));
      }
      byte[] data = new byte[(int) memsz];
      System.arraycopy(bytes, index(offset, filesz, bytes), data, 0, (int) filesz);
      segments.add(new ElfSegment(type, paddr, vaddr, data, flags));
    }
    int symtab = -1;
    int strtab = -1;
    for (int i = 0; i < shnum; i++) {
      int s = index(shoff + (long) i * shentsize, 64, bytes);
      int type = b.getInt(s + 4);
      if (type == 3) strtab = i;
      if (type == 2) {
        if (symtab >= 0) throw invalid(name, "it has more than one symbol table");
        symtab = i;
      }
    }
    if (strtab < 0) throw invalid(name, "it has no string table section");
    if (symtab < 0) throw invalid(name, "it has no symbol table (was it stripped?)");
    int sym = index(shoff + (long) symtab * shentsize, 64, bytes);
    int symOff = index(b.getLong(sym + 24), b.getLong(sym + 32), bytes);
    long symSize = b.getLong(sym + 32);
    int link = b.getInt(sym + 40);
    if (link < 0 || link >= shnum) throw invalid(name, "its symbol table links to no section");
    int str = index(shoff + (long) link * shentsize, 64, bytes);
    int strOff = index(b.getLong(str + 24), b.getLong(str + 32), bytes);
    int strEnd = strOff + (int) b.getLong(str + 32);
    Map<String, long[]> symbols = new HashMap<>();
    Set<String> duplicated = new HashSet<>();
    for (long o = 0; o + 24 <= symSize; o += 24) {
      int e = symOff + (int) o;
      int nameIdx = b.getInt(e);
      String n = string(bytes, strOff + nameIdx, strEnd, name);
      long[] vs = {b.getLong(e + 8), b.getLong(e + 16)};
      if (symbols.putIfAbsent(n, vs) != null) duplicated.add(n);
    }
    return new ElfFile(name, entry, List.copyOf(segments), symbols, duplicated);
  }

  private static String string(byte[] bytes, int start, int end, String name) {
    if (start < 0 || start > end) throw invalid(name, "a symbol name lies outside its table");
    int i = start;
    while (i < end && bytes[i] != 0) i++;
    return new String(bytes, start, i - start, StandardCharsets.UTF_8);
  }

  private static int index(long offset, long length, byte[] bytes) {
    if (offset < 0 || length < 0 || offset > bytes.length || length > bytes.length - offset) {
      throw new IndexOutOfBoundsException();
    }
    return (int) offset;
  }

  private static BuildException invalid(String name, String why) {
    return BuildException.crash("IMG020", "'" + name + "' is not a usable ELF file: " + why,
        "sel4coreplat.elf.InvalidElf: " + why);
  }

  public String name() {
    return name;
  }

  public long entry() {
    return entry;
  }

  /** Every program header, in file order. */
  public List<ElfSegment> segments() {
    return segments;
  }

  public boolean hasSymbol(String symbol) {
    return symbols.containsKey(symbol);
  }

  /** {value, size} of a symbol; missing or duplicated names are errors, as in the reference. */
  public long[] symbol(String symbol) {
    long[] s = symbols.get(symbol);
    if (s == null) {
      throw BuildException.crash("IMG021", "'" + name + "' has no symbol '" + symbol + "'",
          "KeyError: 'No symbol named " + symbol + " found'");
    }
    if (duplicated.contains(symbol)) {
      throw BuildException.crash("IMG022", "'" + name + "' defines the symbol '" + symbol
          + "' more than once (a static variable of the same name in two objects?)",
          "Exception: Multiple symbols with name " + symbol);
    }
    return s;
  }

  /** The bytes of {@code [vaddr, vaddr+size)} from the first segment holding all of them. */
  public byte[] data(long vaddr, long size) {
    for (ElfSegment s : segments) {
      long off = s.offsetOf(vaddr, size);
      if (off >= 0) {
        byte[] out = new byte[(int) size];
        System.arraycopy(s.data(), (int) off, out, 0, (int) size);
        return out;
      }
    }
    throw BuildException.crash("IMG023", "'" + name + "': no segment holds the bytes at 0x"
        + Long.toHexString(vaddr) + " (0x" + Long.toHexString(size) + " bytes)",
        "Exception: Unable to find data for vaddr=0x" + Long.toHexString(vaddr) + " size=0x"
            + Long.toHexString(size));
  }

  /** The bytes of a symbol. */
  public byte[] symbolData(String symbol) {
    long[] s = symbol(symbol);
    return data(s[0], s[1]);
  }

  /**
   * Writes {@code bytes} at the start of a symbol in every segment that holds the whole
   * symbol; like the reference, a symbol in no segment is silently left alone.
   */
  public void writeSymbol(String symbol, byte[] bytes) {
    long[] s = symbol(symbol);
    if (bytes.length > s[1]) {
      throw BuildException.crash("IMG024", "'" + name + "': the value for '" + symbol + "' needs "
          + bytes.length + " bytes but the symbol has only " + s[1],
          "AssertionError");
    }
    for (ElfSegment seg : segments) {
      long off = seg.offsetOf(s[0], s[1]);
      if (off >= 0) System.arraycopy(bytes, 0, seg.data(), (int) off, bytes.length);
    }
  }

  /** A copy whose segment data can be patched without touching this one. */
  public ElfFile copy() {
    List<ElfSegment> segs = new ArrayList<>(segments.size());
    for (ElfSegment s : segments) segs.add(s.copy());
    return new ElfFile(name, entry, List.copyOf(segs), symbols, duplicated);
  }
}
