// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import dev.cpkit.diag.SourceSpan;
import java.util.List;

/**
 * A protection domain. Attributes a dialect lacks hold the reference defaults.
 *
 * @param id child PD id (sel4cp-dev, microkit), or null for a top-level PD
 * @param pp sel4cp/sel4cp-dev: the PD provides a protected procedure (in Microkit, {@code pp}
 *     moved to channel ends and this is false)
 * @param stackSize Microkit stack size in bytes (sel4cp: the fixed 4 KiB of libsel4cp)
 * @param domain Microkit domain name, or null
 * @param setvarId Microkit: symbol patched with a child's id in its parent, or null
 */
public record ProtectionDomain(
    String name,
    Integer id,
    int priority,
    long budget,
    long period,
    boolean pp,
    boolean passive,
    int cpu,
    long stackSize,
    boolean smc,
    boolean fpu,
    String domain,
    String setvarId,
    ProgramImage programImage,
    List<Mapping> maps,
    List<Irq> irqs,
    List<Setvar> setvars,
    List<IoPort> ioPorts,
    List<ProtectionDomain> children,
    VirtualMachine virtualMachine,
    List<CapMapping> caps,
    SourceSpan span) {

  public ProtectionDomain {
    maps = List.copyOf(maps);
    irqs = List.copyOf(irqs);
    setvars = List.copyOf(setvars);
    ioPorts = List.copyOf(ioPorts);
    children = List.copyOf(children);
    caps = List.copyOf(caps);
  }

  void collect(List<ProtectionDomain> out) {
    out.add(this);
    for (ProtectionDomain c : children) c.collect(out);
  }

  /** The program image, as given. */
  public record ProgramImage(String path, String pathForSymbols, SourceSpan span) {}

  /** A {@code <setvar symbol region_paddr>}. */
  public record Setvar(String symbol, String regionPaddr, SourceSpan span) {}

  /** An x86 I/O port range. */
  public record IoPort(int id, long addr, long size, String setvarId, String setvarAddr,
      SourceSpan span) {}

  /** A Microkit {@code <cspace>} capability placed in another PD's CSpace. */
  public record CapMapping(String type, String pd, int slot, SourceSpan span) {}
}
