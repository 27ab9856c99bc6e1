// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
import dev.cpkit.image.elf.ElfWriter;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ELF reading and patching, and the loader image read back field by field. */
class ElfAndImageTest {
  @TempDir Path dir;

  @Test
  void segmentsAreZeroFilledToMemsizeAndBssIsPatchable() {
    byte[] bytes = new ElfWriter(0x1000)
        .segment(ElfSegment.PT_LOAD, 6, 0x1000, 0x1000, new byte[] {1, 2, 3}, 0x20)
        .segment(4, 4, 0x1000, 0x1000, new byte[0], 0x10)
        .symbol("in_bss", 0x1010, 8).symbol("outside", 0x9000, 8).toBytes();
    ElfFile f = ElfFile.parse("t.elf", bytes);
    assertThat(f.segments()).hasSize(2);
    assertThat(f.segments().get(0).data()).hasSize(0x20).startsWith(1, 2, 3, 0);
    assertThat(f.segments().get(1).loadable()).isFalse();
    f.writeSymbol("in_bss", new byte[] {9, 9});
    assertThat(f.symbolData("in_bss")).startsWith(9, 9, 0);
    f.writeSymbol("outside", new byte[] {1}); // in no segment: silently ignored
    assertThatThrownBy(() -> f.symbol("nope")).hasMessageContaining("no symbol 'nope'");
    assertThatThrownBy(() -> f.writeSymbol("in_bss", new byte[9])).isInstanceOf(
        BuildException.class);
  }

  @Test
  void malformedFilesAreClearErrors() {
    assertThatThrownBy(() -> ElfFile.parse("x", new byte[10])).hasMessageContaining("magic");
    byte[] ok = new ElfWriter(0).segment(1, 4, 0, 0, new byte[64], 64).toBytes();
    byte[] cut = Arrays.copyOf(ok, 100);
    assertThatThrownBy(() -> ElfFile.parse("x", cut)).isInstanceOf(BuildException.class)
        .hasMessageContaining("truncated");
    byte[] dup = new ElfWriter(0).segment(1, 4, 0, 0, new byte[64], 64).symbol("a", 0, 8)
        .symbol("a", 8, 8).toBytes();
    assertThatThrownBy(() -> ElfFile.parse("x", dup).symbol("a"))
        .hasMessageContaining("more than once");
  }

  /** Builds the pingpong fixture in process. */
  ImageBuilder.Output pingpong() throws Exception {
    Fixtures.Case c = Fixtures.cases().stream().filter(x -> x.name().equals("pingpong"))
        .findFirst().orElseThrow();
    Path d = Fixtures.write(c, dir);
    Sdf.Result r = Sdf.check("case.system", c.system().getBytes(StandardCharsets.UTF_8),
        Sdf.Options.of(Dialect.SEL4CP));
    SystemDescription s = r.system();
    Path elf = d.resolve("sdk/board/zcu102/debug/elf");
    ElfFile kernel = ElfFile.parse("sel4.elf", Files.readAllBytes(elf.resolve("sel4.elf")));
    ElfFile monitor = ElfFile.parse("monitor.elf", Files.readAllBytes(elf.resolve("monitor.elf")));
    ElfFile loader = ElfFile.parse("loader.elf", Files.readAllBytes(elf.resolve("loader.elf")));
    List<ElfFile> programs = new ArrayList<>();
    for (var pd : s.protectionDomains()) {
      Path p = d.resolve(pd.programImage().path());
      programs.add(ElfFile.parse(p.toString(), Files.readAllBytes(p)));
    }
    return ImageBuilder.build(BuildInput.of(s, KernelFacts.of(kernel), monitor, programs),
        kernel, loader);
  }

