// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.image.elf.ElfFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes what the monitor needs into its ELF: the untyped list (so it can check the boot
 * emulation at run time), the bootstrap invocations, the invocation counts, the fault endpoint
 * and reply caps, per-PD cap arrays indexed by fault badge, and PD names for fault messages.
 */
final class MonitorPatcher {
  static final int UNTYPED_HEADER = 16;
  static final int UNTYPED_ENTRY = 24;

  private MonitorPatcher() {}

  static void patch(ElfFile monitor, BuiltSystem b, byte[] bootstrapData, List<String> pdNames) {
    List<UntypedObject> uts = b.bootInfo().untypeds();
    long infoSize = monitor.symbol("untyped_info")[1];
    long max = (infoSize - UNTYPED_HEADER) / UNTYPED_ENTRY;
    if (uts.size() > max) {
      String m = String.format(java.util.Locale.ROOT, "%,d", max);
      String n = String.format(java.util.Locale.ROOT, "%,d", uts.size());
      throw BuildException.crash("IMG060", "the monitor supports " + m + " untyped regions but"
          + " this board's memory splits into " + n,
          "Exception: Too many untyped objects: monitor (" + monitor.name() + ") supports " + m
              + " regions. System has " + n + " objects.");
    }
    ByteBuffer info = le(UNTYPED_HEADER + UNTYPED_ENTRY * uts.size());
    info.putLong(uts.get(0).cap()).putLong(uts.get(uts.size() - 1).cap() + 1);
    for (UntypedObject ut : uts) info.putLong(ut.base()).putLong(ut.sizeBits()).putLong(ut.device() ? 1 : 0);
    monitor.writeSymbol("untyped_info", info.array());

    long room = monitor.symbol("bootstrap_invocation_data")[1];
    if (bootstrapData.length > room && b.abi().fork()) {
      // the fork prints the sizes, then crashes in its dump (a wrong call to
      // invocation_to_str): a crash here too
      throw BuildException.crash("IMG061", "the bootstrap invocations need "
          + bootstrapData.length + " bytes but the monitor's bootstrap_invocation_data holds "
          + room, "TypeError: invocation_to_str() missing 1 required positional argument:"
          + " 'cap_lookup'").withReferenceDump("INTERNAL ERROR: bootstrap invocations too large\n"
              + "bootstrap invocation array size   : " + room + "\n"
              + "bootstrap invocation required size: " + bootstrapData.length + "\n");
    }
    if (bootstrapData.length > room) {
      throw BuildException.user("IMG061", "the bootstrap invocations need " + bootstrapData.length
          + " bytes but the monitor's bootstrap_invocation_data holds " + room + "; the"
          + " system needs more slots or a larger invocation table than the monitor can set up"
          + " before it maps the table (usually: too many pages in the invocation table, so"
          + " they span too many untypeds)", "bootstrap invocations too large for monitor")
          .withHint("reduce the number of mappings or channels, or rebuild the monitor with a"
              + " larger bootstrap_invocation_data array")
          .withReferenceDump(ReportWriter.bootstrapDump(b, room, bootstrapData.length));
    }
    monitor.writeSymbol("bootstrap_invocation_count", word(b.bootstrapInvocations().size()));
    monitor.writeSymbol("system_invocation_count", word(b.systemInvocations().size()));
    monitor.writeSymbol("bootstrap_invocation_data", bootstrapData);
    monitor.writeSymbol("fault_ep", word(b.faultEpCap()));
    monitor.writeSymbol("reply", word(b.replyCap()));
    monitor.writeSymbol("tcbs", badgeIndexed(b.tcbCaps()));
    monitor.writeSymbol("scheduling_contexts", badgeIndexed(b.schedCaps()));
    monitor.writeSymbol("notification_caps", badgeIndexed(b.notificationCaps()));
    byte[] names = new byte[64 * 16];
    for (int i = 0; i < pdNames.size(); i++) {
      byte[] nm = pdNames.get(i).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(nm, 0, names, (i + 1) * 16, Math.min(nm.length, 15));
    }
    monitor.writeSymbol("pd_names", names);
  }

  /** {@code [0, caps...]}: entry i belongs to the PD whose fault badge is i. */
  private static byte[] badgeIndexed(long[] caps) {
    ByteBuffer b = le(8 * (caps.length + 1));
    b.putLong(0);
    for (long c : caps) b.putLong(c);
    return b.array();
  }

  private static byte[] word(long v) {
    return le(8).putLong(v).array();
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
