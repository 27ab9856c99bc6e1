// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static dev.cpkit.sdf.MicrokitNumbers.below;
import static dev.cpkit.sdf.MicrokitNumbers.hex;
import static dev.cpkit.sdf.MicrokitNumbers.isMultiple;

import dev.cpkit.sdf.MicrokitDraft.IoSpace;
import dev.cpkit.sdf.MicrokitDraft.Map;
import dev.cpkit.sdf.MicrokitDraft.Mr;
import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.system.Board;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code <memory_region>} (sdf.rs SysMemoryRegion::from_xml) and
 * {@code <io_address_space>} (IOAddressSpace::from_xml), in the tool's order.
 */
final class MicrokitRegionReader {
  /** x86 IOMMU: the largest I/O virtual address (CAPDL_MAX_IOVA in the capDL types). */
  static final long MAX_IOVA = 0x7fffffffffL;

  static final List<String> BOOTINFO_TYPES = List.of("x86_vbe", "x86_mbmmap", "x86_acpi_rsdp",
      "x86_framebuffer", "x86_tsc_freq", "fdt");

  private final MicrokitAttrs a;
  private final Reporter r;
  private final Board board;
  private final List<Path> searchPaths;
  private final Set<String> ioNames = new HashSet<>();
  private final Set<Long> ioDomainIds = new HashSet<>();
  private final Set<String> ioDevices = new HashSet<>();

  MicrokitRegionReader(MicrokitAttrs attrs, Board board, List<Path> searchPaths) {
    this.a = attrs;
    this.r = attrs.r;
    this.board = board;
    this.searchPaths = searchPaths;
  }

  Mr readMemoryRegion(XmlElement e) {
    Mr mr = new Mr();
    mr.el = e;
    a.allowed(e, List.of("name", "size", "page_size", "phys_addr", "prefill_path",
        "prefill_bootinfo"));
    mr.name = a.required(e, "name");
    Long page = pageSize(e, mr);
    Long prefillLength = prefill(e, mr);
    String bootinfo = bootinfo(e, mr);
    if (prefillLength != null && bootinfo != null) {
      a.value(e, Code.SDF027, "prefill_path and prefill_bootinfo cannot be both specified",
          "prefill_bootinfo");
      mr.broken = true;
    }
    size(e, mr, page, prefillLength, bootinfo);
    if (e.has("phys_addr")) {
      mr.physAddr = a.number(e, "phys_addr", e);
      if (mr.physAddr == null) {
        mr.broken = true;
      } else if (page != null && !isMultiple(mr.physAddr, page)) {
        a.value(e, Code.SDF011, "phys_addr is not aligned to the page size", "phys_addr",
            "with page size " + hex(page) + " the address must be a multiple of it");
        mr.broken = true;
      }
    }
    return mr;
  }

  /** The page size, or null when it is bad (reported). */
  private Long pageSize(XmlElement e, Mr mr) {
    mr.pageSizeGiven = e.has("page_size");
    Long page = mr.pageSizeGiven ? a.number(e, "page_size", e) : (Long) board.smallestPageSize();
    if (page != null && !board.pageSizes().contains(page)) {
      a.value(e, Code.SDF010, "page size " + hex(page) + " not supported", "page_size",
          "supported page sizes: 0x1000 and 0x200000");
      page = null;
    }
    if (page == null) mr.broken = true;
    else mr.pageSize = page;
    return page;
  }

  /** The prefill file's length, found on the search paths as sdf.rs get_full_path does. */
  private Long prefill(XmlElement e, Mr mr) {
    String path = e.value("prefill_path");
    if (path == null) return null;
    mr.prefillPath = path;
    Path found = find(path);
    if (found == null) {
      a.value(e, Code.SDF027, "unable to find prefill file: '" + path + "'", "prefill_path",
          searchPaths.isEmpty() ? "no search path was given" : "searched " + searchPaths);
      mr.broken = true;
      return null;
    }
    long length;
    try {
      if (Files.isDirectory(found)) throw new IOException("directory");
      length = Files.size(found);
    } catch (IOException | SecurityException ex) {
      a.value(e, Code.SDF027, "failed to read file '" + path + "' at prefill_path",
          "prefill_path");
      mr.broken = true;
      return null;
    }
    if (length == 0) {
      a.value(e, Code.SDF027, "prefill file '" + path + "' is empty", "prefill_path");
      mr.broken = true;
      return null;
    }
    mr.prefilledFromFile = true;
    return length;
  }

  private Path find(String path) {
    for (Path dir : searchPaths) {
      try {
        Path p = dir.resolve(path);
        if (Files.exists(p)) return p;
      } catch (InvalidPathException ex) {
        return null;
      }
    }
    return null;
  }

  private String bootinfo(XmlElement e, Mr mr) {
    String type = e.value("prefill_bootinfo");
    if (type == null) return null;
    if (!BOOTINFO_TYPES.contains(type)) {
      a.value(e, Code.SDF026, "BootInfoMap type: '" + type + "' is not supported",
          "prefill_bootinfo", "supported: " + String.join(", ", BOOTINFO_TYPES));
      mr.broken = true;
      return null;
    }
    mr.prefillBootinfo = type;
    return type;
  }

