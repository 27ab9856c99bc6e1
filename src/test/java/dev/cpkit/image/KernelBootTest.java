// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.fixture.SyntheticSdk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kernel facts from the ELF and the boot emulation's untyped list. */
class KernelBootTest {
  static final SyntheticSdk.Board ZCU = SyntheticSdk.Board.zcu102Like();

  static KernelFacts facts(SyntheticSdk.Board b) {
    return KernelFacts.of(ElfFile.parse("sel4.elf", SyntheticSdk.kernel(b)));
  }

  @Test
  void factsComeFromSymbols() {
    KernelFacts k = facts(ZCU);
    assertThat(k.ram()).hasSize(1);
    assertThat(k.ram().get(0)).containsExactly(0L, 0x7ff00000L);
    // the frame with userAvailable = 1 stays device memory for users
    assertThat(k.kernelDeviceFrames()).containsExactly(0xf9010000L, 0xf9020000L, 0xff000000L);
    assertThat(k.imageStart()).isEqualTo(0x40000000L);
    assertThat(k.imageEnd()).isEqualTo(0x40020000L);
    assertThat(k.bootEnd()).isEqualTo(0x40012000L);
  }

  @Test
  void untypedOrderAndCaps() {
    KernelBoot boot = new KernelBoot(facts(ZCU));
    MemRegion virt = new MemRegion(0x8a000000L, 0x8a006000L);
    MemRegion phys = new MemRegion(0x5000L, 0xb000L);
    MemRegion reserved = new MemRegion(0x0L, 0x5000L);
    BootInfo bi = boot.boot(phys, virt, reserved);
    // paging: one PUD, one PD, one PT for 24 KiB at 0x8a000000; 6 pages
    assertThat(bi.pagingCapCount()).isEqualTo(3);
    assertThat(bi.pageCapCount()).isEqualTo(6);
    assertThat(bi.schedControlCap()).isEqualTo(18);
    List<UntypedObject> uts = bi.untypeds();
    assertThat(uts.get(0).cap()).isEqualTo(15 + 3 + 1 + 6);
    // reserved region first (device), split at 0x4000, then the rest of device memory
    assertThat(uts.get(0).region()).isEqualTo(new MemRegion(0, 0x4000));
    assertThat(uts.get(1).region()).isEqualTo(new MemRegion(0x4000, 0x5000));
    assertThat(uts.get(0).device()).isTrue();
    UntypedObject firstNormal = uts.stream().filter(u -> !u.device()).findFirst().orElseThrow();
    // the kernel's boot region comes first among normal untypeds
    assertThat(firstNormal.region()).isEqualTo(new MemRegion(0x40000000L, 0x40010000L));
    assertThat(bi.firstAvailableCap()).isEqualTo(uts.get(uts.size() - 1).cap() + 1);
    for (UntypedObject u : uts) assertThat(u.base() % (1L << u.sizeBits())).isZero();
  }

  @Test
  void rootserverGoesToTheTopOfTheHighestRegion() {
    KernelBoot boot = new KernelBoot(facts(ZCU));
    MemRegion virt = new MemRegion(0x8a000000L, 0x8a006000L);
    BootInfo bi = boot.boot(new MemRegion(0x5000, 0xb000), virt, new MemRegion(0, 0x5000));
    long size = KernelBoot.rootserverSize(virt);
    assertThat(size).isEqualTo((1 << 17) + (1 << 11) + 0x4000 + 3 * 0x1000 + 0x100);
    long start = Bits.roundDown(0x7ff00000L - size, 1 << 17);
    long end = start + size;
    // no normal untyped overlaps the rootserver objects
    for (UntypedObject u : bi.untypeds()) {
      if (!u.device()) {
        assertThat(u.region().end() <= start || u.base() >= end).isTrue();
      }
    }
  }

  @Test
  void inconsistentMemoryMapIsAnError() {
    SyntheticSdk.Board bad = ZCU.withKernel(0x90000000L, 0x20000, 0x1000);
    KernelBoot boot = new KernelBoot(facts(bad));
    assertThatThrownBy(boot::availableMemory).isInstanceOf(BuildException.class)
        .hasMessageContaining("memory map").extracting(e -> ((BuildException) e).code())
        .isEqualTo("IMG031");
  }
}
