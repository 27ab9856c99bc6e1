// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.dtb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The reader on board.dtb (compiled from board.dts, committed so no dtc is needed). */
public class FdtTest {
  static final Path DTS = Path.of("src/test/resources/dtb/board.dts");
  static final Path DTB = Path.of("src/test/resources/dtb/board.dtb");

  static Fdt board() throws Exception {
    return Fdt.read(DTB);
  }

  /** For tests in other packages that need dtc. */
  public static boolean dtcInstalledForOthers() {
    return dtcInstalled();
  }

  static boolean dtcInstalled() {
    try {
      Process p = new ProcessBuilder("dtc", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void headerAndNodesInBlobOrder() throws Exception {
    Fdt f = board();
    assertThat(f.version()).isEqualTo(17);
    assertThat(f.size()).isEqualTo((int) Files.size(DTB));
    assertThat(f.root().path()).isEqualTo("/");
    assertThat(f.nodes()).extracting(Node::path).containsExactly("/aliases", "/chosen",
        "/memory@40000000", "/intc@8000000", "/pl011@9000000", "/timer", "/soc@40000000",
        "/soc@40000000/spi@2000", "/soc@40000000/spi@2000/flash@0", "/soc@40000000/serial@3000");
  }

  @Test
  void propertiesAreClassifiedLikeDtc() throws Exception {
    Node uart = board().node("/pl011@9000000");
    assertThat(uart.property("compatible").kind()).isEqualTo(Property.Kind.STRINGS);
    assertThat(uart.property("compatible").strings()).containsExactly("arm,pl011", "arm,primecell");
    assertThat(uart.property("interrupts").kind()).isEqualTo(Property.Kind.CELLS);
    assertThat(uart.property("interrupts").cells()).containsExactly(0, 1, 4);
    Node spi = board().node("/soc@40000000/spi@2000");
    assertThat(spi.property("mac").kind()).isEqualTo(Property.Kind.BYTES);
    assertThat(spi.property("mac").bytes()).containsExactly(0, 0x11, 0x22, 0x33, 0x44);
    assertThat(board().node("/timer").property("always-on").kind()).isEqualTo(Property.Kind.EMPTY);
    assertThat(uart.property("nosuch")).isNull();
  }

  @Test
  void pathsAliasesAndNamesWithoutUnitAddress() throws Exception {
    Fdt f = board();
    assertThat(f.node("/soc@40000000/serial@3000")).isNotNull();
    assertThat(f.node("/soc/serial").path()).isEqualTo("/soc@40000000/serial@3000");
    assertThat(f.node("/soc/none")).isNull();
    assertThat(f.node("relative")).isNull();
    assertThat(f.alias("serial0").path()).isEqualTo("/pl011@9000000");
    assertThat(f.alias("broken")).isNull();
    assertThat(f.alias("nosuch")).isNull();
    assertThat(f.aliasPath("spi4")).isEqualTo("/soc@40000000/spi@2000");
  }

  @Test
  void cellsComeFromTheParentAndAreNotInherited() throws Exception {
    Fdt f = board();
    assertThat(f.root().addressCells()).isEqualTo(2);
    assertThat(f.root().sizeCells()).isEqualTo(2);
    assertThat(f.node("/soc").addressCells()).isEqualTo(1);
    assertThat(f.node("/soc/spi").sizeCells()).isEqualTo(0);
    // /timer declares none: the specification's defaults, not its parent's values.
    assertThat(f.node("/timer").addressCells()).isEqualTo(2);
    assertThat(f.node("/timer").sizeCells()).isEqualTo(1);
  }

  @Test
  void regsAreDecodedAndTranslatedThroughRanges() throws Exception {
    Fdt f = board();
    assertThat(f.node("/intc@8000000").regs()).containsExactly(new Reg(0x8000000, 0x10000),
        new Reg(0x8010000, 0x10000));
    assertThat(f.node("/soc/serial").regs()).containsExactly(new Reg(0x50003000L, 0x100));
    assertThat(f.node("/soc/spi/flash").regs()).containsExactly(new Reg(0x50000000L, 0));
    assertThat(f.node("/timer").regs()).isEmpty();
  }

  @Test
  void interruptsInCamkesArmNumbering() throws Exception {
    Fdt f = board();
    assertThat(f.node("/pl011@9000000").interrupts()).containsExactly(new Interrupt(33, false));
    assertThat(f.node("/soc/spi").interrupts()).containsExactly(new Interrupt(67, true));
    // PPIs keep their number in CAmkES' numbering; flags 0x104 are level-triggered.
    assertThat(f.node("/timer").interrupts()).extracting(Interrupt::number).containsExactly(13L, 14L, 11L, 10L);
    assertThat(f.node("/aliases").interrupts()).isEmpty();
  }

  @Test
  void dtcCompilesTheSourceToTheCommittedBlob() throws Exception {
    Assumptions.assumeTrue(dtcInstalled(), "dtc (device-tree-compiler) is not installed; .dts test skipped");
    Fdt compiled = Dtc.compile(DTS);
    assertThat(compiled.nodes()).extracting(Node::path).isEqualTo(board().nodes().stream().map(Node::path).toList());
    for (Node n : board().nodes()) {
      Node c = compiled.node(n.path());
      assertThat(c.properties()).extracting(Property::name).isEqualTo(n.properties().stream().map(Property::name).toList());
      for (Property p : n.properties()) assertThat(c.property(p.name()).bytes()).isEqualTo(p.bytes());
    }
  }

  @Test
  void dtcErrorsAreReported(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.dts"), "/dts-v1/;\n/ { broken = <1 ; };\n");
    assertThatThrownBy(() -> Dtc.compile("cpkit-no-such-dtc", bad)).isInstanceOf(DtbException.class)
        .hasMessageContaining("cannot run 'cpkit-no-such-dtc'").hasMessageContaining("--dtb");
    Assumptions.assumeTrue(dtcInstalled(), "dtc is not installed");
    assertThatThrownBy(() -> Dtc.compile(bad)).isInstanceOf(DtbException.class)
        .hasMessageContaining("dtc failed on").hasMessageContaining("bad.dts");
  }

  // ---- bad blobs: a DtbException with the offset, never another exception ----

  private static byte[] blob() throws IOException {
    return Files.readAllBytes(DTB);
  }

  private static void put32(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  @Test
  void badMagic() throws Exception {
    byte[] b = blob();
    b[0] = 0x2f;
    assertThatThrownBy(() -> Fdt.parse(b)).isInstanceOf(DtbException.class)
        .hasMessageContaining("at offset 0x0").hasMessageContaining("not a device tree blob");
    byte[] text = "/dts-v1/;\n/ {};\n".getBytes();
    assertThatThrownBy(() -> Fdt.parse(text)).hasMessageContaining("--dts");
  }

  @Test
  void truncated() throws Exception {
    byte[] b = blob();
    assertThatThrownBy(() -> Fdt.parse(Arrays.copyOf(b, 20))).isInstanceOf(DtbException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> Fdt.parse(Arrays.copyOf(b, b.length - 10))).isInstanceOf(DtbException.class)
        .hasMessageContaining("truncated device tree: the header says " + b.length);
    assertThatThrownBy(() -> Fdt.parse(new byte[0])).isInstanceOf(DtbException.class);
  }

  @Test
  void corruptHeaderAndStructure() throws Exception {
    byte[] v = blob();
    put32(v, 20, 3);
    assertThatThrownBy(() -> Fdt.parse(v)).hasMessageContaining("unsupported device tree version 3");
    byte[] s = blob();
    put32(s, 36, 0x7fffffff);
    assertThatThrownBy(() -> Fdt.parse(s)).hasMessageContaining("structure block")
        .hasMessageContaining("outside");
    byte[] tok = blob();
    int struct = (int) Fdt.u32(tok, 8);
    put32(tok, struct + 8, 0x77);  // first token after the root's name
    assertThatThrownBy(() -> Fdt.parse(tok)).hasMessageContaining("unknown structure token 0x77")
        .hasMessageContaining("at offset 0x" + Integer.toHexString(struct + 8));
  }

  /** A hand-made blob from structure words; strings block "reg\0". */
  private static byte[] make(long... words) {
    byte[] strings = "reg\0".getBytes();
    int structOff = 40 + 16;
    int structSize = words.length * 4;
    byte[] b = new byte[structOff + structSize + strings.length];
    put32(b, 0, Fdt.MAGIC);
    put32(b, 4, b.length);
    put32(b, 8, structOff);
    put32(b, 12, structOff + structSize);
    put32(b, 16, 40);
    put32(b, 20, 17);
    put32(b, 24, 16);
    put32(b, 32, strings.length);
    put32(b, 36, structSize);
    for (int i = 0; i < words.length; i++) put32(b, structOff + i * 4, words[i]);
    System.arraycopy(strings, 0, b, structOff + structSize, strings.length);
    return b;
  }

  @Test
  void structuralErrors() {
    assertThat(catchMessage(make(1, 0, 2))).contains("no end token");
    assertThat(catchMessage(make(1, 0, 9))).contains("ends inside node /");
    assertThat(catchMessage(make(1, 0, 2, 2, 9))).contains("end-of-node token outside any node");
    assertThat(catchMessage(make(1, 0, 3, 4, 99, 0, 2, 9))).contains("property name offset 99");
    assertThat(catchMessage(make(1, 0, 3, 4000, 0, 2, 9))).contains("runs past the structure block");
    assertThat(catchMessage(make(2, 9))).contains("does not start with a node");
  }

  @Test
  void deepNestingIsBounded() {
    long[] words = new long[2 + 2 * 300 + 300 + 2];
    int i = 0;
    words[i++] = 1;
    words[i++] = 0;
    for (int d = 0; d < 300; d++) {
      words[i++] = 1;
      words[i++] = 0x61000000L;  // "a\0\0\0"
    }
    assertThat(catchMessage(make(words))).contains("nested more than 256 deep");
  }

  @Test
  void badRegAndRanges() throws Exception {
    // root: #address-cells = <1>? Here: a node with a reg of 3 bytes under default 2+1 cells.
    byte[] strings = "reg\0".getBytes();
    assertThat(strings).hasSize(4);
    Fdt ok = Fdt.parse(make(1, 0, 1, 0x61000000L, 3, 8, 0, 1, 2, 2, 2, 9));
    assertThatThrownBy(() -> ok.node("/a").regs()).isInstanceOf(DtbException.class)
        .hasMessageContaining("/a: 'reg' has 8 bytes, not a multiple of 3 cells");
  }

  private static String catchMessage(byte[] b) {
    try {
      Fdt.parse(b);
      return "parsed";
    } catch (DtbException e) {
      return e.getMessage();
    } catch (RuntimeException e) {
      return "unexpected " + e;
    }
  }

  @Test
  void everyTruncationAndByteFlipIsADtbException() throws Exception {
    byte[] b = blob();
    for (int len = 0; len < b.length; len++) {
      assertThat(catchMessage(Arrays.copyOf(b, len))).doesNotStartWith("unexpected").doesNotStartWith("parsed");
    }
    for (int at = 0; at < b.length; at++) {
      byte[] c = b.clone();
      c[at] ^= (byte) 0xa5;
      String m = catchMessage(c);
      assertThat(m).as("flip at %d", at).doesNotStartWith("unexpected");
      if (m.equals("parsed")) {
        // a flipped value byte: still a tree, whose queries must not throw either
        Fdt f = Fdt.parse(c);
        for (Node n : f.nodes()) {
          try {
            n.regs();
          } catch (DtbException e) {
            assertThat(e.getMessage()).isNotBlank();
          }
          n.interrupts();
        }
      }
    }
    assertThat(List.of()).isEmpty();
  }
}