  static long u64(byte[] b, long at) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong((int) at);
  }

  @Test
  void programsArePatchedWithNamesPassiveAndSetvars() throws Exception {
    ImageBuilder.Output o = pingpong();
    ElfFile client = o.built().programs().get(0);
    ElfFile server = o.built().programs().get(1);
    ElfFile driver = o.built().programs().get(2);
    assertThat(new String(client.symbolData("sel4cp_name"), StandardCharsets.UTF_8))
        .startsWith("client\0");
    // 26-byte name: truncated to 16 bytes without a NUL
    assertThat(driver.symbolData("sel4cp_name")).isEqualTo(
        "uart_driver_with".getBytes(StandardCharsets.UTF_8));
    assertThat(server.symbolData("passive")).containsExactly(1);
    assertThat(client.symbolData("passive")).containsExactly(0);
    assertThat(u64(client.symbolData("shared_vaddr"), 0)).isEqualTo(0x4000000L);
    assertThat(u64(client.symbolData("uart_base"), 0)).isEqualTo(0x5000000L);
    long sharedPaddr = u64(client.symbolData("shared_paddr"), 0);
    KernelObject firstShared = o.built().kernelObjects().stream()
        .filter(k -> k.name().equals("Page(4 KiB): MR=shared #0")).findFirst().orElseThrow();
    assertThat(sharedPaddr).isEqualTo(firstShared.physAddr());
  }

  @Test
  void monitorIsPatched() throws Exception {
    ImageBuilder.Output o = pingpong();
    ElfFile mon = o.patchedMonitor();
    BuiltSystem b = o.built();
    byte[] info = mon.symbolData("untyped_info");
    List<UntypedObject> uts = b.bootInfo().untypeds();
    assertThat(u64(info, 0)).isEqualTo(uts.get(0).cap());
    assertThat(u64(info, 8)).isEqualTo(uts.get(uts.size() - 1).cap() + 1);
    assertThat(u64(info, 16)).isEqualTo(uts.get(0).base());
    assertThat(u64(info, 24)).isEqualTo(uts.get(0).sizeBits());
    assertThat(u64(info, 32)).isEqualTo(1);
    assertThat(u64(mon.symbolData("bootstrap_invocation_count"), 0))
        .isEqualTo(b.bootstrapInvocations().size());
    assertThat(u64(mon.symbolData("system_invocation_count"), 0))
        .isEqualTo(b.systemInvocations().size());
    assertThat(u64(mon.symbolData("fault_ep"), 0)).isEqualTo(b.faultEpCap());
    assertThat(u64(mon.symbolData("tcbs"), 0)).isZero();
    assertThat(u64(mon.symbolData("tcbs"), 8)).isEqualTo(b.tcbCaps()[0]);
    byte[] names = mon.symbolData("pd_names");
    assertThat(Arrays.copyOfRange(names, 16, 23)).isEqualTo("client\0".getBytes());
    // 15 bytes at most, then a NUL
    assertThat(Arrays.copyOfRange(names, 48, 64)).isEqualTo(
        "uart_driver_wit\0".getBytes(StandardCharsets.UTF_8));
    byte[] boot = InvocationEncoder.encode(b.bootstrapInvocations());
    assertThat(Arrays.copyOf(mon.symbolData("bootstrap_invocation_data"), boot.length))
        .isEqualTo(boot);
  }

  @Test
  void imageLayoutFieldByField() throws Exception {
    ImageBuilder.Output o = pingpong();
    byte[] img = o.image();
    BuiltSystem b = o.built();
    int h = 0x6230; // the synthetic loader's memsz: the header follows its .bss
    assertThat(u64(img, h)).isEqualTo(LoaderImage.MAGIC);
    assertThat(u64(img, h + 8)).isZero();
    assertThat(u64(img, h + 16)).isEqualTo(0xffffff8040000000L); // kernel entry
    long monPhys = b.initialTaskPhys().base();
    assertThat(u64(img, h + 24)).isEqualTo(monPhys);
    assertThat(u64(img, h + 32)).isEqualTo(b.initialTaskPhys().end());
    assertThat(u64(img, h + 40)).isEqualTo(monPhys - 0x8a000000L);
    assertThat(u64(img, h + 48)).isEqualTo(0x8a000000L);
    assertThat(u64(img, h + 56)).isEqualTo(b.reservedRegion().base());
    assertThat(u64(img, h + 64)).isEqualTo(b.reservedRegion().size());
    long n = u64(img, h + 72);
    // kernel, monitor, system invocations, then 2 segments per PD
    assertThat(n).isEqualTo(3 + 2 * 3);
    long data = h + 80 + 32 * n;
    long offset = 0;
    for (int i = 0; i < n; i++) {
      int r = h + 80 + 32 * i;
      assertThat(u64(img, r + 16)).isEqualTo(offset);
      assertThat(u64(img, r + 24)).isEqualTo(1);
      offset += u64(img, r + 8);
    }
    assertThat(img.length).isEqualTo(data + offset);
    // region 2 is the system invocation table at the reserved base, its real length
    assertThat(u64(img, h + 80 + 64)).isEqualTo(b.reservedRegion().base());
    assertThat(u64(img, h + 80 + 72)).isEqualTo(b.invocationDataSize());
    // boot page tables: lvl0_lower entry 0 points at lvl1_lower (0x3000 into the loader)
    long link = SyntheticSdkBoard.LOADER;
    assertThat(u64(img, 0x1000)).isEqualTo((link + 0x3000) | 3);
    assertThat(u64(img, 0x3000 + 8)).isEqualTo((1L << 30) | (1 << 10) | 1);
  }

  /** The synthetic board's loader link address. */
  static final class SyntheticSdkBoard {
    static final long LOADER = dev.cpkit.image.fixture.SyntheticSdk.Board.zcu102Like()
        .loaderLink();
  }
}
