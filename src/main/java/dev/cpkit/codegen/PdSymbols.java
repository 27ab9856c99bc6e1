// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.codegen;

import dev.cpkit.diag.SourceSpan;
import java.util.List;

/**
 * Everything the generated header of one protection domain names: the library API that
 * {@code cpkit headers}, {@code cpkit lint-c} (which resolves these names in C code) and the
 * migrator share. Built by {@link SymbolTable}; written by {@link CHeaderWriter} and
 * {@link RustModuleWriter}.
 *
 * @param pdConstant the PD's own name part (for PASSIVE, PRIORITY...), prefix included
 * @param servesPpcall whether some peer may make protected calls to this PD
 */
public record PdSymbols(
    String pd,
    String fileStem,
    String pdConstant,
    int priority,
    boolean passive,
    boolean servesPpcall,
    List<ChannelConst> channels,
    List<IrqConst> irqs,
    List<SetvarDecl> setvars,
    List<IdConst> children,
    SourceSpan span) {

  public PdSymbols {
    channels = List.copyOf(channels);
    irqs = List.copyOf(irqs);
    setvars = List.copyOf(setvars);
    children = List.copyOf(children);
  }

  /**
   * One channel end of this PD.
   *
   * @param mayPpcall this PD may make protected calls to the peer over the channel
   * @param peerMayPpcall the peer may make protected calls to this PD over the channel
   * @param mayNotify this PD may notify the peer (Microkit notify="false" says no)
   * @param peerMayNotify the peer may notify this PD
   */
  public record ChannelConst(String name, int id, String peer, int peerId, boolean mayPpcall,
      boolean peerMayPpcall, boolean mayNotify, boolean peerMayNotify, SourceSpan span) {

    public String ppcallName() {
      return name + "_PPCALL";
    }
  }

  /** An interrupt of this PD; {@code describe} says which interrupt in words. */
  public record IrqConst(String name, int id, String describe, SourceSpan span) {}

  /**
   * A symbol the tool patches in this PD's program.
   *
   * @param kind what the tool writes into it: setvar_vaddr, region_paddr, setvar_size,
   *     setvar_prefill_size or setvar_id
   * @param sizeName the constant holding the region's size, or null
   */
  public record SetvarDecl(String symbol, String kind, String what, String sizeName, long size,
      SourceSpan span) {

    /** Symbols holding an identifier (setvar_id) are 64-bit integers, the rest addresses. */
    public String cType() {
      return kind.equals("setvar_id") ? "uint64_t" : "uintptr_t";
    }
  }

  /** A child PD or virtual machine (vCPU) identifier this PD uses to control it. */
  public record IdConst(String name, int id, String describe, SourceSpan span) {}

  public ChannelConst channel(int id) {
    for (ChannelConst c : channels) if (c.id() == id) return c;
    return null;
  }

  public IrqConst irq(int id) {
    for (IrqConst i : irqs) if (i.id() == id) return i;
    return null;
  }

  public String passiveName() {
    return pdConstant + "_PASSIVE";
  }

  public String priorityName() {
    return pdConstant + "_PRIORITY";
  }

  public String servesPpcallName() {
    return pdConstant + "_SERVES_PPCALL";
  }
}
