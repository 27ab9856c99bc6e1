// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.system.Board;
import java.nio.file.Path;
import java.util.Map;

/**
 * What of the community fork's targets cpkit builds, and the board facts its system
 * descriptions are checked against (the fork takes cores and hypervisor mode from
 * {@code config.json}, not from a board table).
 */
public final class ForkSupport {
  private ForkSupport() {}

  /**
   * Refuses the configurations cpkit does not build (yet): x86_64, which the fork's tool
   * accepts but cannot build either, and RISC-V.
   */
  public static void check(KernelConfig c, Path file) {
    if (c.arch().equals("x86_64")) {
      // the fork reads the configuration, then dies in its boot emulation (NameError)
      throw BuildException.crash("IMG007", "x86_64 SDKs are not supported: the kernel"
          + " configuration '" + file + "' is for x86_64, which the fork's tool cannot build"
          + " for either", "NameError: name 'config' is not defined");
    }
    if (c.riscv64()) {
      throw BuildException.usage("IMG007", "RISC-V SDKs are not supported yet by cpkit build"
          + " --dialect sel4cp-dev ('" + file + "' has SEL4_ARCH riscv64); see"
          + " docs/image-build.md", null);
    }
  }

  /** The board a fork system is checked against: cores and hypervisor mode from the SDK. */
  public static Board board(Board defaults, String name, KernelConfig c) {
    return defaults.with(Map.of("name", name, "arch", c.arch(), "cores",
        Integer.toString(c.numCpus()), "hypervisor", Boolean.toString(c.hypervisor())));
  }
}
