// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.image.KernelFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical memory facts of an SDK's kernel ({@code sel4.elf}, read by {@link KernelFacts}
 * as the image builder reads them) in the shape of cpkit's board tables: the RAM
 * ({@code avail_p_regs}) and the kernel image, whose boot code (up to {@code ki_boot_end})
 * the kernel gives back as untypeds after boot and whose rest (up to {@code ki_end}) it keeps.
 */
final class KernelMemory {
  private KernelMemory() {}

  static BoardMemory.Ram ram(String board, SdkBuild sdk) {
    List<BoardMemory.Range> ranges = new ArrayList<>();
    for (long[] r : sdk.kernel().ram()) ranges.add(new BoardMemory.Range(r[0], r[1] - r[0]));
    return new BoardMemory.Ram(board, ranges, "RAM from sel4.elf (avail_p_regs) of "
        + sdk.where());
  }

  /** The kernel image and, while booting, the boot image at the loader's link address. */
  static List<BoardMemory.Reserved> reserved(SdkBuild sdk) {
    List<BoardMemory.Reserved> out = reserved(sdk.kernel());
    if (sdk.loaderBase() >= 0) {
      out.add(new BoardMemory.Reserved(sdk.loaderBase(), sdk.imageSize(), "loader.img", false,
          true, "from loader.elf: its link address; " + (sdk.imageSize() > 0
              ? "the size of the image built" : "size unknown without a build")
              + "; U-Boot or QEMU loads the image here"));
    }
    return out;
  }

  static List<BoardMemory.Reserved> reserved(KernelFacts k) {
    List<BoardMemory.Reserved> out = new ArrayList<>();
    if (k.bootEnd() > k.imageStart()) {
      out.add(new BoardMemory.Reserved(k.imageStart(), k.bootEnd() - k.imageStart(),
          "seL4 kernel boot code", false, true, "from sel4.elf: kernel image start to"
              + " ki_boot_end; given back as untypeds after boot"));
    }
    out.add(new BoardMemory.Reserved(k.bootEnd(), k.imageEnd() - k.bootEnd(),
        "seL4 kernel image", false, false, "from sel4.elf: ki_boot_end to ki_end"));
    return out;
  }

  /** What the reader should know about the SDK part of the analysis. */
  static List<String> remarks(SdkBuild sdk) {
    List<String> out = new ArrayList<>();
    if (!sdk.missing().isEmpty()) {
      out.add("program image" + (sdk.missing().size() == 1 ? "" : "s") + " not found for the"
          + " image build (" + String.join(", ", sdk.missing()) + "; looked for as cpkit build"
          + " does: the current directory, then --search-path): the memory map shows the"
          + " kernel's facts only, not the invocation table, PD images, monitor and kernel"
          + " objects");
    }
    return out;
  }
}
