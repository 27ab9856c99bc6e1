// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.image.elf.ElfFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole build after parsing: the fixpoint over invocation-table and system-CNode sizes,
 * then the monitor patch, the report and the loader image, all in memory (the caller writes
 * the files, so that a failed build leaves nothing behind).
 */
public final class ImageBuilder {
  static final long MAX_INVOCATION_TABLE = 128L << 20;

  /**
   * @param builtLines the reference's per-iteration progress lines ({@code BUILT: ...})
   */
  public record Output(byte[] image, String report, List<String> builtLines, BuiltSystem built,
      ElfFile patchedMonitor) {}

  private ImageBuilder() {}

  public static Output build(BuildInput in, ElfFile kernel, ElfFile loader) {
    return build(in, kernel, loader, line -> {});
  }

  /** As {@link #build(BuildInput, ElfFile, ElfFile)}, reporting each BUILT line as it happens. */
  public static Output build(BuildInput in, ElfFile kernel, ElfFile loader,
      java.util.function.Consumer<String> progress) {
    ElfFile monitor = in.monitor();
    if (monitor.segments().size() > 1) {
      // the reference's message lacks its f-prefix, so it prints the braces literally
      throw BuildException.crash("IMG010", "the monitor ELF '" + monitor.name() + "' has "
          + monitor.segments().size() + " program headers; it must have exactly one",
          "Exception: monitor ({monitor_elf_path}) has {len(monitor_elf.segments)} segments;"
              + " must only have one");
    }
    if (monitor.segments().isEmpty()) {
      throw BuildException.crash("IMG010", "the monitor ELF '" + monitor.name() + "' has no"
          + " program headers; it must have exactly one", "AssertionError");
    }
    SystemBuilder builder = new SystemBuilder(in);
    long tableSize = 0x1000;
    long cnodeSize = 2;
    List<String> lines = new ArrayList<>();
    BuiltSystem b;
    while (true) {
      if (tableSize > MAX_INVOCATION_TABLE) {
        throw BuildException.crash("IMG011", "the system needs " + tableSize + " bytes of"
            + " invocations; the monitor maps at most 128 MiB", "AssertionError");
      }
      b = builder.build(tableSize, cnodeSize);
      String line = ("BUILT: system_cnode_size=" + cnodeSize + " built_system.number_of_system_caps="
          + b.numberOfSystemCaps() + " invocation_table_size=" + tableSize
          + " built_system.invocation_data_size=" + b.invocationDataSize());
      lines.add(line);
      progress.accept(line);
      dev.cpkit.diag.Trace.mark("build pass");
      if (b.numberOfSystemCaps() <= cnodeSize && b.invocationDataSize() <= tableSize) break;
      tableSize = Math.max(tableSize, Bits.roundUp(b.invocationDataSize(), 0x1000));
      cnodeSize = Math.max(cnodeSize, Bits.nextPowerOfTwo(b.numberOfSystemCaps()));
    }
    ElfFile mon = monitor.copy();
    KernelAbi abi = in.abi();
    byte[] bootstrapData = InvocationEncoder.encode(b.bootstrapInvocations(), abi);
    List<String> names = new ArrayList<>();
    for (BuildInput.Pd pd : in.pds()) names.add(pd.name());
    MonitorPatcher.patch(mon, b, bootstrapData, names);
    byte[] systemData = InvocationEncoder.encode(b.systemInvocations(), abi);
    dev.cpkit.diag.Trace.mark("monitor patched, invocations encoded");
    String report = ReportWriter.write(b, bootstrapData.length, systemData.length);
    dev.cpkit.diag.Trace.mark("report");
    List<LoaderRegion> regions = new ArrayList<>();
    regions.add(new LoaderRegion("system invocations", b.reservedRegion().base(), systemData));
    // fork: each PD region starts with its offset's zeros
    for (LoaderRegion r : b.pdRegions()) {
      regions.add(new LoaderRegion(r.name(), r.addr(), r.loaded()));
    }
    byte[] image;
    try {
      image = LoaderImage.build(loader, kernel, mon, b.initialTaskPhys().base(),
          b.reservedRegion(), regions, abi);
    } catch (BuildException e) {
      // the reference has written the report by now; the caller may reproduce that
      throw e.withPartialReport(report);
    }
    return new Output(image, report, lines, b, mon);
  }
}
