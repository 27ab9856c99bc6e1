// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "upgrade", mixinStandardHelpOptions = true)
final class UpgradeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Main.OK;
  }
}
