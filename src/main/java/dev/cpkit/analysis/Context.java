// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.graph.Links;
import dev.cpkit.lint.PdCode;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every check reads: the system, the rights its channels give ({@link Links}), the
 * board's RAM when known, and the program images that could be read.
 *
 * @param ram null when cpkit does not know the board's RAM and none was given
 * @param images PD name to its program image, for the images found
 * @param code PD name to its C code, for the PDs whose sources were given
 * @param reserved what the kernel, loader and firmware take: from the SDK's kernel when one
 *     was given, else cpkit's board table
 * @param sdk what the SDK told (kernel facts, the image build), or null without --sdk
 */
record Context(SystemDescription system, List<Links.Link> links, BoardMemory.Ram ram,
    Map<String, ElfImage> images, Map<String, PdCode> code, List<BoardMemory.Reserved> reserved,
    SdkBuild sdk) {

  MemoryRegion region(String name) {
    return system.memoryRegion(name);
  }

  ProtectionDomain pd(String name) {
    return system.protectionDomain(name);
  }

  List<Links.Link> links(Links.Kind kind) {
    List<Links.Link> out = new ArrayList<>();
    for (Links.Link l : links) if (l.kind() == kind) out.add(l);
    return out;
  }

  /**
   * Whether a fixed-address region is a device rather than RAM. Without knowledge of the
   * board's RAM every fixed region is taken to be a device, which is what they usually are.
   */
  boolean isDevice(MemoryRegion mr) {
    if (mr.physAddr() == null) return false;
    return ram == null || !ram.touches(mr.physAddr(), mr.size());
  }
}
