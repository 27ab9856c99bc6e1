// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "analyse")
final class AnalyseCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
