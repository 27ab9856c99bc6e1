// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.image.fixture.SyntheticSdk;
import dev.cpkit.image.fixture.SyntheticSdk.Board;
import dev.cpkit.image.fixture.SyntheticSdk.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build fixtures: small systems over synthetic SDKs. Each case is a folder with
 * {@code sdk/}, the PD programs and {@code case.system}. The golden outputs under
 * {@code src/test/resources/image/golden/<case>/} were produced by the reference tool on
 * these same folders (see the README there); {@code main} writes the folders for that.
 */
public final class Fixtures {
  private Fixtures() {}

  /** A case: board, system text, and the programs it names. */
  public record Case(String name, Board board, String system, Map<String, Program> programs) {}

  public static final String CONFIG = "debug";

  public static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    Board zcu = Board.zcu102Like();
    out.add(new Case("hello", zcu, """
        <?xml version="1.0" encoding="UTF-8"?>
        <system>
            <protection_domain name="hello" priority="254">
                <program_image path="hello.elf" />
            </protection_domain>
        </system>
        """, Map.of("hello.elf", Program.small())));
    Map<String, Program> pp = new LinkedHashMap<>();
    pp.put("client.elf", Program.small("shared_vaddr", "shared_paddr", "uart_base"));
    pp.put("server.elf", Program.small("shared_vaddr"));
    pp.put("driver.elf", Program.small("uart_base"));
    out.add(new Case("pingpong", zcu, """
        <?xml version="1.0" encoding="UTF-8"?>
        <system>
            <memory_region name="shared" size="0x3000" />
            <memory_region name="uart" size="0x1000" phys_addr="0xff0a0000" />
            <protection_domain name="client" priority="10" budget="500" period="2000">
                <program_image path="client.elf" />
                <map mr="shared" vaddr="0x4000000" perms="rw" setvar_vaddr="shared_vaddr" />
                <setvar symbol="shared_paddr" region_paddr="shared" />
                <map mr="uart" vaddr="0x5000000" perms="rw" cached="false" setvar_vaddr="uart_base" />
            </protection_domain>
            <protection_domain name="server" priority="20" pp="true" passive="true">
                <program_image path="server.elf" />
                <map mr="shared" vaddr="0x4000000" perms="r" setvar_vaddr="shared_vaddr" />
            </protection_domain>
            <protection_domain name="uart_driver_with_long_name" priority="30" pp="true">
                <program_image path="driver.elf" />
                <map mr="uart" vaddr="0x5000000" perms="rw" cached="false" setvar_vaddr="uart_base" />
                <irq irq="33" id="5" />
                <irq irq="34" id="6" />
            </protection_domain>
            <channel>
                <end pd="client" id="1" />
                <end pd="server" id="2" />
            </channel>
            <channel>
                <end pd="uart_driver_with_long_name" id="1" />
                <end pd="client" id="3" />
            </channel>
        </system>
        """, pp));
    Map<String, Program> big = new LinkedHashMap<>();
    big.put("a.elf", Program.small().withNote());
    big.put("b.elf", new Program(0x5000, 0x1000, 0x10000, false, List.of("big_paddr")));
    out.add(new Case("regions", zcu, """
        <?xml version="1.0" encoding="UTF-8"?>
        <system>
            <memory_region name="huge" size="0x400000" page_size="0x200000" />
            <memory_region name="many" size="0x130000" />
            <memory_region name="dev_pad" size="0x2000" phys_addr="0xfe003000" />
            <memory_region name="dev_big" size="0x200000" page_size="0x200000" phys_addr="0xa0200000" />
            <memory_region name="unused" size="0x1000" />
            <protection_domain name="a" priority="1">
                <program_image path="a.elf" />
                <map mr="huge" vaddr="0x40000000" perms="rwx" />
                <map mr="dev_pad" vaddr="0x50000000" cached="false" />
                <map mr="dev_big" vaddr="0x60000000" perms="r" />
            </protection_domain>
            <protection_domain name="b" priority="2">
                <program_image path="b.elf" />
                <map mr="many" vaddr="0x8000000000" />
                <setvar symbol="big_paddr" region_paddr="huge" />
            </protection_domain>
        </system>
        """, big));
    out.add(many("many", zcu, 12, 3));
    // 3 PDs with 4 maps each needs three fixpoint passes: the second grows the table, which
    // adds table pages and page-table caps and pushes the system CNode past 256 slots
    out.add(many("fixpoint", zcu, 3, 4));
    Board split = zcu.withRam(List.of(new long[] {0x80000000L, 0x80600000L},
        new long[] {0x880000000L, 0x8c0000000L})).withKernel(0x80000000L, 0x40000L, 0x20000L);
    out.add(new Case("split-ram", split, """
        <?xml version="1.0" encoding="UTF-8"?>
        <system>
            <memory_region name="m" size="0x200000" page_size="0x200000" />
            <protection_domain name="only" priority="100">
                <program_image path="only.elf" />
                <map mr="m" vaddr="0x20000000" />
            </protection_domain>
        </system>
        """, Map.of("only.elf", Program.small())));
    return out;
  }

  /** {@code n} PDs in a ring of channels, each mapping {@code maps} shared regions. */
  public static Case many(String name, Board board, int n, int maps) {
    StringBuilder s = new StringBuilder("<system>\n");
    for (int m = 0; m < maps * n; m++) {
      s.append("  <memory_region name=\"mr").append(m).append("\" size=\"0x2000\" />\n");
    }
    Map<String, Program> programs = new LinkedHashMap<>();
    for (int p = 0; p < n; p++) {
      s.append("  <protection_domain name=\"pd").append(p).append("\" priority=\"")
          .append(p % 3 == 0 ? 250 - p : 1 + p).append("\"")
          .append(p % 3 == 0 ? " pp=\"true\"" : "").append(">\n")
          .append("    <program_image path=\"pd").append(p).append(".elf\" />\n");
      for (int m = 0; m < maps; m++) {
        s.append("    <map mr=\"mr").append((p * maps + m) % (maps * n)).append("\" vaddr=\"0x")
            .append(Long.toHexString(0x10000000L + 0x100000L * m)).append("\" />\n");
      }
      s.append("  </protection_domain>\n");
      programs.put("pd" + p + ".elf", Program.small());
    }
    for (int p = 0; p < n; p++) {
      for (int k = 1; k <= 4 && k < n; k++) {
        int q = (p + k) % n;
        if (p < q) {
          s.append("  <channel><end pd=\"pd").append(p).append("\" id=\"").append(k)
              .append("\" /><end pd=\"pd").append(q).append("\" id=\"").append(10 + k)
              .append("\" /></channel>\n");
        }
      }
    }
    s.append("</system>\n");
    return new Case(name, board, s.toString(), programs);
  }

  /** Writes a case folder: {@code sdk/}, programs and {@code case.system}. */
  public static Path write(Case c, Path dir) throws IOException {
    Files.createDirectories(dir);
    SyntheticSdk.write(dir.resolve("sdk"), c.board(), CONFIG);
    return writeSystem(dir, c.programs(), c.system());
  }

  /**
   * Writes the programs (seeded in name order, so that their bytes are the goldens') and
   * {@code case.system} into {@code dir}; returns {@code dir}.
   */
  static Path writeSystem(Path dir, Map<String, Program> programs, String system)
      throws IOException {
    int seed = 0;
    for (Map.Entry<String, Program> e : new java.util.TreeMap<>(programs).entrySet()) {
      Files.write(dir.resolve(e.getKey()), SyntheticSdk.program(e.getValue(), seed++));
    }
    Files.writeString(dir.resolve("case.system"), system);
    return dir;
  }

  /** Writes every case under {@code args[0]} (for running the reference tool). */
  public static void main(String[] args) throws IOException {
    for (Case c : cases()) write(c, Path.of(args[0]).resolve(c.name()));
  }
}
