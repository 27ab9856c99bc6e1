// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static dev.cpkit.image.InvocationKind.ASID_POOL_ASSIGN;
import static dev.cpkit.image.InvocationKind.CNODE_COPY;
import static dev.cpkit.image.InvocationKind.CNODE_MINT;
import static dev.cpkit.image.InvocationKind.IRQ_CONTROL_GET;
import static dev.cpkit.image.InvocationKind.IRQ_CONTROL_GET_TRIGGER;
import static dev.cpkit.image.InvocationKind.PAGE_MAP;
import static dev.cpkit.image.InvocationKind.PAGE_TABLE_MAP;
import static dev.cpkit.image.InvocationKind.VCPU_SET_TCB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.image.KernelAbi.Obj;
import dev.cpkit.image.fixture.SyntheticSdk.ForkConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Object numbers, sizes and labels, checked by hand against the fork's sel4.py at 3902541
 * ({@code Sel4Object}, {@code AARCH64_OBJECTS}, {@code RISCV64_OBJECTS}, the label tables)
 * and against sel4cp 1.2.6's constants.
 */
class KernelAbiTest {
  static final KernelAbi ARM = KernelAbi.fork(cfg(ForkConfig.aarch64()));
  static final KernelAbi ARM_HYP_44 = KernelAbi.fork(cfg(ForkConfig.aarch64()
      .withHypervisor(false)));
  static final KernelAbi ARM_HYP_40 = KernelAbi.fork(cfg(ForkConfig.aarch64()
      .withHypervisor(true)));
  static final KernelAbi RISCV = KernelAbi.fork(new KernelConfig("riscv64", false, 0, 1L << 39,
      12, 256, false, 1, 3));
  static final KernelAbi RISCV_HYP = KernelAbi.fork(new KernelConfig("riscv64", true, 0,
      1L << 39, 12, 256, true, 1, 3));

  static KernelConfig cfg(ForkConfig c) {
    return KernelConfig.parse("c", c.toJson());
  }

  @Test
  void upstreamNumbersAreTheKernels() {
    KernelAbi a = KernelAbi.sel4cp126();
    assertThat(a.type(Obj.SMALL_PAGE)).isEqualTo(10);
    assertThat(a.wireType(10)).isEqualTo(10);
    assertThat(a.type(Obj.VSPACE)).isEqualTo(9);
    assertThat(a.typeName(9)).isEqualTo("SEL4_PAGE_GLOBAL_DIRECTORY_OBJECT");
    assertThat(a.label(PAGE_TABLE_MAP)).isEqualTo(44);
    assertThat(a.label(PAGE_MAP)).isEqualTo(46);
    assertThat(a.label(ASID_POOL_ASSIGN)).isEqualTo(54);
    assertThat(a.label(IRQ_CONTROL_GET)).isEqualTo(25);
    assertThat(a.pdCapSize()).isEqualTo(256);
  }

  @Test
  void forkReportsItsOwnNumbersAndSendsTheKernels() {
    // Sel4Object: SmallPage 7, LargePage 8, HugePage 9, PageTable 10, Vspace 11, Vcpu 12
    assertThat(ARM.type(Obj.SMALL_PAGE)).isEqualTo(7);
    assertThat(ARM.type(Obj.PAGE_DIRECTORY)).isEqualTo(10);
    assertThat(ARM.type(Obj.PAGE_UPPER_DIRECTORY)).isEqualTo(10);
    // AARCH64_OBJECTS: HugePage 7, Vspace 8, SmallPage 9, LargePage 10, PageTable 11, Vcpu 12
    assertThat(wire(ARM, Obj.HUGE_PAGE, Obj.VSPACE, Obj.SMALL_PAGE, Obj.LARGE_PAGE,
        Obj.PAGE_TABLE, Obj.VCPU)).containsExactly(7, 8, 9, 10, 11, 12);
    // RISCV64_OBJECTS: HugePage 7, SmallPage 8, LargePage 9, PageTable 10, Vspace 10;
    // RISCV64_HYP_OBJECTS: Vcpu 11 (else Vcpu keeps its own value, 12)
    assertThat(wire(RISCV, Obj.HUGE_PAGE, Obj.SMALL_PAGE, Obj.LARGE_PAGE, Obj.PAGE_TABLE,
        Obj.VSPACE, Obj.VCPU)).containsExactly(7, 8, 9, 10, 10, 12);
    assertThat(RISCV_HYP.wireType(RISCV_HYP.type(Obj.VCPU))).isEqualTo(11);
    assertThat(ARM.typeName(9)).isEqualTo("SEL4_HUGE_PAGE_SIZE");
    assertThat(ARM.typeSize(9)).isEqualTo(1L << 30);
  }

