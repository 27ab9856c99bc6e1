// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.camkes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.cli.Main;
import dev.cpkit.diag.Diagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dtb(...) query settings answered from a device tree. queries.reference-settings holds the
 * settings camkes-tool@e6fa51f (with pyfdt@22c1726) resolves for queries.camkes against
 * board.dtb, one per line, sorted; cpkit must print exactly these values.
 */
class DtbQueryTest {
  private static final String DIR = "src/test/resources/camkes/dtb/";
  private static final String DTB = "src/test/resources/dtb/board.dtb";
  private static final String DTS = "src/test/resources/dtb/board.dts";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  private List<String> settingLines() {
    String text = out.toString();
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String l : text.split("\n")) {
      if (l.equals("settings:")) in = true;
      else if (in && l.startsWith("  ")) lines.add(l.substring(2).replaceAll("  @ .*", "").replace(" (reference)", ""));
      else in = false;
    }
    Collections.sort(lines);
    return lines;
  }

  @Test
  void answersMatchTheReferenceParser() throws IOException {
    assertThat(run("camkes", "dump", "--dtb", DTB, DIR + "queries.camkes")).isEqualTo(Main.OK);
    assertThat(settingLines()).containsExactlyElementsOf(
        Files.readAllLines(Path.of(DIR + "queries.reference-settings")));
    assertThat(err.toString()).contains("warning[CAM152]").contains("\"/nothing-here\"")
        .doesNotContain("drv.empty");  // dtb([{}]) is the idiom for "no devices"
  }

  @Test
  void withoutADeviceTreeQueriesStayUnresolved() {
    assertThat(run("camkes", "dump", DIR + "queries.camkes")).isEqualTo(Main.OK);
    assertThat(out.toString()).contains("uart.dtb = dtb({\"path\": \"/pl011@9000000\"})")
        .contains("drv.dtb_paddr = dtb({\"path\": \"serial@3000\"})[\"reg\"][0]");
  }

  @Test
  void dtsIsCompiledWithDtc() {
    Assumptions.assumeTrue(dev.cpkit.dtb.FdtTest.dtcInstalledForOthers(), "dtc is not installed; --dts test skipped");
    run("camkes", "dump", "--dtb", DTB, DIR + "queries.camkes");
    String fromBlob = out.toString();
    out.getBuffer().setLength(0);
    assertThat(run("camkes", "dump", "--dts", DTS, DIR + "queries.camkes")).isEqualTo(Main.OK);
    // Same values; only the file list differs (the source is named instead of the blob).
    assertThat(out.toString().replace(DTS, DTB)).isEqualTo(fromBlob);
  }

  @Test
  void jsonCarriesTheAnsweredValues() {
    assertThat(run("camkes", "dump", "--json", "--dtb", DTB, DIR + "queries.camkes")).isEqualTo(Main.OK);
    assertThat(out.toString()).contains("[\"this_node_path\", \"/pl011@9000000\"]")
        .contains("\"attribute\": \"dtb_paddr\"").contains("[1342189568]")
        .doesNotContain("\"query\": \"dtb\"");
  }

  @Test
  void unanswerableQueriesAreLocatedErrors() {
    assertThat(run("camkes", "dump", "--dtb", DTB, DIR + "bad_queries.camkes")).isEqualTo(Main.INPUT_ERRORS);
    String e = err.toString();
    assertThat(e).contains("bad_queries.camkes:15:9: error[CAM151]: cannot answer the dtb query of 'drv.a': /aliases has no entry 'nosuch'")
        .contains("'drv.b': /aliases/broken names /nowhere@0, which is not in the device tree")
        .contains("'drv.c': no key \"nokey\" in the node")
        .contains("'drv.d': \"path\" (unclosed is not a valid regular expression")
        .contains("'drv.f': /aliases/spi4 names /soc@40000000/spi@2000, which matches 2 nodes")
        .contains("error[CAM131]: mistyped assignment of attribute 'base' of type int: given a list")
        .contains("'drv.e': index 9 is out of range")
        .contains("error[CAM136]: 'drv.g': cannot look up [\"nokey\"] in {\"compatible\"");
    assertThat(e).doesNotContain("Exception");
  }

  @Test
  void badDeviceTreeFilesAreReportedNotThrown(@TempDir Path dir) throws IOException {
    Path notBlob = Files.writeString(dir.resolve("x.dtb"), "/dts-v1/;\n/ { };\n");
    assertThat(run("camkes", "dump", "--dtb", notBlob.toString(), DIR + "queries.camkes")).isEqualTo(Main.INPUT_ERRORS);
    assertThat(err.toString()).contains("x.dtb:1:1: error[CAM150]: bad device tree: at offset 0x0: not a device tree blob");
    err.getBuffer().setLength(0);
    byte[] blob = Files.readAllBytes(Path.of(DTB));
    Path cut = Files.write(dir.resolve("cut.dtb"), java.util.Arrays.copyOf(blob, 100));
    assertThat(run("camkes", "dump", "--dtb", cut.toString(), DIR + "queries.camkes")).isEqualTo(Main.INPUT_ERRORS);
    assertThat(err.toString()).contains("error[CAM150]: bad device tree: at offset 0x4: truncated device tree");
    err.getBuffer().setLength(0);
    assertThat(run("camkes", "dump", "--dtb", dir.resolve("missing.dtb").toString(), DIR + "queries.camkes"))
        .isEqualTo(Main.INPUT_ERRORS);
    assertThat(err.toString()).contains("error[CAM150]: cannot read device tree");
    err.getBuffer().setLength(0);
    assertThat(run("camkes", "dump", "--dtb", DTB, "--dts", DTS, DIR + "queries.camkes")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--dtb and --dts cannot be used together");
  }

  @Test
  void libraryApiTakesADeviceTree() {
    CamkesFrontEnd.Result r = CamkesFrontEnd.load(Path.of(DIR + "queries.camkes"),
        CamkesFrontEnd.Options.defaults().withDeviceTree(CamkesFrontEnd.DeviceTree.blob(Path.of(DTB))));
    assertThat(r.ok()).isTrue();
    assertThat(r.model().files()).endsWith(DTB);
    Value v = r.model().setting("drv", "dtb_size").orElseThrow();
    assertThat(v).isEqualTo(new Value.ListValue(List.of(new Value.Int(4096))));
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly("CAM152");
  }
}
