// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

/** One area of the analysis; each reads the context and adds findings. */
sealed interface Check permits CallGraphCheck, SchedulingCheck, AddressSpaceCheck,
    PrivilegeCheck, CodePrivilegeCheck, PhysicalMemoryCheck, CapacityCheck {
  void run(Context c, Findings out);
}
