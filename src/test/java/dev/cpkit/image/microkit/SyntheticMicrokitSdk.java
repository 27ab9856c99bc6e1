// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image.microkit;

import dev.cpkit.image.elf.ElfSegment;
import dev.cpkit.image.elf.ElfWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a synthetic Microkit 2.x SDK for one board/config: the JSON files the tool reads
 * (with the shapes seL4 and build_sdk.py give them, made-up values) and small ELF files with
 * only the segments and symbols cpkit reads. Nothing here comes from a real SDK.
 */
final class SyntheticMicrokitSdk {
  static final long AARCH64_VBASE = 0xffffff8000000000L;
  static final long RISCV_VBASE = 0xffffffc000000000L;

  /** A board: architecture, RAM, device regions, kernel placement and sizes. */
  record Board(String name, String arch, List<long[]> memory, List<long[]> devices,
      long kernelPaddr, long kernelSize, long kernelBootSize, long loaderLink) {

    /** AArch64, 1 GiB of RAM at 0x40000000, the kernel at its start; a made-up map. */
    static Board aarch64() {
      return new Board("virt_aarch64", "aarch64", List.<long[]>of(new long[] {0x40000000L,
          0x80000000L}), List.of(new long[] {0x0L, 0x8000000L}, new long[] {0x8010000L,
              0x40000000L}, new long[] {0x80000000L, 0x10000000000L}),
          0x40000000L, 0x40000L, 0x20000L, 0x70000000L);
    }

    /** RISC-V, 512 MiB of RAM at 0x80000000, the kernel at 0x80200000. */
    static Board riscv64() {
      return new Board("virt_riscv64", "riscv64", List.<long[]>of(new long[] {0x80000000L,
          0xa0000000L}), List.of(new long[] {0x0L, 0x80000000L}),
          0x80200000L, 0x30000L, 0x10000L, 0x90000000L);
    }

    long virtualBase() {
      return arch.equals("riscv64") ? RISCV_VBASE : AARCH64_VBASE;
    }
  }

  private SyntheticMicrokitSdk() {}

  /** Writes {@code sdk/board/<board>/<config>/...}; returns the config folder. */
  static Path write(Path sdk, Board b, String config) throws IOException {
    Path dir = sdk.resolve("board").resolve(b.name()).resolve(config);
    Files.createDirectories(dir.resolve("elf"));
    Files.createDirectories(dir.resolve("include/kernel"));
    Files.writeString(dir.resolve("include/kernel/gen_config.json"), genConfig(b, config));
    Files.writeString(dir.resolve("platform_gen.json"), platformGen(b));
    Files.writeString(dir.resolve("object_sizes.json"), objectSizes(b));
    Files.writeString(dir.resolve("address_space_constants.json"),
        "{\"page_table_index_bits\": 9, \"vspace_user_top\": " + (b.arch().equals("riscv64")
            ? 274877906943L : 1099511627775L)
            + (b.arch().equals("aarch64") ? ", \"vspace_index_bits\": 9" : "") + "}");
    Files.writeString(dir.resolve("invocations_all.json"),
        "{\"UntypedRetype\": 1, \"TCBReadRegisters\": 2, \"TCBWriteRegisters\": 3}");
    Files.write(dir.resolve("elf/sel4.elf"), kernel(b));
    Files.write(dir.resolve("elf/loader.elf"), program(b.loaderLink(), 0x2000, 0, 1));
    Files.write(dir.resolve("elf/monitor.elf"), program(0x200000, 0x3000, 0x1000, 2));
    Files.write(dir.resolve("elf/initialiser.elf"), program(0x400000, 0x5000, 0x2800, 3));
    return dir;
  }

