// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.image.BuildException;
import dev.cpkit.image.MemRegion;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The data Microkit 2.x appends to the loader's own code ({@code loader.rs#Loader::new},
 * {@code to_bytes}): an 8-word header, a region table of 4 words per region, then the regions'
 * bytes. All little-endian 64-bit words.
 *
 * <pre>
 * header:  magic 0x5e14dead14de5ead, size, kernel_entry, ui_p_reg_start, ui_p_reg_end,
 *          pv_offset, v_entry, num_regions
 * region:  load_addr, size, offset (into the data after the table), type (always 1)
 * </pre>
 *
 * Against sel4cp 1.2.6's 10-word header: {@code size} (header + table + data) replaces the
 * flags word, and the extra-device address and size are gone (the monitor no longer needs a
 * reserved region). The regions are the kernel's loadable segments, then the initial task's
 * non-empty loadable segments placed at its physical base.
 */
public final class MicrokitLoaderHeader {
  public static final long MAGIC = 0x5e14dead14de5eadL;
  public static final int HEADER_BYTES = 8 * 8;
  public static final int REGION_BYTES = 4 * 8;

  private MicrokitLoaderHeader() {}

  /** One region the loader copies: where to, and the bytes. */
  public record Region(long loadAddress, byte[] data) {}

  /** The eight header words. */
  public record Header(long magic, long size, long kernelEntry, long uiPRegStart,
      long uiPRegEnd, long pvOffset, long vEntry, long numRegions) {
    public byte[] toBytes() {
      return le(HEADER_BYTES).putLong(magic).putLong(size).putLong(kernelEntry)
          .putLong(uiPRegStart).putLong(uiPRegEnd).putLong(pvOffset).putLong(vEntry)
          .putLong(numRegions).array();
    }
  }

  /**
   * The regions in Microkit's order: every loadable kernel segment at its physical address,
   * then each loadable segment of the initial task with data at
   * {@code taskPhysBase + (vaddr - taskVirt.base)}. Kernel segments must share one
   * physical-to-virtual offset (IMG124).
   */
  public static List<Region> regions(ElfFile kernel, ElfFile initialTask, long taskPhysBase,
      MemRegion taskVirt) {
    List<Region> out = new ArrayList<>();
    Long offset = null;
    for (ElfSegment s : kernel.segments()) {
      if (!s.loadable()) continue;
      long pv = s.vaddr() - s.paddr();
      if (offset != null && offset != pv) {
        throw BuildException.crash("IMG124", "the kernel ELF's segments have different"
            + " physical-to-virtual offsets", "Kernel does not have a consistent physical to"
            + " virtual offset");
      }
      offset = pv;
      out.add(new Region(s.paddr(), s.data()));
    }
    if (offset == null) {
      throw BuildException.crash("IMG124", "the kernel ELF has no loadable segment",
          "INTERNAL: could not determine kernel_first_vaddr");
    }
    for (ElfSegment s : initialTask.segments()) {
      if (s.loadable() && s.memSize() > 0) {
        out.add(new Region(taskPhysBase + (s.vaddr() - taskVirt.base()), s.data()));
      }
    }
    return out;
  }

  /**
   * The header for these regions: the kernel's entry, the initial task's physical range
   * ({@code taskPhysBase} and the size of {@code taskVirt}), its entry and
   * {@code pv_offset = taskPhysBase - taskVirt.base} (wrapping, as in Microkit).
   */
  public static Header header(long kernelEntry, long taskPhysBase, MemRegion taskVirt,
      long taskEntry, List<Region> regions) {
    long size = HEADER_BYTES;
    for (Region r : regions) size += REGION_BYTES + r.data().length;
    long end = taskPhysBase + taskVirt.size();
    if (Long.compareUnsigned(end, taskPhysBase) <= 0) {
      throw new IllegalArgumentException("the initial task must not be empty");
    }
    return new Header(MAGIC, size, kernelEntry, taskPhysBase, end,
        taskPhysBase - taskVirt.base(), taskEntry, regions.size());
  }

  /** The region table: load address, size, offset into the data, type 1. */
  public static byte[] regionTable(List<Region> regions) {
    ByteBuffer b = le(REGION_BYTES * regions.size());
    long offset = 0;
    for (Region r : regions) {
      b.putLong(r.loadAddress()).putLong(r.data().length).putLong(offset).putLong(1);
      offset += r.data().length;
    }
    return b.array();
  }

  /**
   * The loader image Microkit writes: the loader's code ({@code loaderCode}, linked at
   * {@code loaderAddress}), the header, the region table and the regions' bytes. No two
   * regions, the loader included, may overlap (IMG123).
   */
  public static byte[] image(byte[] loaderCode, long loaderAddress, Header header,
      List<Region> regions) {
    checkDisjoint(loaderCode, loaderAddress, regions);
    long total = (long) loaderCode.length + header.size();
    if (total > Integer.MAX_VALUE - 8) {
      throw BuildException.user("IMG123", "the loader image would be larger than 2 GiB", null);
    }
    ByteBuffer b = le((int) total);
    b.put(loaderCode).put(header.toBytes()).put(regionTable(regions));
    for (Region r : regions) b.put(r.data());
    return b.array();
  }

  /**
   * Checks that the regions and the loader itself do not overlap (IMG123), as Microkit does
   * before it lays the image out.
   */
  public static void checkDisjoint(byte[] loaderCode, long loaderAddress, List<Region> regions) {
    List<Region> all = new ArrayList<>(regions);
    all.add(new Region(loaderAddress, loaderCode));
    checkDisjoint(all);
  }

  /**
   * The loader's code: its first loadable segment, which must start at its entry point
   * (IMG116, as in Microkit and sel4cp).
   */
  public static ElfSegment loaderCode(ElfFile loader) {
    for (ElfSegment s : loader.segments()) {
      if (!s.loadable()) continue;
      if (s.vaddr() != loader.entry()) {
        throw BuildException.crash("IMG116", "the loader ELF's entry point 0x"
            + Long.toHexString(loader.entry()) + " is not the first byte of its loadable"
            + " segment (0x" + Long.toHexString(s.vaddr()) + ")",
            "The loader entry point must be the first byte in the image");
      }
      return s;
    }
    throw BuildException.crash("IMG116", "the loader ELF has no loadable segment",
        "Did not find loadable segment");
  }

  private static void checkDisjoint(List<Region> regions) {
    for (int i = 0; i < regions.size(); i++) {
      long b = regions.get(i).loadAddress();
      long e = b + regions.get(i).data().length;
      for (int j = 0; j < i; j++) {
        long b2 = regions.get(j).loadAddress();
        long e2 = b2 + regions.get(j).data().length;
        if (!(Long.compareUnsigned(e, b2) <= 0 || Long.compareUnsigned(b, e2) >= 0)) {
          String x = "[" + Long.toHexString(b) + ".." + Long.toHexString(e) + ")";
          String y = "[" + Long.toHexString(b2) + ".." + Long.toHexString(e2) + ")";
          throw BuildException.crash("IMG123", "the loader's regions " + x + " and " + y
              + " overlap", "Overlapping regions: " + x + " overlaps " + y);
        }
      }
    }
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
