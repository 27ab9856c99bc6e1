// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kernel-object allocator and InitSystem's retypes, slots and padding. */
class AllocationTest {
  /** Untypeds: device [0x10000000, +64 KiB) at cap 100, normal 4 KiB at 0x2000, 4 MiB at 0x400000. */
  static BootInfo boot() {
    return new BootInfo(15, 20, 3, 6, List.of(
        new UntypedObject(100, new MemRegion(0x10000000L, 0x10010000L), true),
        new UntypedObject(101, new MemRegion(0x2000, 0x3000), false),
        new UntypedObject(102, new MemRegion(0x400000, 0x800000), false)), 103);
  }

  @Test
  void firstFitWithAlignment() {
    ObjectAllocator a = new ObjectAllocator(boot());
    assertThat(a.alloc(0x800, 1)).isEqualTo(new ObjectAllocator.Allocation(101, 0x2000));
    assertThat(a.alloc(0x1000, 1)).isEqualTo(new ObjectAllocator.Allocation(102, 0x400000));
    assertThat(a.alloc(0x10, 2)).isEqualTo(new ObjectAllocator.Allocation(101, 0x2800));
  }

  @Test
  void zeroCountAllocationStillMovesTheWatermark() {
    ObjectAllocator a = new ObjectAllocator(boot());
    a.alloc(0x1000, 1); // untyped 101 is now full
    a.alloc(0x1000, 1); // 0x400000 in untyped 102
    // no 2 MiB pages wanted, but the watermark still moves to the next 2 MiB boundary
    assertThat(a.alloc(0x200000, 0).physAddr()).isEqualTo(0x600000);
    assertThat(a.alloc(0x1000, 1).physAddr()).isEqualTo(0x600000);
  }

  @Test
  void outOfMemory() {
    ObjectAllocator a = new ObjectAllocator(boot());
    assertThatThrownBy(() -> a.alloc(0x1000000, 1)).isInstanceOf(BuildException.class)
        .hasMessageContaining("out of memory");
  }

  private static InitSystem init(List<Invocation> invs, Map<Long, String> names) {
    return new InitSystem(7, 1L << 63, 10, new ObjectAllocator(boot()), boot(), invs, names);
  }

  @Test
  void schedContextsReserveEightKibEach() {
    List<Invocation> invs = new ArrayList<>();
    InitSystem s = init(invs, new HashMap<>());
    List<KernelObject> scs = s.allocate(ObjectTypes.SCHED_CONTEXT, List.of("a", "b"), 256);
    assertThat(scs.get(1).physAddr() - scs.get(0).physAddr()).isEqualTo(0x2000);
    assertThat(invs.get(0).arg("size_bits")).isEqualTo(8);
    assertThat(scs.get(0).capAddr()).isEqualTo((1L << 63) | 10);
  }

  @Test
  void retypesAreChunkedAt256() {
    List<Invocation> invs = new ArrayList<>();
    InitSystem s = init(invs, new HashMap<>());
    s.allocate(ObjectTypes.ENDPOINT, Collections.nCopies(300, "ep"), 0);
    assertThat(invs).hasSize(2);
    assertThat(invs.get(0).arg("num_objects")).isEqualTo(256);
    assertThat(invs.get(1).arg("num_objects")).isEqualTo(44);
    assertThat(invs.get(1).arg("node_offset")).isEqualTo(10 + 256);
    assertThat(s.capSlot()).isEqualTo(310);
  }

  @Test
  void fixedPagesArePaddedUpToTheirAddress() {
    List<Invocation> invs = new ArrayList<>();
    Map<Long, String> names = new HashMap<>();
    InitSystem s = init(invs, names);
    KernelObject page = s.allocateFixed(0x1000b000L, ObjectTypes.SMALL_PAGE, "dev");
    // watermark 0x10000000 -> 0x1000b000: padding of 32, 8 and 4 KiB (min of the watermark's lsb and the rest's msb)
    assertThat(invs).extracting(i -> i.arg("object_type")).containsExactly(0L, 0L, 0L, 10L);
    assertThat(invs).extracting(i -> i.arg("size_bits")).containsExactly(15L, 13L, 12L, 0L);
    assertThat(page.capSlot()).isEqualTo(13);
    assertThat(names).containsEntry(page.capAddr(), "dev").hasSize(1);
    assertThatThrownBy(() -> s.allocateFixed(0x20000000L, ObjectTypes.SMALL_PAGE, "ram"))
        .hasMessageContaining("not in device memory");
  }

  @Test
  void fixedPageInsideTheInvocationTableIsAnError() {
    InitSystem s = init(new ArrayList<>(), new HashMap<>());
    s.reserve(boot().untypeds().get(0), 0x10004000L);
    assertThatThrownBy(() -> s.allocateFixed(0x10002000L, ObjectTypes.SMALL_PAGE, "x"))
        .isInstanceOf(BuildException.class).hasMessageContaining("overlaps memory already");
  }
}
