// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wire encoding checked against hand-computed words, and the report's text for an invocation. */
class InvocationEncoderTest {
  static long[] words(Invocation i) {
    ByteBuffer b = ByteBuffer.wrap(InvocationEncoder.encode(List.of(i)))
        .order(ByteOrder.LITTLE_ENDIAN);
    long[] w = new long[b.remaining() / 8];
    for (int k = 0; k < w.length; k++) w[k] = b.getLong();
    assertThat(InvocationEncoder.sizeOf(i)).isEqualTo(w.length * 8);
    return w;
  }

  @Test
  void untypedRetypePutsTheRootCapFirst() {
    Invocation i = Invocation.of(InvocationKind.UNTYPED_RETYPE, 0x2a, 4, 1, 2, 0, 0, 0x30, 1);
    // label 1, 1 cap, 6 values: 0x1086
    assertThat(words(i)).containsExactly(0x1086, 0x2a, 2, 4, 1, 0, 0, 0x30, 1);
  }

  @Test
  void repeatedMintCarriesIncrementsInWireOrder() {
    long m = 1L << 63;
    Invocation i = Invocation.of(InvocationKind.CNODE_MINT, 0x31, 0x40, 9, 0x30, m | 5, 64, 3, 0)
        .repeat(3, "dest_index", 1, "src_obj", 1);
    assertThat(words(i)).containsExactly(
        (2L << 32) | 0x15086, 0x31, 0x30, 0x40, 9, m | 5, 64, 3, 0,
        0, 0, 1, 0, 1, 0, 0, 0);
  }

  @Test
  void repeatOfOneIsNoRepeat() {
    Invocation i = Invocation.of(InvocationKind.TCB_RESUME, 0x99).repeat(1, "tcb", 1);
    assertThat(words(i)).containsExactly(0xD000, 0x99);
    assertThat(Invocation.of(InvocationKind.TCB_RESUME, 0x99).repeat(4, "tcb", 1))
        .satisfies(r -> assertThat(words(r)).containsExactly((3L << 32) | 0xD000, 0x99, 1));
  }

  @Test
  void tagsOfEveryKind() {
    Map<InvocationKind, Long> tags = Map.ofEntries(
        Map.entry(InvocationKind.TCB_SET_SCHED_PARAMS, 0x8182L),
        Map.entry(InvocationKind.TCB_SET_IPC_BUFFER, 0xA081L),
        Map.entry(InvocationKind.TCB_SET_SPACE, 0xB182L),
        Map.entry(InvocationKind.TCB_BIND_NOTIFICATION, 0xE080L),
        Map.entry(InvocationKind.IRQ_CONTROL_GET, 0x19083L),
        Map.entry(InvocationKind.IRQ_HANDLER_SET_NOTIFICATION, 0x1B080L),
        Map.entry(InvocationKind.SCHED_CONTROL_CONFIGURE_FLAGS, 0x1E085L),
        Map.entry(InvocationKind.PAGE_UPPER_DIRECTORY_MAP, 0x28082L),
        Map.entry(InvocationKind.PAGE_DIRECTORY_MAP, 0x2A082L),
        Map.entry(InvocationKind.PAGE_TABLE_MAP, 0x2C082L),
        Map.entry(InvocationKind.PAGE_MAP, 0x2E083L),
        Map.entry(InvocationKind.ASID_POOL_ASSIGN, 0x36080L));
    tags.forEach((k, tag) -> {
      Invocation i = Invocation.of(k, 1, new long[k.fields.size()]);
      assertThat(words(i)[0]).as(k.name()).isEqualTo(tag);
    });
  }

  @Test
  void writeRegistersSendsFlagsCountAndAllRegisters() {
    long[] regs = new long[36];
    regs[0] = 0x200000;
    long[] w = words(Invocation.writeRegisters(0x55, regs));
    assertThat(w).hasSize(40);
    assertThat(w[0]).isEqualTo(0x3026);
    assertThat(w[2]).isZero();
    assertThat(w[3]).isEqualTo(36);
    assertThat(w[4]).isEqualTo(0x200000);
  }

  @Test
  void reportTextOfAnInvocation() {
    long m = 1L << 63;
    Map<Long, String> names = new HashMap<>();
    names.put(m | 4L, "Page(4 KiB): MR=x #0");
    names.put(0x31L, "CNode: system");
    names.put(0x30L, "CNode: root");
    Invocation i = Invocation.of(InvocationKind.CNODE_MINT, 0x31, 0x40, 9, 0x30, m | 4, 64, 2, 0)
        .repeat(2, "dest_index", 1, "src_obj", 1);
    String text = render(i, names);
    assertThat(text).isEqualTo("""
        CNode                - Mint              - 0x0000000000000031 (CNode: system)
                 dest_index           64
                 dest_depth           9
                 src_root (cap)       0x0000000000000030 (CNode: root)
                 src_obj (cap)        0x8000000000000004 (Page(4 KiB): MR=x #0)
                 src_depth            64
                 rights               2
                 badge                0
              REPEAT: count=2 {'dest_index': 1, 'src_obj': 1}""");
  }

  static String render(Invocation i, Map<Long, String> names) {
    return render(i, names, KernelAbi.sel4cp126());
  }

  static String render(Invocation i, Map<Long, String> names, KernelAbi abi) {
    BuiltSystem b = new BuiltSystem(0, 0, List.of(i), List.of(), new BootInfo(15, 0, 0, 0,
        List.of(), 0), null, 0, 0, names, null, null, null, List.of(), List.of(), null, null,
        List.of(), abi);
    String report = ReportWriter.write(b, 0, 0);
    int start = report.indexOf("0x0000 ") + 7;
    return report.substring(start, report.indexOf("\n\n# System", start));
  }
}
