// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Platform facts that SDF rules depend on, for one board/kernel configuration. The rows live
 * in {@code boards.tsv} (see {@link BoardTable}); a {@code --kernel-config} file holds the same
 * keys.
 *
 * @param cores number of CPU cores the kernel is built for ({@code cpu} must be below it)
 * @param hypervisor kernel built as a hypervisor (virtual machines allowed)
 * @param iommu kernel built with IOMMU support ({@code io_address_space} allowed)
 * @param smc AArch64 kernel forwards SMC calls ({@code smc="true"} allowed)
 * @param numDomains KernelNumDomains
 * @param numDomainSchedules KernelNumDomainSchedules
 * @param userTop the kernel's user virtual address space top (Microkit map limits)
 */
public record Board(
    String name,
    Arch arch,
    List<Long> pageSizes,
    int cores,
    boolean hypervisor,
    boolean iommu,
    boolean smc,
    int numDomains,
    int numDomainSchedules,
    long userTop) {

  public Board {
    pageSizes = List.copyOf(pageSizes);
  }

  /** The page sizes every reference tool supports: 4 KiB and 2 MiB. */
  public static final List<Long> STANDARD_PAGE_SIZES = List.of(0x1000L, 0x200000L);

  public enum Arch {
    AARCH64,
    RISCV64,
    X86_64;

    public boolean isArm() {
      return this == AARCH64;
    }

    public boolean isX86() {
      return this == X86_64;
    }

    public static Arch parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT).replace("-", "_")) {
        case "aarch64", "arm", "arm64" -> AARCH64;
        case "riscv64", "riscv" -> RISCV64;
        case "x86_64", "x86", "x86-64" -> X86_64;
        default -> throw new IllegalArgumentException("unknown architecture '" + s + "'");
      };
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public long smallestPageSize() {
    return pageSizes.get(0);
  }

  /**
   * A copy with the given facts replaced. Keys are the column names of {@code boards.tsv}
   * (and of a {@code --kernel-config} file); unknown keys or bad values throw
   * IllegalArgumentException with a message for the user.
   */
  public Board with(Map<String, String> facts) {
    String name = this.name;
    Arch arch = this.arch;
    int cores = this.cores;
    boolean hypervisor = this.hypervisor;
    boolean iommu = this.iommu;
    boolean smc = this.smc;
    int numDomains = this.numDomains;
    int numDomainSchedules = this.numDomainSchedules;
    long userTop = this.userTop;
    for (Map.Entry<String, String> e : facts.entrySet()) {
      String v = e.getValue().trim();
      switch (e.getKey().trim()) {
        case "name" -> name = v;
        case "arch" -> arch = Arch.parse(v);
        case "cores" -> cores = (int) number(e.getKey(), v);
        case "hypervisor" -> hypervisor = bool(e.getKey(), v);
        case "iommu" -> iommu = bool(e.getKey(), v);
        case "smc" -> smc = bool(e.getKey(), v);
        case "domains" -> numDomains = (int) number(e.getKey(), v);
        case "domain_schedules" -> numDomainSchedules = (int) number(e.getKey(), v);
        case "user_top" -> userTop = number(e.getKey(), v);
        default -> throw new IllegalArgumentException("unknown kernel configuration key '"
            + e.getKey() + "' (known: name, arch, cores, hypervisor, iommu, smc, domains,"
            + " domain_schedules, user_top)");
      }
    }
    return new Board(name, arch, pageSizes, cores, hypervisor, iommu, smc, numDomains,
        numDomainSchedules, userTop);
  }

  static long number(String key, String v) {
    try {
      String t = v.replace("_", "");
      if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseUnsignedLong(t.substring(2), 16);
      return Long.parseLong(t);
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("'" + key + "' must be a number, not '" + v + "'");
    }
  }

  static boolean bool(String key, String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new IllegalArgumentException("'" + key + "' must be true or false, not '"
          + v + "'");
    };
  }
}
