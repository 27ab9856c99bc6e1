// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.image.elf.ElfFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What the builder learns from the kernel ELF, the only source of board facts (the reference
 * tool has no board table): RAM ({@code avail_p_regs}), kernel-only device pages
 * ({@code kernel_device_frames} entries with userAvailable = 0), and where the kernel image
 * and its boot code end ({@code ki_end}, {@code ki_boot_end}), translated to physical
 * addresses through program header 0, whatever its type, as the reference does.
 */
public record KernelFacts(
    List<long[]> ram,
    List<Long> kernelDeviceFrames,
    long imageStart,
    long imageEnd,
    long bootEnd) {

  public static KernelFacts of(ElfFile kernel) {
    return of(kernel, KernelAbi.sel4cp126());
  }

  /**
   * As {@link #of(ElfFile)} for a kernel of {@code abi}: the fork accepts a kernel without
   * {@code kernel_device_frames} (none), and its RISC-V entries are {paddr, pptr, userAvailable}
   * as three 64-bit words.
   */
  public static KernelFacts of(ElfFile kernel, KernelAbi abi) {
    if (kernel.segments().isEmpty()) {
      throw BuildException.crash("IMG025", "the kernel ELF '" + kernel.name()
          + "' has no program headers", "IndexError: list index out of range");
    }
    boolean optional = abi.fork() && !kernel.hasSymbol("kernel_device_frames");
    ByteBuffer frames = le(optional ? new byte[0] : kernel.symbolData("kernel_device_frames"));
    List<Long> devices = new ArrayList<>();
    // 24-byte {paddr, pptr, xn, userAvailable}; a trailing partial entry would make the
    // reference's struct unpack fail, so it is ignored only if the symbol is malformed
    while (frames.remaining() >= 24) {
      long paddr = frames.getLong();
      frames.getLong();
      long userAvailable;
      if (abi.riscv()) {
        userAvailable = frames.getLong();
      } else {
        frames.getInt();
        userAvailable = frames.getInt();
      }
      if (userAvailable == 0) devices.add(paddr);
    }
    ByteBuffer regs = le(kernel.symbolData("avail_p_regs"));
    List<long[]> ram = new ArrayList<>();
    while (regs.remaining() >= 16) ram.add(new long[] {regs.getLong(), regs.getLong()});
    long base = kernel.segments().get(0).paddr();
    long vbase = kernel.segments().get(0).vaddr();
    long kiEnd = kernel.symbol("ki_end")[0] - vbase + base;
    long kiBootEnd = kernel.symbol("ki_boot_end")[0] - vbase + base;
    return new KernelFacts(List.copyOf(ram), List.copyOf(devices), base, kiEnd, kiBootEnd);
  }

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }
}
