// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import java.util.HashMap;
import java.util.Map;

/** Which rule migrates which connector (MAPPING.md "Connectors"). */
final class ConnectionRules {
  private ConnectionRules() {}

  private static final String SDDF = "no built-in seL4CP equivalent: the generated channels,"
      + " stubs and per-client buffer reproduce the procedure; for production use the sDDF"
      + " subsystem (net, serial, timer) instead of the CAmkES global component";

  private static final Map<String, ConnectionRule> RULES = new HashMap<>();

  static {
    ConnectionRule shared = new SharedDataRule(false, Kind.EXACT, "");
    RULES.put("seL4SharedData", shared);
    RULES.put("seL4SharedDataWithCaps", new SharedDataRule(false, Kind.APPROXIMATE,
        "frame capabilities are not handed to the component; only the mapping exists"));
    RULES.put("seL4DMASharedData", new SharedDataRule(true, Kind.APPROXIMATE,
        "the region is uncached at the connection's paddr; there is no DMA controller setup"));
    RULES.put("seL4MessageQueue", new SharedDataRule(false, Kind.APPROXIMATE,
        "port the message queue to an sDDF queue over this region and add a channel"));
    ConnectionRule event = new EventRule(Kind.EXACT, "<if>_wait() cannot block in a seL4CP PD:"
        + " move code after a wait into the callback");
    for (String n : new String[] {"seL4Notification", "seL4GlobalAsynch",
        "seL4GlobalAsynchCallback", "seL4NotificationNative", "seL4NotificationBind",
        "seL4RPCEvent"}) {
      RULES.put(n, event);
    }
    RULES.put("seL4NotificationQueue", new EventRule(Kind.APPROXIMATE,
        "notifications do not count: several emits before the consumer runs arrive as one"));
    RPC("seL4RPCCall", false, false, Kind.EXACT, "");
    RPC("seL4RPCCallNoType", false, false, Kind.EXACT, "");
    RPC("seL4RPCNoThreads", false, false, Kind.EXACT, "");
    RPC("seL4DirectCall", false, false, Kind.APPROXIMATE,
        "a direct call within one address space becomes a protected call between two PDs");
    RPC("seL4RPCOverMultiSharedData", false, false, Kind.APPROXIMATE,
        "arguments travel in message registers instead of the shared data");
    RPC("seL4RPCCallSignal", false, true, Kind.APPROXIMATE,
        "the server signals a client with <if>_emit(id) on the RPC channel");
    String dp = "bulk data goes through <if>_buf, a region per client (the server sees client"
        + " k's as <if>_buf_k)";
    RPC("seL4RPCDataport", true, false, Kind.APPROXIMATE, dp);
    RPC("seL4RPCDataportNoThreads", true, false, Kind.APPROXIMATE, dp);
    RPC("seL4RPCDataportSignal", true, true, Kind.APPROXIMATE, dp
        + "; the server signals client k with <if>_emit(k)");
    for (String n : new String[] {"seL4Ethdriver", "seL4SerialServer", "seL4TimeServer",
        "seL4PicoServer", "seL4PicoServerSignal", "seL4GPIOServer"}) {
      RPC(n, true, true, Kind.MANUAL, SDDF);
    }
    RULES.put("seL4HardwareMMIO", new HardwareRule(HardwareRule.Mode.MMIO));
    RULES.put("seL4HardwareInterrupt", new HardwareRule(HardwareRule.Mode.INTERRUPT));
    RULES.put("seL4GlobalAsynchHardwareInterrupt", new HardwareRule(HardwareRule.Mode.INTERRUPT));
    RULES.put("seL4VirtQueues", new VirtQueueRule());
    RULES.put("seL4VMDTBPassthrough", new VmRule.Passthrough());
    for (String n : new String[] {"seL4DTBHardware", "seL4DTBHW", "seL4DTBHardwareThreadless",
        "seL4DTBHWThreadless"}) {
      RULES.put(n, new DtbHardwareRule());
    }
    RULES.put("seL4HardwareIOPort", new ManualRule("x86 I/O ports: Microkit's <ioport> on an"
        + " x86 board; nothing on ARM"));
    RULES.put("seL4IOAPICHardwareInterrupt", new ManualRule("x86 I/O APIC interrupt: an <irq"
        + " pin=... vector=...> on a Microkit x86 board"));
    RULES.put("seL4InitHardware", new ManualRule("initialise the hardware in init()"));
    RULES.put("seL4GDB", new ManualRule("use the seL4CP debug tooling"));
    RULES.put("seL4GDBMem", new ManualRule("use the seL4CP debug tooling"));
  }

  private static void RPC(String name, boolean dataport, boolean signal, Kind kind, String note) {
    RULES.put(name, new RpcRule(new RpcRule.Variant(dataport, signal, kind, note)));
  }

  /** The rule for a connector, or null when there is none (an error: MIG002). */
  static ConnectionRule of(String connector) {
    return RULES.get(connector);
  }
}
