// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.image.BuildException;
import dev.cpkit.json.JsonValue.JObject;
import dev.cpkit.system.Board;
import java.nio.file.Path;

/**
 * seL4's {@code gen_config.json} as Microkit reads it ({@code main.rs}): strings for names
 * and numbers ({@code "WORD_SIZE": "64"}, read with {@code json_str}/{@code json_str_as_u64}),
 * JSON booleans for flags ({@code json_str_as_bool}). Fields are read in Microkit's order, so
 * that the first missing one is the one Microkit reports; fields an architecture does not
 * use are not read.
 */
public final class GenConfig {
  private final SdkJsonFile file;
  private final JObject root;

  private GenConfig(SdkJsonFile file) {
    this.file = file;
    this.root = file.object(file.root(), "the kernel configuration");
  }

  public static GenConfig read(Path path) {
    return new GenConfig(SdkJsonFile.read(path, "kernel configuration file"));
  }

  /** {@code SEL4_ARCH}: aarch64, riscv64 or x86_64 (anything else: IMG110). */
  public Board.Arch arch() {
    String a = file.string(root, "SEL4_ARCH");
    return switch (a) {
      case "aarch64" -> Board.Arch.AARCH64;
      case "riscv64" -> Board.Arch.RISCV64;
      case "x86_64" -> Board.Arch.X86_64;
      default -> throw file.error("IMG110", root.get("SEL4_ARCH"), "SEL4_ARCH is '" + a
          + "'; Microkit builds for aarch64, riscv64 and x86_64", null);
    };
  }

  /** The whole configuration; {@code configName} is the SDK config ({@code benchmark}...). */
  public MicrokitKernelConfig kernelConfig(String configName, ObjectSizes sizes,
      AddressSpaceConstants addressSpace) {
    Board.Arch arch = arch();
    boolean hypervisor = switch (arch) {
      case AARCH64 -> file.bool(root, "ARM_HYPERVISOR_SUPPORT");
      case X86_64 -> file.bool(root, "VTX");
      case RISCV64 -> false; // no hypervisor mode on RISC-V
    };
    boolean iommu = arch == Board.Arch.X86_64 && file.bool(root, "IOMMU");
    Integer paBits = null;
    Boolean smc = null;
    if (arch == Board.Arch.AARCH64) {
      if (file.bool(root, "ARM_PA_SIZE_BITS_40")) {
        paBits = 40;
      } else if (file.bool(root, "ARM_PA_SIZE_BITS_44")) {
        paBits = 44;
      } else {
        throw file.error("IMG111", root, "an AArch64 kernel must have 40 or 44 physical address"
            + " bits (ARM_PA_SIZE_BITS_40 or ARM_PA_SIZE_BITS_44 true)", null);
      }
      smc = file.bool(root, "ALLOW_SMC_CALLS");
    }
    long wordSize = file.decimalString(root, "WORD_SIZE");
    long deviceTop = file.decimalString(root, "PADDR_USER_DEVICE_TOP");
    long cnodeBits = file.decimalString(root, "ROOT_CNODE_SIZE_BITS");
    long fanOut = file.decimalString(root, "RETYPE_FAN_OUT_LIMIT");
    long maxUntypeds = file.decimalString(root, "MAX_NUM_BOOTINFO_UNTYPED_CAPS");
    int cores = 1;
    if (file.bool(root, "ENABLE_SMP_SUPPORT")) {
      cores = small(root, "MAX_NUM_NODES", file.decimalString(root, "MAX_NUM_NODES"));
    }
    int domains = small(root, "NUM_DOMAINS", file.decimalString(root, "NUM_DOMAINS"));
    long schedules = file.decimalString(root, "NUM_DOMAIN_SCHEDULES");
    boolean fpu = file.bool(root, "HAVE_FPU");
    if (wordSize != 64) {
      // Microkit asserts this after checking the loader ELF
      throw BuildException.user("IMG112", file.path().getFileName() + ": WORD_SIZE is "
          + wordSize + "; Microkit builds 64-bit systems only", null)
          .at(file.at(root.get("WORD_SIZE")));
    }
    if (cnodeBits > 58) {
      throw file.error("IMG109", root.get("ROOT_CNODE_SIZE_BITS"), "ROOT_CNODE_SIZE_BITS is "
          + cnodeBits + ", too large for a CNode", null);
    }
    return new MicrokitKernelConfig(arch, wordSize, deviceTop, (int) cnodeBits, fanOut,
        maxUntypeds, hypervisor, iommu, paBits, smc, cores, domains, schedules, fpu,
        configName.equals("benchmark"), arch == Board.Arch.RISCV64 ? 1L << 21 : 1L << 12,
        1L << sizes.smallPage(), sizes, addressSpace);
  }

  /** Microkit keeps these in a u8 (a panic above 255). */
  private int small(JObject o, String key, long v) {
    if (Long.compareUnsigned(v, 255) > 0) {
      throw file.error("IMG109", o.get(key), key + " is " + Long.toUnsignedString(v)
          + "; Microkit keeps it in 8 bits (at most 255)", null);
    }
    return (int) v;
  }
}