  /** sdf.rs determine_size. */
  private void size(XmlElement e, Mr mr, Long page, Long prefillLength, String bootinfo) {
    if (e.has("size")) {
      mr.sizeGiven = true;
      Long size = a.number(e, "size", e);
      if (size == null) {
        mr.broken = true;
        return;
      }
      mr.size = size;
      if (page != null && !isMultiple(size, page)) {
        a.value(e, Code.SDF011, "size is not a multiple of the page size", "size",
            "with page size " + hex(page) + " the size must be a multiple of it");
        mr.broken = true;
      } else if (prefillLength != null && below(size, prefillLength)) {
        // {:x} without the 0x prefix, as sdf.rs writes it.
        a.value(e, Code.SDF027, "size of prefill file exceeds memory region size: "
            + Long.toHexString(prefillLength) + " > " + Long.toHexString(size), "size");
        mr.broken = true;
      }
    } else if (bootinfo != null) {
      if (page != null) mr.size = page;
    } else if (prefillLength != null) {
      if (page != null) mr.size = roundUp(prefillLength, page);
    } else if (!e.has("prefill_path") && !e.has("prefill_bootinfo")) {
      // Not said when a prefill attribute is present but bad: that error covers it.
      a.value(e, Code.SDF006, "size must be specified if memory region is not prefilled", null);
      mr.broken = true;
    }
  }

  static long roundUp(long n, long x) {
    long m = Long.remainderUnsigned(n, x);
    return m == 0 ? n : n + x - m;
  }

  IoSpace readIoAddressSpace(XmlElement e) {
    if (!board.iommu()) {
      r.error(Code.SDF019, "io address space requires seL4 to be built with IOMMU support")
          .span(r.at(e))
          .reference("Error: {msg}: {loc}", r.at(e))
          .report();
      return null;
    }
    IoSpace s = new IoSpace();
    s.el = e;
    a.allowed(e, List.of("name", "peripheral_id", "domain_id"));
    s.name = a.required(e, "name");
    if (s.name != null && !ioNames.add(s.name)) {
      a.value(e, Code.SDF029, "duplicate name '" + s.name + "'", "name");
    }
    if (board.arch().isX86()) {
      s.domainId = a.requiredNumber(e, "domain_id");
      if (s.domainId != null && !ioDomainIds.add(s.domainId)) {
        a.value(e, Code.SDF029, "reusing a domain id is forbidden", "domain_id");
      }
    }
    readDevice(e, s);
    for (XmlElement c : e.elements()) {
      if (c.tag().equals("iomap")) {
        s.maps.add(readIoMap(c));
      } else {
        r.error(Code.SDF004, "invalid XML element '" + c.tag() + "'")
            .span(r.at(c))
            .reference("Error: {msg}: {loc}", r.at(c))
            .hint("an io_address_space holds only <iomap> elements")
            .report();
      }
    }
    return s;
  }

  private void readDevice(XmlElement e, IoSpace s) {
    String id = a.required(e, "peripheral_id");
    if (id == null) return;
    String reason;
    if (board.arch().isX86()) {
      MicrokitNumbers.Pci pci = MicrokitNumbers.pci(id);
      reason = pci.error();
      if (pci.ok()) s.device = pci;
    } else {
      reason = "IOMMU device identifiers are not supported on " + archName(board.arch());
    }
    if (reason != null) {
      a.value(e, Code.SDF029, "failed to parse device peripheral_id '" + id + "': " + reason,
          "peripheral_id");
      return;
    }
    String shown = "PCI device " + s.device;
    if (!ioDevices.add(shown)) {
      a.value(e, Code.SDF029, "duplicate device peripheral_id '" + shown + "'", "peripheral_id");
    }
  }

  /** sdf.rs's Display of its Arch. */
  static String archName(Board.Arch arch) {
    return switch (arch) {
      case AARCH64 -> "AArch64";
      case RISCV64 -> "RISC-V (64-bit)";
      case X86_64 -> "x86-64";
    };
  }

  private Map readIoMap(XmlElement c) {
    Map m = new Map();
    m.el = c;
    m.cached = false;
    a.allowed(c, List.of("mr", "iovaddr", "perms"));
    m.mr = a.required(c, "mr");
    Long iova = a.requiredNumber(c, "iovaddr");
    if (iova != null && below(MAX_IOVA, iova)) {
      a.value(c, Code.SDF029, "iovaddr (" + hex(iova) + ") must be less than "
          + hex(MAX_IOVA + 1), "iovaddr");
      iova = null;
    }
    m.broken = m.mr == null || iova == null;
    if (iova != null) m.vaddr = iova;
    if (c.has("perms")) {
      m.perms = c.value("perms");
      m.permBits = MicrokitPdReader.permBits(m.perms);
      if (m.permBits <= 0 || (m.permBits & 4) != 0) {
        a.value(c, Code.SDF026, "perms for io mapped memory must only be a combination of 'r'"
            + " and 'w'", "perms");
      }
    }
    return m;
  }
}
