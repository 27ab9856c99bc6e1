// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder; replaced by the SDF checker. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Check SDF files.")
final class CheckCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