  @Test
  void forkSizes() {
    assertThat(ARM.typeSize(ARM.type(Obj.VSPACE))).isEqualTo(0x1000);
    assertThat(ARM_HYP_44.typeSize(ARM.type(Obj.VSPACE))).isEqualTo(0x1000);
    assertThat(ARM_HYP_40.typeSize(ARM.type(Obj.VSPACE))).isEqualTo(0x2000);
    assertThat(RISCV_HYP.typeSize(ARM.type(Obj.VSPACE))).isEqualTo(0x4000);
    assertThat(RISCV_HYP.typeSize(ARM.type(Obj.VCPU))).isEqualTo(0x400);
    assertThat(ARM.typeSize(ARM.type(Obj.VCPU))).isEqualTo(0x1000);
    assertThat(ARM.typeSize(ARM.type(Obj.CNODE))).isZero();
    assertThat(ARM.pdCapSize()).isEqualTo(512);
  }

  @Test
  void forkLabels() {
    // AARCH64_LABELS
    assertThat(labels(ARM)).containsExactly(40L, 42L, 50L, 51L, 55L, 20L, 21L);
    // AARCH64_PA_44_HYP_LABELS and AARCH64_PA_40_HYP_LABELS (the same numbers)
    assertThat(labels(ARM_HYP_44)).containsExactly(40L, 42L, 50L, 56L, 51L, 20L, 21L);
    assertThat(labels(ARM_HYP_40)).containsExactly(40L, 42L, 50L, 56L, 51L, 20L, 21L);
    // RISCV_LABELS; the trigger is the ARM label's enum value (60), not in RISCV_LABELS
    assertThat(labels(RISCV)).containsExactly(36L, 38L, 42L, 60L, 44L, 20L, 21L);
  }

  @Test
  void forkBootConstants() {
    assertThat(ARM.kernelVirtualBase()).isEqualTo(0xffffff8000000000L);
    assertThat(ARM_HYP_40.kernelVirtualBase()).isEqualTo(0x8000000000L);
    assertThat(RISCV.kernelVirtualBase()).isEqualTo(0xffffffc000000000L);
    assertThat(ARM.maxUntypedBits()).isEqualTo(47);
    assertThat(RISCV.maxUntypedBits()).isEqualTo(38);
    assertThat(KernelAbi.sel4cp126().maxUntypedBits()).isEqualTo(40);
    // calculate_rootserver_size for a 0x6000-byte initial task at 0x8a000000 (one level of
    // each): 2^17 CNode + 2^11 TCB + 2 pages + ASID pool + VSpace + 3 tables + 2^7 SC
    MemRegion it = new MemRegion(0x8a000000L, 0x8a006000L);
    assertThat(KernelBoot.rootserverSize(it, ARM)).isEqualTo(
        (1L << 17) + (1 << 11) + 0x2000 + 0x1000 + 0x1000 + 3 * 0x1000 + 128);
    assertThat(KernelBoot.rootserverSize(it, KernelAbi.sel4cp126())).isEqualTo(
        (1L << 17) + (1 << 11) + 0x2000 + 0x1000 + 0x1000 + 3 * 0x1000 + 256);
    // RISC-V without FPU: 1 KiB TCB, two levels
    assertThat(KernelBoot.rootserverSize(it, RISCV)).isEqualTo(
        (1L << 17) + (1 << 10) + 0x2000 + 0x1000 + 0x1000 + 2 * 0x1000 + 128);
  }

