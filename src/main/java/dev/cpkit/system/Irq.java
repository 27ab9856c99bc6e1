// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import dev.cpkit.diag.SourceSpan;

/**
 * An interrupt delivered to a PD as channel {@code id}.
 *
 * @param kind ARM/RISC-V interrupt line, x86 I/O APIC pin or x86 MSI
 * @param irq interrupt number (ARM/RISC-V)
 * @param trigger {@code level} or {@code edge}
 */
public record Irq(
    Kind kind,
    long irq,
    int id,
    String trigger,
    long ioapic,
    long pin,
    long vector,
    String polarity,
    String pcidev,
    long handle,
    String setvarId,
    SourceSpan span) {

  public enum Kind {
    CONVENTIONAL,
    IOAPIC,
    MSI
  }

  /** A conventional (ARM/RISC-V) interrupt. */
  public static Irq conventional(long irq, int id, String trigger, String setvarId,
      SourceSpan span) {
    return new Irq(Kind.CONVENTIONAL, irq, id, trigger, 0, 0, 0, null, null, 0, setvarId, span);
  }
}
