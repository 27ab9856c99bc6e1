// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One PD's plan grouped by CAmkES interface, as the header and glue writers need it: which
 * channels an emitting interface notifies, which a consuming one listens on, which an RPC
 * server answers, and the names of the C constants for every id.
 */
final class PdView {
  final PdPlan pd;
  final Map<String, List<PdPlan.ChannelUse>> emits = new LinkedHashMap<>();
  final Map<String, List<PdPlan.ChannelUse>> consumes = new LinkedHashMap<>();
  final Map<String, PdPlan.ChannelUse> rpcClients = new LinkedHashMap<>();
  final Map<String, List<PdPlan.ChannelUse>> rpcServers = new LinkedHashMap<>();
  final Map<String, PdPlan.ChannelUse> virtqueues = new LinkedHashMap<>();
  final Map<String, PdPlan.IrqUse> irqs = new LinkedHashMap<>();
  final List<PdPlan.IrqUse> guestIrqs = new ArrayList<>();
  /** seL4DTBHardware interfaces and their interrupts (several per interface). */
  final Map<String, List<PdPlan.IrqUse>> dtbIrqs = new LinkedHashMap<>();
  private final Map<Integer, String> channelNames = new java.util.HashMap<>();

  PdView(PdPlan pd) {
    this.pd = pd;
    for (PdPlan.ChannelUse c : pd.channels) {
      switch (c.role()) {
        case EMIT -> emits.computeIfAbsent(c.iface(), k -> new ArrayList<>()).add(c);
        case CONSUME -> consumes.computeIfAbsent(c.iface(), k -> new ArrayList<>()).add(c);
        case RPC_CLIENT -> rpcClients.put(c.iface(), c);
        case RPC_SERVER -> rpcServers.computeIfAbsent(c.iface(), k -> new ArrayList<>()).add(c);
        case VIRTQUEUE -> virtqueues.put(c.iface(), c);
        default -> { }
      }
    }
    for (PdPlan.IrqUse i : pd.irqs) {
      if (i.iface() == null) guestIrqs.add(i);
      else if (i.dtb()) dtbIrqs.computeIfAbsent(i.iface(), k -> new ArrayList<>()).add(i);
      else irqs.put(i.iface(), i);
    }
    // two channels between the same interface and peer (two uses of one provides) get the
    // channel id appended, so every constant is distinct
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (PdPlan.ChannelUse c : pd.channels) {
      String n = "CH_" + Names.macro(c.iface()) + "_" + Names.macro(c.peer());
      channelNames.put(c.id(), seen.add(n) ? n : n + "_" + c.id());
    }
  }

  /** {@code CH_<IFACE>_<PEER>}: the channel constant, named after interface and peer. */
  String channelConst(PdPlan.ChannelUse c) {
    return channelNames.get(c.id());
  }

  static String irqConst(PdPlan.IrqUse i) {
    if (i.iface() == null) return "IRQ_GUEST_" + i.irq();
    return "IRQ_" + Names.macro(i.iface()) + (i.dtb() ? "_" + i.irq() : "");
  }

  /** Interfaces whose events the glue counts and dispatches to callbacks. */
  Map<String, List<PdPlan.ChannelUse>> eventSources() {
    Map<String, List<PdPlan.ChannelUse>> m = new LinkedHashMap<>(consumes);
    for (var e : rpcClients.entrySet()) if (e.getValue().signal()) m.put(e.getKey(), List.of(e.getValue()));
    for (var e : virtqueues.entrySet()) m.put(e.getKey(), List.of(e.getValue()));
    return m;
  }

  List<CamkesModel.Interface> interfaces() {
    return pd.type.interfaces();
  }
}