  static String genConfig(Board b, String config) {
    StringBuilder s = new StringBuilder("{\n");
    s.append("  \"KERNEL_ARCH\": \"").append(b.arch().equals("riscv64") ? "riscv" : "arm")
        .append("\",\n");
    s.append("  \"SEL4_ARCH\": \"").append(b.arch()).append("\",\n");
    if (b.arch().equals("aarch64")) {
      s.append("  \"ARM_HYPERVISOR_SUPPORT\": false,\n  \"ARM_PA_SIZE_BITS_40\": true,\n"
          + "  \"ARM_PA_SIZE_BITS_44\": false,\n  \"ALLOW_SMC_CALLS\": false,\n");
    }
    s.append("  \"WORD_SIZE\": \"64\",\n  \"PADDR_USER_DEVICE_TOP\": \"")
        .append(b.arch().equals("riscv64") ? 274877906944L : 1099511627776L).append("\",\n")
        .append("  \"ROOT_CNODE_SIZE_BITS\": \"12\",\n  \"RETYPE_FAN_OUT_LIMIT\": \"256\",\n")
        .append("  \"MAX_NUM_BOOTINFO_UNTYPED_CAPS\": \"230\",\n")
        .append("  \"ENABLE_SMP_SUPPORT\": ").append(config.startsWith("smp")).append(",\n")
        .append("  \"MAX_NUM_NODES\": \"").append(config.startsWith("smp") ? 4 : 1)
        .append("\",\n  \"NUM_DOMAINS\": \"1\",\n  \"NUM_DOMAIN_SCHEDULES\": \"1\",\n")
        .append("  \"HAVE_FPU\": true\n}\n");
    return s.toString();
  }

  static String platformGen(Board b) {
    return "{\"devices\": " + regions(b.devices()) + ", \"memory\": " + regions(b.memory())
        + "}";
  }

  private static String regions(List<long[]> rs) {
    List<String> out = new ArrayList<>();
    for (long[] r : rs) {
      out.add("{\"start\": " + Long.toUnsignedString(r[0]) + ", \"end\": "
          + Long.toUnsignedString(r[1]) + "}");
    }
    return "[" + String.join(", ", out) + "]";
  }

  static String objectSizes(Board b) {
    boolean rv = b.arch().equals("riscv64");
    return "{\"tcb\": " + (rv ? 10 : 11) + ", \"endpoint\": 4, \"notification\": 5,"
        + " \"small_page\": 12, \"large_page\": 21, \"asid_pool\": 12, \"asid_table\": 7,"
        + " \"slot\": 5, \"min_untyped_bits\": 4, \"max_untyped_bits\": " + (rv ? 38 : 47)
        + ", \"vspace\": 12, \"reply\": 5" + (rv ? "" : ", \"vcpu\": 12")
        + ", \"page_table\": 12, \"huge_page\": 30}";
  }

  /** A kernel: one RWX segment (file bytes + zero fill), ki_boot_end and ki_end symbols. */
  static byte[] kernel(Board b) {
    long v = b.kernelPaddr() + b.virtualBase();
    byte[] text = new byte[0x1000];
    for (int i = 0; i < text.length; i++) text[i] = (byte) (i * 13 + 1);
    return new ElfWriter(v)
        .segment(ElfSegment.PT_LOAD, 7, v, b.kernelPaddr(), text, b.kernelSize())
        .symbol("ki_boot_end", v + b.kernelBootSize(), 0)
        .symbol("ki_end", v + b.kernelSize(), 0)
        .toBytes();
  }

  /** A program linked at {@code base}: text (RX) and data (RW) with .bss. */
  static byte[] program(long base, long textSize, long dataMemSize, int seed) {
    byte[] t = new byte[(int) textSize];
    for (int i = 0; i < t.length; i++) t[i] = (byte) (i * 7 + seed);
    ElfWriter w = new ElfWriter(base).symbol("microkit_name", base, 16);
    w.segment(ElfSegment.PT_LOAD, 5, base, base, t, textSize);
    if (dataMemSize > 0) {
      long data = base + ((textSize + 0xfff) & ~0xfffL);
      w.segment(ElfSegment.PT_LOAD, 6, data, data, new byte[0x100], dataMemSize);
    }
    return w.toBytes();
  }
}
