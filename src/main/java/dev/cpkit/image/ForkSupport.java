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
   * Refuses the configurations the fork's tool accepts but cannot build: x86_64 and RISC-V
   * other than Sv39.
   */
  public static void check(KernelConfig c, Path file) {
    if (c.arch().equals("x86_64")) {
      // the fork reads the configuration, then dies in its boot emulation (NameError)
      throw BuildException.crash("IMG007", "x86_64 SDKs are not supported: the kernel"
          + " configuration '" + file + "' is for x86_64, which the fork's tool cannot build"
          + " for either", "NameError: name 'config' is not defined");
    }
    if (c.riscv64() && c.ptLevels() != 3) {
      // the fork: no PT_LEVELS or other than 3/4 fails computing the kernel's virtual base,
      // 4 fails its Sv39 assertion
      throw BuildException.crash("IMG007", "RISC-V kernels with " + (c.ptLevels() == 0
          ? "no PT_LEVELS" : "PT_LEVELS " + c.ptLevels()) + " are not supported: the fork's"
          + " tool builds for Sv39 (PT_LEVELS 3) only ('" + file + "')", c.ptLevels() == 4
              ? "AssertionError" : "Exception: Unsupported number of RISC-V page table levels");
    }
  }

  /** The board a fork system is checked against: cores and hypervisor mode from the SDK. */
  public static Board board(Board defaults, String name, KernelConfig c) {
    return defaults.with(Map.of("name", name, "arch", c.arch(), "cores",
        Integer.toString(c.numCpus()), "hypervisor", Boolean.toString(c.hypervisor())));
  }
}
