// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.graph.Links;
import dev.cpkit.lint.PdCode;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code cpkit analyse}: runs every check on a validated system. */
public final class Analysis {
  private static final List<Check> CHECKS = List.of(new CallGraphCheck(), new SchedulingCheck(),
      new AddressSpaceCheck(), new PrivilegeCheck(), new CodePrivilegeCheck(),
      new PhysicalMemoryCheck(),
      new CapacityCheck());

  private Analysis() {}

  /**
   * Where to look and what to assume.
   *
   * @param imageDirs directories where program images are looked up, in order
   * @param ram the board's RAM when given by the user, else null (then the built-in table)
   * @param code the C code of PDs, by PD name ({@link PdCode#load}); PDs without it are not
   *     judged by the checks that need code
   * @param sdk what the SDK's kernel and the image build tell, or null without --sdk; its
   *     RAM and kernel image replace {@code ram} and cpkit's board tables
   */
  public record Options(List<Path> imageDirs, BoardMemory.Ram ram, Map<String, PdCode> code,
      SdkBuild sdk) {
    public Options {
      imageDirs = List.copyOf(imageDirs);
      code = Map.copyOf(code);
    }

    public Options(List<Path> imageDirs, BoardMemory.Ram ram, Map<String, PdCode> code) {
      this(imageDirs, ram, code, null);
    }

    public Options(List<Path> imageDirs, BoardMemory.Ram ram) {
      this(imageDirs, ram, Map.of());
    }

    public static Options defaults() {
      return new Options(List.of(), null);
    }

    public Options withCode(Map<String, PdCode> c) {
      return new Options(imageDirs, ram, c, sdk);
    }

    public Options withSdk(SdkBuild s) {
      return new Options(imageDirs, ram, code, s);
    }
  }

  public static Report run(String file, SystemDescription s, Options options) {
    BoardMemory.Ram ram = options.ram() != null ? options.ram() : BoardMemory.of(s.board().name());
    List<BoardMemory.Reserved> reserved = BoardMemory.reserved(s.board().name());
    List<String> remarks = new ArrayList<>();
    SdkBuild sdk = options.sdk();
    if (sdk != null) {
      if (options.ram() != null) remarks.add("--ram is ignored: the RAM is the SDK kernel's");
      ram = KernelMemory.ram(s.board().name(), sdk);
      reserved = KernelMemory.reserved(sdk);
      remarks.addAll(KernelMemory.remarks(sdk));
    }
    Map<String, ElfImage> images = images(s, options.imageDirs(), remarks);
    Context c = new Context(s, Links.of(s), ram, images, options.code(), reserved, sdk);
    Findings out = new Findings();
    for (Check check : CHECKS) check.run(c, out);
    remarks.addAll(out.remarks());
    if (ram == null) {
      remarks.add("cpkit does not know the RAM of board '" + s.board().name() + "': every"
          + " phys_addr region is taken for a device and free RAM is not computed (give --ram"
          + " BASE+SIZE)");
    }
    return new Report(file, s, out.all(), MemoryReport.of(c), CapacityReport.of(s), remarks);
  }

  /** Program images found in the directories; those not found are told in the remarks. */
  private static Map<String, ElfImage> images(SystemDescription s, List<Path> dirs,
      List<String> remarks) {
    Map<String, ElfImage> out = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (ProtectionDomain pd : s.allProtectionDomains()) {
      if (pd.programImage() == null) continue;
      String name = pd.programImage().path();
      Path found = null;
      for (Path dir : dirs) {
        Path p = dir.resolve(name);
        if (Files.isRegularFile(p)) {
          found = p;
          break;
        }
      }
      if (found == null) {
        missing.add(name);
        continue;
      }
      try {
        out.put(pd.name(), ElfImage.read(found));
      } catch (IOException | RuntimeException e) {
        remarks.add("program image " + found + " of '" + pd.name() + "' was not read: "
            + e.getMessage());
      }
    }
    if (!missing.isEmpty()) {
      remarks.add("program image" + (missing.size() == 1 ? "" : "s") + " not found ("
          + String.join(", ", missing) + "): maps were not checked against "
          + (missing.size() == 1 ? "it" : "them") + " and image sizes are not counted"
          + " (--search-path DIR)");
    }
    return out;
  }
}
