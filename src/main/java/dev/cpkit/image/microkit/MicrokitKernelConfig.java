// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.system.Board;

/**
 * The kernel configuration Microkit builds against ({@code sel4.rs#Config}), from the SDK's
 * {@code include/kernel/gen_config.json}, {@code object_sizes.json} and
 * {@code address_space_constants.json}; see {@link GenConfig} for how each field is read.
 *
 * @param armPaBits AArch64: 40 or 44; null elsewhere
 * @param armSmc AArch64: whether SMC forwarding is allowed; null elsewhere
 * @param kernelFrameSize the kernel's own frame size: 2 MiB on RISC-V, 4 KiB elsewhere
 * @param minimumPageSize 2^small_page
 * @param benchmark whether the config is named {@code benchmark} (Microkit's test)
 */
public record MicrokitKernelConfig(
    Board.Arch arch,
    long wordSize,
    long paddrUserDeviceTop,
    int rootCnodeBits,
    long fanOutLimit,
    long maxBootinfoUntypeds,
    boolean hypervisor,
    boolean iommu,
    Integer armPaBits,
    Boolean armSmc,
    int cores,
    int numDomains,
    long numDomainSchedules,
    boolean fpu,
    boolean benchmark,
    long kernelFrameSize,
    long minimumPageSize,
    ObjectSizes objectSizes,
    AddressSpaceConstants addressSpace) {

  /** The page sizes Microkit maps with: 4 KiB and 2 MiB on every architecture. */
  public static final java.util.List<Long> PAGE_SIZES = Board.STANDARD_PAGE_SIZES;

  /**
   * The kernel's {@code PPTR_BASE}: kernel virtual = physical + this (wrapping), which the
   * boot emulation needs because the kernel splits memory into untypeds by virtual address.
   */
  public long virtualBase() {
    return switch (arch) {
      case AARCH64 -> hypervisor ? 0x0000008000000000L : 0xffffff8000000000L;
      case RISCV64 -> 0xffffffc000000000L; // Sv39, the only RISC-V layout Microkit supports
      case X86_64 -> 0xffffff8000000000L;
    };
  }

  /** AArch64 with a hypervisor and 40 PA bits: the stage-2 VSpace starts at level 1. */
  public boolean aarch64VspaceStartsAtLevel1() {
    return arch == Board.Arch.AARCH64 && hypervisor && armPaBits != null && armPaBits == 40;
  }

  /** The facts SDF validation needs, for {@code Sdf.check} with this SDK's kernel. */
  public Board toBoard(String name) {
    return new Board(name, arch, PAGE_SIZES, cores, hypervisor, iommu,
        armSmc != null && armSmc, numDomains, (int) Math.min(numDomainSchedules,
            Integer.MAX_VALUE), addressSpace.vspaceUserTop());
  }
}