  @Test
  void forkSplitsMemoryByKernelVirtualAddress() {
    // 1.2.6: [0, 2^40) is one untyped (base 0 counts as aligned to everything); the fork sees
    // it at 2^64 - 2^39, aligned to 2^39 only, and the end wraps to 2^39: two untypeds
    MemRegion all = new MemRegion(0, 1L << 40);
    assertThat(all.alignedPowerOfTwoBlocks()).containsExactly(all);
    assertThat(all.alignedPowerOfTwoBlocks(ARM.kernelVirtualBase(), 47)).containsExactly(
        new MemRegion(0, 1L << 39), new MemRegion(1L << 39, 1L << 40));
    // and 47-bit blocks instead of 40-bit ones
    MemRegion big = new MemRegion(1L << 42, 1L << 44);
    assertThat(big.alignedPowerOfTwoBlocks(0, 47)).containsExactly(
        new MemRegion(1L << 42, 1L << 43), new MemRegion(1L << 43, 1L << 44));
    assertThat(big.alignedPowerOfTwoBlocks()).hasSize(12);
  }

  @Test
  void untypedRetypeSendsTheKernelsNumber() {
    Invocation i = Invocation.of(InvocationKind.UNTYPED_RETYPE, 20, ARM.type(Obj.SMALL_PAGE), 0,
        7, 1, 1, 5, 1);
    ByteBuffer b = ByteBuffer.wrap(InvocationEncoder.encode(List.of(i), ARM))
        .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getLong(0)).isEqualTo(1L << 12 | 1 << 7 | 6);
    assertThat(b.getLong(8 * 3)).isEqualTo(9); // the word after service and root
    assertThat(InvocationEncoderTest.render(i, Map.of(), ARM))
        .contains("object_type          7 (SEL4_SMALL_PAGE_OBJECT - 0x1000)");
    Invocation copy = Invocation.of(CNODE_COPY, 0x8000000000000010L, 6, 9, 7, 0x20, 64, 15);
    ByteBuffer c = ByteBuffer.wrap(InvocationEncoder.encode(List.of(copy), ARM))
        .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(c.getLong(0)).isEqualTo(20L << 12 | 1 << 7 | 5);
  }

  @Test
  void forkKernelsMayLackDeviceFrames() {
    // the fork reads kernel_device_frames only if present (find_symbol_if_exists)
    byte[] data = new byte[0x100];
    java.nio.ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(0x80000000L)
        .putLong(0x90000000L);
    long v = 0xffffffc080200000L;
    dev.cpkit.image.elf.ElfFile k = dev.cpkit.image.elf.ElfFile.parse("sel4.elf",
        new dev.cpkit.image.elf.ElfWriter(v).machine(243)
            .segment(dev.cpkit.image.elf.ElfSegment.PT_LOAD, 7, v, 0x80200000L, data, 0x40000)
            .symbol("avail_p_regs", v, 16).symbol("ki_boot_end", v + 0x20000, 0)
            .symbol("ki_end", v + 0x40000, 0).toBytes());
    KernelFacts f = KernelFacts.of(k, RISCV);
    assertThat(f.kernelDeviceFrames()).isEmpty();
    assertThat(f.ram()).hasSize(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KernelFacts.of(k))
        .isInstanceOf(BuildException.class);
  }

  private static List<Integer> wire(KernelAbi a, Obj... objs) {
    return java.util.Arrays.stream(objs).map(o -> a.wireType(a.type(o))).toList();
  }

  private static List<Long> labels(KernelAbi a) {
    return List.of(a.label(PAGE_TABLE_MAP), a.label(PAGE_MAP), a.label(ASID_POOL_ASSIGN),
        a.label(IRQ_CONTROL_GET_TRIGGER), a.label(VCPU_SET_TCB), a.label(CNODE_COPY),
        a.label(CNODE_MINT));
  }
}
