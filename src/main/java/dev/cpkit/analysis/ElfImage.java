// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The loadable segments of a PD's program image: what the image occupies in the PD's address
 * space, so that maps can be checked against it. Only the ELF and program headers are read.
 */
public record ElfImage(Path path, List<Segment> segments) {
  private static final int PT_LOAD = 1;

  public ElfImage {
    segments = List.copyOf(segments);
  }

  /** A PT_LOAD segment {@code [vaddr, vaddr + memsz)} with its flags (rwx letters). */
  public record Segment(long vaddr, long memsz, String flags) {
    public long end() {
      return vaddr + memsz;
    }
  }

  /** Total bytes of memory the segments need, each rounded out to 4 KiB pages. */
  public long pagedBytes() {
    long total = 0;
    for (Segment s : segments) {
      long start = s.vaddr() & ~0xfffL;
      long end = (s.end() + 0xfff) & ~0xfffL;
      total += end - start;
    }
    return total;
  }

  /** Reads an ELF64 file; throws IOException with a message when it is not one. */
  public static ElfImage read(Path path) throws IOException {
    byte[] bytes;
    try (var in = Files.newInputStream(path)) {
      bytes = in.readNBytes(1 << 20);
    }
    if (bytes.length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L'
        || bytes[3] != 'F') {
      throw new IOException("not an ELF file");
    }
    if (bytes[4] != 2) throw new IOException("not a 64-bit ELF file");
    ByteBuffer b = ByteBuffer.wrap(bytes).order(bytes[5] == 2 ? ByteOrder.BIG_ENDIAN
        : ByteOrder.LITTLE_ENDIAN);
    long phoff = b.getLong(0x20);
    int phentsize = Short.toUnsignedInt(b.getShort(0x36));
    int phnum = Short.toUnsignedInt(b.getShort(0x38));
    if (phentsize < 56 || phoff < 0 || phoff + (long) phentsize * phnum > bytes.length) {
      throw new IOException("program headers outside the first MiB or malformed");
    }
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      int at = (int) phoff + i * phentsize;
      if (b.getInt(at) != PT_LOAD) continue;
      int flags = b.getInt(at + 4);
      long vaddr = b.getLong(at + 16);
      long memsz = b.getLong(at + 40);
      if (memsz == 0) continue;
      String f = ((flags & 4) != 0 ? "r" : "") + ((flags & 2) != 0 ? "w" : "")
          + ((flags & 1) != 0 ? "x" : "");
      segments.add(new Segment(vaddr, memsz, f));
    }
    return new ElfImage(path, segments);
  }
}
