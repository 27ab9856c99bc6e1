// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.image.BuildException;
import dev.cpkit.image.BuildInput;
import dev.cpkit.image.BuiltSystem;
import dev.cpkit.image.ImageBuilder;
import dev.cpkit.image.KernelFacts;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an SDK tells analyse: the kernel's facts (RAM, kernel image) from {@code sel4.elf}
 * and, when every program image was found, the image builder's placement of the system,
 * computed in memory as {@code cpkit build} does (nothing is written).
 *
 * @param where the SDK's board and config, for the report ("board/zcu102/debug")
 * @param built the build, or null when it failed or the programs were not found
 * @param failure why the build failed, or null
 * @param missing the program images not found (then nothing was built)
 * @param loaderBase where the boot image is loaded (the loader's link address), or -1
 * @param imageSize bytes of the boot image (loader.img), 0 when nothing was built
 */
public record SdkBuild(String where, KernelFacts kernel, BuiltSystem built,
    BuildException failure, List<String> missing, long loaderBase, long imageSize) {

  public SdkBuild {
    missing = List.copyOf(missing);
  }

  /**
   * Builds {@code system} with the SDK's files {@code kit}: programs are looked up in
   * {@code dirs} in order, as {@code cpkit build} does (the current directory, then the
   * search paths). A build error is kept as {@link #failure()}, not thrown.
   */
  public static SdkBuild of(SdkKit kit, SystemDescription system, List<Path> dirs) {
    List<ProtectionDomain> pds = kit.abi().fork() ? system.allProtectionDomains()
        : system.protectionDomains();
    List<String> missing = new ArrayList<>();
    List<Path> found = new ArrayList<>();
    for (ProtectionDomain pd : pds) {
      String name = pd.programImage().path();
      Path p = find(name, dirs);
      if (p == null && !missing.contains(name)) missing.add(name);
      found.add(p);
    }
    if (!missing.isEmpty()) {
      return new SdkBuild(kit.where(), kit.facts(), null, null, missing, kit.loaderBase(), 0);
    }
    try {
      List<ElfFile> programs = new ArrayList<>();
      for (Path p : found) programs.add(SdkKit.elf(p));
      BuildInput in = BuildInput.of(system, kit.facts(), kit.monitor(), programs, kit.abi());
      ImageBuilder.Output o = ImageBuilder.build(in, kit.kernel(), kit.loader());
      return new SdkBuild(kit.where(), kit.facts(), o.built(), null, List.of(),
          kit.loaderBase(), o.image().length);
    } catch (BuildException e) {
      return new SdkBuild(kit.where(), kit.facts(), null, e, List.of(), kit.loaderBase(), 0);
    }
  }

  private static Path find(String name, List<Path> dirs) {
    for (Path d : dirs) {
      Path p = d.resolve(name);
      if (Files.exists(p)) return p;
    }
    return null;
  }
}
