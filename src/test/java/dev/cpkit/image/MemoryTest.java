// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Integer helpers, power-of-two splitting and the disjoint region list. */
class MemoryTest {
  @Test
  void pythonRoundingOfNegativeNumbers() {
    assertThat(Bits.roundDown(-0x1000, 0x20000)).isEqualTo(-0x20000);
    assertThat(Bits.roundUp(-0x1000, 0x20000)).isZero();
    assertThat(Bits.roundUp(0x1001, 0x1000)).isEqualTo(0x2000);
    assertThat(Bits.msb(0)).isEqualTo(-1);
    assertThat(Bits.lsb(0)).isEqualTo(-1);
    assertThat(Bits.lsb(0x3000)).isEqualTo(12);
    assertThat(Bits.nextPowerOfTwo(27)).isEqualTo(32);
    assertThat(Bits.nextPowerOfTwo(32)).isEqualTo(32);
    assertThat(Bits.nextPowerOfTwo(1)).isEqualTo(1);
  }

  @Test
  void powerOfTwoBlocksAreAlignedAndGreedy() {
    assertThat(new MemRegion(0x3000, 0x10000).alignedPowerOfTwoBlocks()).containsExactly(
        new MemRegion(0x3000, 0x4000), new MemRegion(0x4000, 0x8000),
        new MemRegion(0x8000, 0x10000));
    // base 0 counts as aligned to anything; blocks are clamped to 2^40
    assertThat(new MemRegion(0, 1L << 41).alignedPowerOfTwoBlocks()).containsExactly(
        new MemRegion(0, 1L << 40), new MemRegion(1L << 40, 1L << 41));
  }

  @Test
  void adjacentRegionsAreNeverMerged() {
    DisjointRegions d = new DisjointRegions();
    d.insert(0x0, 0x2000);
    d.insert(0x2000, 0x4000);
    assertThat(d.regions()).containsExactly(new MemRegion(0, 0x2000),
        new MemRegion(0x2000, 0x4000));
    // merged, [0, 0x4000) would be one 16 KiB block; unmerged it is two 8 KiB blocks
    assertThat(d.alignedPowerOfTwoBlocks()).hasSize(2);
    // the reference appends an adjacent region given below the others, then asserts order
    DisjointRegions down = new DisjointRegions();
    down.insert(0x2000, 0x4000);
    assertThatThrownBy(() -> down.insert(0x0, 0x2000)).isInstanceOf(BuildException.class);
  }

  @Test
  void removeTrimsOrSplitsAndAllocateIsFirstFit() {
    DisjointRegions d = new DisjointRegions();
    d.insert(0x1000, 0x2000);
    d.insert(0x10000, 0x20000);
    assertThat(d.remove(0x12000, 0x13000)).isTrue();
    assertThat(d.regions()).containsExactly(new MemRegion(0x1000, 0x2000),
        new MemRegion(0x10000, 0x12000), new MemRegion(0x13000, 0x20000));
    assertThat(d.remove(0x1800, 0x2800)).isFalse();
    assertThat(d.allocate(0x1000)).isEqualTo(0x1000);
    assertThat(d.allocate(0x3000)).isEqualTo(0x13000);
    assertThat(d.allocate(0x100000)).isEqualTo(-1);
    assertThat(d.regions()).containsExactly(new MemRegion(0x10000, 0x12000),
        new MemRegion(0x16000, 0x20000));
  }

  @Test
  void insertKeepsOrder() {
    DisjointRegions d = new DisjointRegions();
    for (long b : List.of(0x5000L, 0x1000L, 0x3000L)) d.insert(b, b + 0x1000);
    assertThat(d.regions()).extracting(MemRegion::base).containsExactly(0x1000L, 0x3000L,
        0x5000L);
  }
}
