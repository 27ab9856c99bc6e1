// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The raw boot image U-Boot loads at the loader's link address: the loader's first loadable
 * segment (with boot page tables filled in), then a header, a region table and the region
 * bytes (kernel segments, monitor, system invocations, PD images), all unaligned (the fork:
 * each region's bytes 16-byte aligned).
 */
public final class LoaderImage {
  public static final long MAGIC = 0x5e14dead14de5eadL;
  static final int HEADER_WORDS = 10;

  private LoaderImage() {}

  /** Regions: kernel PT_LOAD segments and the monitor come first, then {@code regions}. */
  public static byte[] build(ElfFile loader, ElfFile kernel, ElfFile monitor, long monitorPhys,
      MemRegion reserved, List<LoaderRegion> regions) {
    return build(loader, kernel, monitor, monitorPhys, reserved, regions,
        KernelAbi.sel4cp126());
  }

  /**
   * As above for a kernel of {@code abi}. The fork's differences: the header's flag word is 1
   * for a hypervisor kernel, the loader's own segment takes part in the overlap check, and
   * region data starts at 16-byte aligned offsets (zero filler between regions).
   */
  public static byte[] build(ElfFile loader, ElfFile kernel, ElfFile monitor, long monitorPhys,
      MemRegion reserved, List<LoaderRegion> regions, KernelAbi abi) {
    ElfSegment first = null;
    for (ElfSegment s : loader.segments()) {
      if (s.loadable()) {
        first = s;
        break;
      }
    }
    if (first == null) {
      throw BuildException.crash("IMG070", "the loader ELF '" + loader.name()
          + "' has no loadable segment", "Exception: Didn't find loadable segment");
    }
    if (first.vaddr() != loader.entry()) {
      throw BuildException.crash("IMG071", "the loader's entry point must be the first byte of"
          + " its first loadable segment", "Exception: The loader entry point must be the first"
          + " byte in the image");
    }
    byte[] image = first.data().clone();
    List<LoaderRegion> all = new ArrayList<>();
    long kv = 0;
    long kp = 0;
    boolean seen = false;
    long offset = 0;
    for (ElfSegment s : kernel.segments()) {
      if (!s.loadable()) continue;
      // kernel addresses have the top bit set: compare unsigned
      if (!seen || Long.compareUnsigned(s.vaddr(), kv) < 0) kv = s.vaddr();
      if (!seen || Long.compareUnsigned(s.paddr(), kp) < 0) kp = s.paddr();
      if (!seen) {
        offset = s.vaddr() - s.paddr();
      } else if (offset != s.vaddr() - s.paddr()) {
        throw BuildException.crash("IMG072", "the kernel's segments do not share one"
            + " physical-to-virtual offset", "Exception: Kernel does not have constistent phys"
            + " to virt offset");
      }
      seen = true;
      all.add(new LoaderRegion("kernel", s.paddr(), s.data()));
    }
    if (!seen) {
      throw BuildException.crash("IMG073", "the kernel ELF has no loadable segment",
          "AssertionError");
    }
    ElfSegment mon = monitor.segments().get(0);
    if (monitor.segments().size() != 1 || !mon.loadable()) {
      throw BuildException.crash("IMG074", "the monitor must have exactly one loadable segment",
          "AssertionError");
    }
    all.add(new LoaderRegion("monitor", monitorPhys, mon.data()));
    if (abi.riscv()) {
      image = RiscvBootTables.patch(image, loader, first.vaddr(), kv, kp,
          abi.config().ptLevels());
    } else {
      image = BootPageTables.patch(image, loader, first.vaddr(), kv, kp, abi.hypervisor());
    }
    all.addAll(regions);
    if (abi.fork()) {
      List<LoaderRegion> withLoader = new ArrayList<>(all);
      withLoader.add(new LoaderRegion("loader", first.vaddr(), image));
      checkNoOverlap(withLoader);
    } else {
      checkNoOverlap(all);
    }
    // fork: each region's data starts 16-byte aligned after the previous one's
    long align = abi.fork() ? 16 : 1;

    long vEnd = Bits.roundUp(mon.vaddr() + mon.memSize(), 0x1000);
    long pvOffset = monitorPhys - mon.vaddr();
    long uiEnd = vEnd - (mon.vaddr() - monitorPhys);
    long total = image.length + 8L * HEADER_WORDS + 32L * all.size();
    long[] offsets = new long[all.size()];
    long dataEnd = 0;
    for (int i = 0; i < all.size(); i++) {
      offsets[i] = Bits.roundUp(dataEnd, align);
      dataEnd = offsets[i] + all.get(i).data().length;
    }
    total += dataEnd;
    if (total > Integer.MAX_VALUE - 8) {
      throw BuildException.user("IMG075", "the image would be larger than 2 GiB", null);
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    out.put(image);
    out.putLong(MAGIC).putLong(abi.hypervisor() ? 1 : 0).putLong(kernel.entry())
        .putLong(monitorPhys).putLong(uiEnd)
        .putLong(pvOffset).putLong(monitor.entry()).putLong(reserved.base())
        .putLong(reserved.size()).putLong(all.size());
    for (int i = 0; i < all.size(); i++) {
      LoaderRegion r = all.get(i);
      out.putLong(r.addr()).putLong(r.data().length).putLong(offsets[i]).putLong(1);
    }
    int dataStart = out.position();
    for (int i = 0; i < all.size(); i++) {
      out.position(dataStart + (int) offsets[i]); // the filler is the buffer's zeros
      out.put(all.get(i).data());
    }
    return out.array();
  }

  static void checkNoOverlap(List<LoaderRegion> regions) {
    for (int i = 0; i < regions.size(); i++) {
      LoaderRegion r = regions.get(i);
      long base = r.addr();
      long end = base + r.data().length;
      for (int j = 0; j < i; j++) {
        long b = regions.get(j).addr();
        long e = b + regions.get(j).data().length;
        if (!(end <= b || base >= e)) {
          String ref = Long.toHexString(base) + "--" + Long.toHexString(end) + " overlaps "
              + Long.toHexString(b) + " -- " + Long.toHexString(e);
          throw BuildException.crash("IMG076", "loader regions overlap: " + r.name() + " ("
              + ref + ") and " + regions.get(j).name(), "Exception: Overlapping: " + ref);
        }
      }
    }
  }

  /** The loader's initial page tables: identity map below, kernel window above. */
  static final class BootPageTables {
    private BootPageTables() {}

    /**
     * With {@code hyp} (the fork's hypervisor kernel, which runs at EL2 with a single
     * translation regime) the kernel window's level-0 entry goes into the lower level-0 table
     * and the upper one stays empty.
     */
    static byte[] patch(byte[] image, ElfFile loader, long segVaddr, long kv, long kp,
        boolean hyp) {
      long lvl1Lower = loader.symbol("boot_lvl1_lower")[0];
      long lvl1Upper = loader.symbol("boot_lvl1_upper")[0];
      long lvl2Upper = loader.symbol("boot_lvl2_upper")[0];
      long[] l0Lower = new long[512];
      l0Lower[0] = lvl1Lower | 3;
      long[] l1Lower = new long[512];
      for (int i = 0; i < 512; i++) l1Lower[i] = ((long) i << 30) | (1 << 10) | 1;
      long[] l0Upper = new long[512];
      (hyp ? l0Lower : l0Upper)[(int) ((kv >>> 39) & 511)] = lvl1Upper | 3;
      long[] l1Upper = new long[512];
      l1Upper[(int) ((kv >>> 30) & 511)] = lvl2Upper | 3;
      long[] l2Upper = new long[512];
      long p = kp;
      for (int i = (int) ((kv >>> 21) & 511); i < 512; i++) {
        l2Upper[i] = p | (1 << 10) | (3 << 8) | (4 << 2) | 1;
        p += 1L << 21;
      }
      image = put(image, loader, "boot_lvl0_lower", l0Lower, segVaddr);
      image = put(image, loader, "boot_lvl1_lower", l1Lower, segVaddr);
      image = put(image, loader, "boot_lvl0_upper", l0Upper, segVaddr);
      image = put(image, loader, "boot_lvl1_upper", l1Upper, segVaddr);
      return put(image, loader, "boot_lvl2_upper", l2Upper, segVaddr);
    }

    static byte[] put(byte[] image, ElfFile loader, String symbol, long[] table,
        long segVaddr) {
      long[] s = loader.symbol(symbol);
      long off = s[0] - segVaddr;
      if (s[1] != 4096 || off <= 0 || off > image.length) {
        throw BuildException.crash("IMG077", "the loader's '" + symbol + "' must be a 4096-byte"
            + " table inside its first loadable segment", "AssertionError");
      }
      ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
      for (long e : table) b.putLong(e);
      if (off + 4096 > image.length) {
        // Python slice assignment past the end grows the image: reproduce it
        image = Arrays.copyOf(image, (int) off + 4096);
      }
      System.arraycopy(b.array(), 0, image, (int) off, 4096);
      return image;
    }
  }
}
