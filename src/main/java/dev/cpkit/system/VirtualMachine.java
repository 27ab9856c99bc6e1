// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import dev.cpkit.diag.SourceSpan;
import java.util.List;

/**
 * A virtual machine managed by its parent PD.
 *
 * @param id sel4cp-dev VM id (null in Microkit, where vCPUs carry ids)
 */
public record VirtualMachine(
    String name,
    Integer id,
    int cpu,
    long priority,
    long budget,
    long period,
    List<Vcpu> vcpus,
    List<Mapping> maps,
    SourceSpan span) {

  public VirtualMachine {
    vcpus = List.copyOf(vcpus);
    maps = List.copyOf(maps);
  }

  /** A Microkit virtual CPU. */
  public record Vcpu(int id, int cpu, String setvarId, SourceSpan span) {}
}
