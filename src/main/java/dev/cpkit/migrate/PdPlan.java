// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the migration decided for one protection domain, filled in by the rules and read
 * by the writers (SDF, header, glue, Makefile). Mutable while the rules run.
 */
public final class PdPlan {
  public final String instance;
  public final String name;
  public final CamkesModel.ComponentType type;
  /** Explicit priority from the CAmkES settings, or null when none was set. */
  Integer explicitPriority;
  int priority = 254;
  long budget = 1000;
  long period = 1000;
  boolean passive;
  boolean pp;
  int cpu;
  long stackSize = 0x2000;
  /** The Microkit domain's name, or null (no {@code <domains>}). */
  String domain;
  final List<MapUse> maps = new ArrayList<>();
  final List<ChannelUse> channels = new ArrayList<>();
  final List<IrqUse> irqs = new ArrayList<>();
  final List<PaddrVar> paddrVars = new ArrayList<>();
  VmPlan vm;
  private int nextId;

  PdPlan(String instance, String name, CamkesModel.ComponentType type) {
    this.instance = instance;
    this.name = name;
    this.type = type;
  }

  /** Ids are allocated in the order rules ask, which is the model's source order. */
  int allocateId() {
    return nextId++;
  }

  int idsUsed() {
    return nextId;
  }

  public String domain() {
    return domain;
  }

  public int priority() {
    return priority;
  }

  public List<MapUse> maps() {
    return List.copyOf(maps);
  }

  public List<ChannelUse> channels() {
    return List.copyOf(channels);
  }

  public List<IrqUse> irqs() {
    return List.copyOf(irqs);
  }

  public List<PaddrVar> paddrVars() {
    return List.copyOf(paddrVars);
  }

  public VmPlan vm() {
    return vm;
  }

  /** What a mapped region is to the component's C code. */
  public enum MapRole { DATAPORT, DEVICE, HEAP, DMA, RPC_BUFFER, VIRTQUEUE, GUEST_RAM }

  /**
   * A region mapped into this PD.
   *
   * @param symbol the setvar: a C variable holding the mapped address
   * @param cType what the symbol points to ({@code void}, a struct), for dataports
   */
  public record MapUse(String region, long vaddr, long size, String perms, boolean cached,
      String symbol, String cType, MapRole role, String iface) {}

  /** What a channel means to this PD's glue. */
  public enum ChannelRole {
    EMIT, CONSUME, RPC_CLIENT, RPC_SERVER, SIGNAL_TO_CLIENT, VIRTQUEUE
  }

  /**
   * One end of a channel in this PD.
   *
   * @param iface the CAmkES interface of this PD the channel belongs to
   * @param peer the PD at the other end
   * @param procedure the procedure of an RPC channel, else null
   * @param clientIndex RPC server: the caller's sender id; else 0
   * @param buffer RPC: the setvar of this channel's argument buffer, or null
   * @param signal RPC: the server also notifies the client on this channel
   */
  public record ChannelUse(int id, String iface, String peer, ChannelRole role,
      CamkesModel.Procedure procedure, int clientIndex, String buffer, boolean signal) {}

  /**
   * An interrupt delivered to this PD; {@code iface} is the driver's consumes interface (null
   * for a guest's interrupt). {@code dtb}: one of possibly several interrupts of a
   * seL4DTBHardware interface, dispatched the CAmkES DTB way (a handler registered with
   * {@code ps_irq_register}, else {@code <iface>_irq_handle(ps_irq_t *)}).
   */
  public record IrqUse(int id, long irq, String trigger, String iface, boolean dtb) {
    IrqUse(int id, long irq, String trigger, String iface) {
      this(id, irq, trigger, iface, false);
    }
  }

  /** {@code <setvar symbol region_paddr>}: the physical address of a region (DMA). */
  public record PaddrVar(String symbol, String region) {}

  /** A guest managed by this PD (the VMM). */
  public record VmPlan(String name, List<VmMap> maps) {}

  public record VmMap(String region, long vaddr, String perms, boolean cached) {}
}
