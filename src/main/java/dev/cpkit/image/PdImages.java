// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static dev.cpkit.image.SystemBuilder.PAGE;

import dev.cpkit.image.BuildInput.Pd;
import dev.cpkit.image.BuildInput.Region;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PD programs in the reserved region, after the invocation table: per loadable segment a
 * loader region (the bytes), a fixed memory region "ELF:pd-n" at its address and a mapping of
 * it into its PD, added after the PD's own mappings.
 */
final class PdImages {
  private final List<LoaderRegion> loaderRegions = new ArrayList<>();
  private final List<Region> regions;
  private final List<List<BuildInput.Map>> pdMaps;

  PdImages(BuildInput in, List<ElfFile> programs, long firstPhys, boolean fork) {
    List<Pd> pds = in.pds();
    regions = new ArrayList<>(in.regions());
    pdMaps = new ArrayList<>(pds.size());
    long next = firstPhys;
    for (int p = 0; p < pds.size(); p++) {
      List<BuildInput.Map> maps = new ArrayList<>(pds.get(p).maps());
      int seg = 0;
      for (ElfSegment s : programs.get(p).segments()) {
        if (!s.loadable()) continue;
        String pdName = pds.get(p).name();
        long baseV = Bits.roundDown(s.vaddr(), PAGE);
        // fork: the region records the segment's offset from its page (zeros in the image)
        loaderRegions.add(new LoaderRegion("PD-ELF " + pdName + "-" + seg, next, s.data(),
            fork ? s.vaddr() - baseV : -1));
        String perms = (s.readable() ? "r" : "") + (s.writable() ? "w" : "")
            + (s.executable() ? "x" : "");
        long size = Bits.roundUp(s.vaddr() + s.memSize(), PAGE) - baseV;
        String mr = "ELF:" + pdName + "-" + seg;
        regions.add(new Region(mr, size, PAGE, next, null));
        maps.add(new BuildInput.Map(mr, baseV, perms, true, null));
        seg++;
        next += size;
      }
      pdMaps.add(maps);
    }
  }

  List<LoaderRegion> loaderRegions() {
    return loaderRegions;
  }

  /** The system's memory regions, then the ELF segments' ones. */
  List<Region> regions() {
    return regions;
  }

  /** Each PD's mappings, its ELF segments' last. */
  List<List<BuildInput.Map>> pdMaps() {
    return pdMaps;
  }

  Map<String, Region> regionsByName() {
    Map<String, Region> byName = new HashMap<>();
    for (Region r : regions) byName.put(r.name(), r);
    return byName;
  }
}
