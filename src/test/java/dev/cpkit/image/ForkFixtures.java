// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.image.fixture.SyntheticSdk;
import dev.cpkit.image.fixture.SyntheticSdk.Board;
import dev.cpkit.image.fixture.SyntheticSdk.ForkConfig;
import dev.cpkit.image.fixture.SyntheticSdk.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build fixtures for the community fork ({@code --dialect sel4cp-dev}): synthetic SDKs
 * with a {@code config.json}, PD programs and {@code case.system}. The goldens under
 * {@code src/test/resources/image/golden-dev/<case>/} were produced by the fork's tool on
 * these folders (see the README there); {@code main} writes the folders for that.
 */
public final class ForkFixtures {
  private ForkFixtures() {}

  /** A case: board, kernel configuration, system text, and the programs it names. */
  public record Case(String name, Board board, ForkConfig config, String system,
      Map<String, Program> programs) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    Board zcu = Board.zcu102Like();
    ForkConfig arm = ForkConfig.aarch64();
    out.add(from("hello", upstream("hello"), arm));
    Map<String, Program> pp = new LinkedHashMap<>();
    pp.put("client.elf", Program.small("shared_vaddr", "shared_paddr", "uart_base"));
    pp.put("server.elf", Program.small("shared_vaddr"));
    pp.put("driver.elf", Program.small("uart_base"));
    out.add(new Case("pingpong", zcu, arm, pingpongSystem(), pp));
    Map<String, Program> family = new LinkedHashMap<>();
    family.put("root.elf", Program.small("shared"));
    family.put("child.elf", Program.small());
    family.put("grandchild.elf", new Program(0x2800, 0x300, 0x1000, true, List.of()));
    // its data segment starts 0x230 into a page: a PD-ELF region with an offset
    family.put("other.elf", Program.small().withDataOffset(0x230));
    // two CPUs and a larger root CNode: cpu affinity picks the scheduling-control cap, and
    // the root CNode size changes the rootserver size, its alignment and the CNode guard
    out.add(new Case("children", zcu, arm.withCpus(2).withRootCnodeBits(13), """
        <?xml version="1.0" encoding="UTF-8"?>
        <system>
            <memory_region name="shared" size="0x1000" />
            <protection_domain name="root" priority="200">
                <program_image path="root.elf" />
                <map mr="shared" vaddr="0x3000000" setvar_vaddr="shared" />
                <protection_domain name="child_a" id="1" priority="100" pp="true">
                    <program_image path="child.elf" />
                    <map mr="shared" vaddr="0x3000000" perms="r" />
                    <protection_domain name="grandchild" id="7" priority="50" cpu="1">
                        <program_image path="grandchild.elf" />
                    </protection_domain>
                </protection_domain>
                <protection_domain name="child_b" id="2" priority="101" passive="true">
                    <program_image path="child.elf" />
                </protection_domain>
            </protection_domain>
            <protection_domain name="other" priority="10" cpu="1">
                <program_image path="other.elf" />
                <irq irq="40" id="3" trigger="edge" />
                <irq irq="41" id="4" trigger="level" />
            </protection_domain>
            <channel>
                <end pd="root" id="1" />
                <end pd="other" id="1" />
            </channel>
            <channel>
                <end pd="child_a" id="2" />
                <end pd="other" id="2" />
            </channel>
        </system>
        """, family));
    // 2 MiB pages, 304 pages in one region (retyped 64 at a time with this fan-out limit),
    // fixed regions needing padding, a PT_NOTE header and one unused region
    out.add(from("regions", upstream("regions"), arm.withFanOutLimit(64)));
    out.add(from("many", Fixtures.many("many", zcu, 12, 3), arm));
    out.add(from("fixpoint", Fixtures.many("fixpoint", zcu, 3, 4), arm));
    // retypes split 16 at a time, four scheduling-control caps, a 10-bit root CNode
    out.add(from("fan-out", Fixtures.many("fan-out", zcu, 12, 2),
        arm.withFanOutLimit(16).withCpus(4).withRootCnodeBits(10)));
    out.add(from("split-ram", upstream("split-ram"), arm));
    // stage 2: hypervisor kernels (ARM_HYPERVISOR_SUPPORT), with virtual machines
    Map<String, Program> vmm = new LinkedHashMap<>();
    vmm.put("vmm.elf", Program.small("guest_ram_vaddr"));
    vmm.put("uart.elf", Program.small());
    out.add(new Case("vm-pa40", zcu, arm.withHypervisor(true), """
        <?xml version="1.0" encoding="UTF-8"?>
        <system>
            <memory_region name="guest_ram" size="0x400000" page_size="0x200000" />
            <memory_region name="vgic" size="0x1000" phys_addr="0xf9060000" />
            <memory_region name="shared" size="0x1000" />
            <protection_domain name="vmm" priority="254" budget="100" period="400">
                <program_image path="vmm.elf" />
                <map mr="guest_ram" vaddr="0x40000000" perms="rw" setvar_vaddr="guest_ram_vaddr" />
                <irq irq="27" id="10" trigger="edge" />
                <virtual_machine name="linux" id="1" priority="100" budget="50" period="400">
                    <map mr="guest_ram" vaddr="0x40000000" perms="rwx" />
                    <map mr="vgic" vaddr="0x8010000" perms="rw" cached="false" />
                    <map mr="shared" vaddr="0x30000000" />
                </virtual_machine>
            </protection_domain>
            <protection_domain name="uart" priority="200" pp="true">
                <program_image path="uart.elf" />
                <map mr="shared" vaddr="0x30000000" />
            </protection_domain>
            <channel>
                <end pd="vmm" id="1" />
                <end pd="uart" id="1" />
            </channel>
        </system>
        """, vmm));
    Map<String, Program> two = new LinkedHashMap<>();
    two.put("vmm.elf", Program.small("guest_ram_vaddr"));
    two.put("helper.elf", Program.small());
    out.add(new Case("vm-pa44", zcu, arm.withHypervisor(false).withCpus(2), """
        <?xml version="1.0" encoding="UTF-8"?>
        <system>
            <memory_region name="ram_a" size="0x200000" page_size="0x200000" />
            <memory_region name="ram_b" size="0x10000" />
            <protection_domain name="vmm_a" priority="250">
                <program_image path="vmm.elf" />
                <map mr="ram_a" vaddr="0x40000000" setvar_vaddr="guest_ram_vaddr" />
                <virtual_machine name="guest_a" id="3" priority="90" cpu="1">
                    <map mr="ram_a" vaddr="0x40000000" perms="rwx" />
                </virtual_machine>
                <protection_domain name="helper" id="5" priority="240">
                    <program_image path="helper.elf" />
                </protection_domain>
            </protection_domain>
            <protection_domain name="vmm_b" priority="249" cpu="1">
                <program_image path="vmm.elf" />
                <map mr="ram_b" vaddr="0x8000000000" setvar_vaddr="guest_ram_vaddr" />
                <virtual_machine name="guest_b" id="0">
                    <map mr="ram_b" vaddr="0x10000000" />
                </virtual_machine>
            </protection_domain>
        </system>
        """, two));
    // stage 3: RISC-V (Sv39)
    Board virt = Board.riscvLike();
    out.add(new Case("riscv-pingpong", virt, ForkConfig.riscv64(true),
        pingpongSystem().replace("0xff0a0000", "0x10000000"), pp));
    out.add(new Case("riscv-children", virt, ForkConfig.riscv64(false).withCpus(2),
        out.get(2).system(), family));
    out.add(from("riscv-fixpoint", Fixtures.many("riscv-fixpoint", virt, 3, 4),
        ForkConfig.riscv64(false).withHypervisor(false)));
    out.add(new Case("riscv-vm", virt, ForkConfig.riscv64(true).withHypervisor(false), """
        <?xml version="1.0" encoding="UTF-8"?>
        <system>
            <memory_region name="guest_ram" size="0x200000" page_size="0x200000" />
            <memory_region name="uart" size="0x1000" phys_addr="0x10000000" />
            <protection_domain name="vmm" priority="254">
                <program_image path="vmm.elf" />
                <map mr="guest_ram" vaddr="0x40000000" setvar_vaddr="guest_ram_vaddr" />
                <irq irq="10" id="3" />
                <virtual_machine name="linux" id="2" priority="100">
                    <map mr="guest_ram" vaddr="0x80000000" perms="rwx" />
                    <map mr="uart" vaddr="0x10000000" cached="false" />
                </virtual_machine>
            </protection_domain>
        </system>
        """, Map.of("vmm.elf", Program.small("guest_ram_vaddr"))));
    return out;
  }

  /**
   * The upstream pingpong system with what the fork adds: an edge-triggered irq and the
   * highest channel id (63).
   */
  private static String pingpongSystem() {
    return upstream("pingpong").system().replace("<irq irq=\"34\" id=\"6\" />",
            "<irq irq=\"34\" id=\"6\" trigger=\"edge\" />")
        .replace("<end pd=\"client\" id=\"3\" />", "<end pd=\"client\" id=\"63\" />");
  }

  /** The upstream fixture of that name (Fixtures), whose system the fork also builds. */
  private static Fixtures.Case upstream(String name) {
    return Fixtures.cases().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow();
  }

  private static Case from(String name, Fixtures.Case c, ForkConfig config) {
    return new Case(name, c.board(), config, c.system(), c.programs());
  }

  /** Writes a case folder: {@code sdk/} (with config.json), programs and {@code case.system}. */
  public static Path write(Case c, Path dir) throws IOException {
    Files.createDirectories(dir);
    SyntheticSdk.writeFork(dir.resolve("sdk"), c.board(), Fixtures.CONFIG, c.config());
    return Fixtures.writeSystem(dir, c.programs(), c.system());
  }

  /** Writes every case under {@code args[0]} (for running the fork's tool). */
  public static void main(String[] args) throws IOException {
    for (Case c : cases()) write(c, Path.of(args[0]).resolve(c.name()));
  }
}
