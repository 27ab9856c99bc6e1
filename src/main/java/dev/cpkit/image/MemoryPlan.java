// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static dev.cpkit.image.SystemBuilder.PAGE;

import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
import java.util.List;

/**
 * The first step of a build pass: where the reserved region (the invocation table, then the
 * PD images) and the monitor go in physical memory, and the monitor's virtual range. The
 * kernel boot is emulated with these three regions.
 */
record MemoryPlan(MemRegion reserved, MemRegion monitorPhys, MemRegion monitorVirt) {

  /** Places a reserved region of {@code tableSize} plus the PD images, then the monitor. */
  static MemoryPlan place(KernelBoot boot, boolean fork, ElfFile monitor,
      List<ElfFile> programs, long tableSize) {
    ElfSegment mon = monitor.segments().get(0);
    long itSize = Bits.roundUp(mon.paddr() + mon.memSize(), PAGE) - Bits.roundDown(mon.paddr(), PAGE);
    long pdElfSize = 0;
    // Quirk reproduced: every program header counts here (PT_NOTE, PT_GNU_STACK ...), by
    // physical address, while the PD image regions ({@link PdImages}) use loadable segments
    // by virtual address.
    for (ElfFile f : programs) {
      for (ElfSegment s : f.segments()) {
        pdElfSize += Bits.roundUp(s.paddr() + s.memSize(), PAGE) - Bits.roundDown(s.paddr(), PAGE);
      }
    }
    long reservedSize = tableSize + pdElfSize;
    DisjointRegions available = boot.availableMemory();
    long reservedBase;
    long itBase;
    if (fork) {
      // fork: both go above the kernel's boot code, the monitor above the reserved region
      // (first region whose *base* is at or above the bound)
      MemRegion bootRegion = boot.bootRegion();
      reservedBase = available.allocateFrom(reservedSize, bootRegion.end());
      if (reservedBase < 0) throw noRoom(fork, reservedSize, "the invocation table and PD images");
      if (bootRegion.base() >= reservedBase) {
        throw BuildException.crash("IMG032", "the reserved region would be placed below the"
            + " kernel, which the kernel does not allow", "AssertionError");
      }
      itBase = available.allocateFrom(itSize, reservedBase + reservedSize);
      if (itBase < 0) throw noRoom(fork, itSize, "the monitor");
    } else {
      reservedBase = available.allocate(reservedSize);
      if (reservedBase < 0) throw noRoom(fork, reservedSize, "the invocation table and PD images");
      itBase = available.allocate(itSize);
      if (itBase < 0) throw noRoom(fork, itSize, "the monitor");
    }
    if (reservedBase >= itBase) {
      throw BuildException.crash("IMG032", "the monitor would be placed below the reserved"
          + " region (0x" + Long.toHexString(itBase) + " < 0x" + Long.toHexString(reservedBase)
          + "), which the kernel does not allow", "AssertionError");
    }
    MemRegion itPhys = new MemRegion(itBase, itBase + itSize);
    MemRegion itVirt = new MemRegion(Bits.roundDown(mon.vaddr(), PAGE),
        Bits.roundUp(mon.vaddr() + mon.memSize(), PAGE));
    MemRegion reserved = new MemRegion(reservedBase, reservedBase + reservedSize);
    return new MemoryPlan(reserved, itPhys, itVirt);
  }

  private static BuildException noRoom(boolean fork, long size, String what) {
    return BuildException.crash("IMG033", "out of memory: no free RAM region "
        + (fork ? "above the kernel " : "") + "can hold " + what + " (" + size + " bytes)",
        "ValueError: Unable to allocate " + (fork ? "0x" + Long.toHexString(size) : size)
            + " bytes.");
  }
}
