// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.dtb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bounded fuzzing of the reader: several random overwrites, insertions and deletions of
 * board.dtb parse into a tree or fail with a {@link DtbException}, and reading a parsed
 * tree's regs, interrupts and aliases never throws anything else.
 */
class DtbMutationProperties {
  private static final byte[] BOARD;

  static {
    try {
      BOARD = Files.readAllBytes(FdtTest.DTB);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One edit: kind 0 overwrite, 1 insert, 2 delete, at a position, with a byte. */
  record Edit(int kind, int at, byte value) {}

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, BOARD.length - 1), Arbitraries.bytes()).as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(8);
  }

  static byte[] apply(List<Edit> edits) {
    byte[] b = BOARD.clone();
    for (Edit e : edits) {
      int at = Math.min(e.at(), Math.max(0, b.length - 1));
      switch (e.kind()) {
        case 0 -> {
          if (b.length > 0) b[at] = e.value();
        }
        case 1 -> {
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = e.value();
          System.arraycopy(b, at, c, at + 1, b.length - at);
          b = c;
        }
        default -> {
          if (b.length > 0) {
            byte[] c = new byte[b.length - 1];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(b, at + 1, c, at, b.length - at - 1);
            b = c;
          }
        }
      }
    }
    return b;
  }

  @Property(tries = 400)
  void mutatedBlobsFailCleanly(@ForAll("edits") List<Edit> edits) {
    byte[] blob = apply(edits);
    Fdt fdt;
    try {
      fdt = Fdt.parse(blob);
    } catch (DtbException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    for (Node n : fdt.nodes()) {
      try {
        n.regs();
      } catch (DtbException e) {
        assertThat(e.getMessage()).startsWith("/");  // messages name the node
      }
      n.interrupts();
      n.addressCells();
      for (dev.cpkit.dtb.Property p : n.properties()) {
        p.kind();
        p.strings();
        p.cells();
      }
    }
    fdt.alias("serial0");
    fdt.node("/soc/serial");
  }
}
