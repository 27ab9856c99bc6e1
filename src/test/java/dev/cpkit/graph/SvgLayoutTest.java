// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.graph.Graph.Node;
import dev.cpkit.graph.Layout.Box;
import dev.cpkit.system.Dialect;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgLayoutTest {

  static Document parseXml(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(
        xml.getBytes(StandardCharsets.UTF_8)));
  }

  static boolean overlap(Box a, Box b) {
    return a.x() < b.x() + b.w() && b.x() < a.x() + a.w() && a.y() < b.y() + b.h()
        && b.y() < a.y() + a.h();
  }

  static boolean inside(Box inner, Box outer) {
    return inner.x() >= outer.x() && inner.y() >= outer.y()
        && inner.x() + inner.w() <= outer.x() + outer.w()
        && inner.y() + inner.h() <= outer.y() + outer.h();
  }

  /** Boxes of siblings never overlap, children sit inside parents, all inside the drawing. */
  static void assertSane(Graph g, Layout.Result r) {
    for (Node n : g.nodes()) {
      Box b = r.boxes().get(n.id());
      assertThat(b).as(n.id()).isNotNull();
      assertThat(b.x()).isGreaterThanOrEqualTo(0);
      assertThat(b.x() + b.w()).isLessThanOrEqualTo(r.width());
      assertThat(b.y() + b.h()).isLessThanOrEqualTo(r.height());
      if (n.parent() != null) assertThat(inside(b, r.boxes().get(n.parent()))).as(n.id()).isTrue();
      for (Node m : g.nodes()) {
        if (m == n || !java.util.Objects.equals(m.parent(), n.parent())) continue;
        assertThat(overlap(b, r.boxes().get(m.id()))).as(n.id() + " vs " + m.id()).isFalse();
      }
    }
    assertThat(r.routes()).hasSize(g.edges().size());
    for (Layout.Route route : r.routes()) {
      assertThat(route.path()).matches("M[-0-9., CL]+").doesNotContain("NaN");
      assertThat(route.labelX()).isBetween(0.0, r.width());
    }
  }

  @Test
  void svgIsWellFormedAndHasEveryNodeAndEdge() throws Exception {
    Graph g = GraphBuilder.build("nested", TestSystems.parse(Dialect.SEL4CP_DEV,
        GraphBuilderTest.NESTED));
    String svg = SvgWriter.write(g);
    Document doc = parseXml(svg);
    NodeList groups = doc.getElementsByTagName("g");
    int nodes = 0;
    int edges = 0;
    for (int i = 0; i < groups.getLength(); i++) {
      Element e = (Element) groups.item(i);
      if (e.getAttribute("class").startsWith("node ")) nodes++;
      if (e.getAttribute("class").startsWith("edge ")) edges++;
    }
    assertThat(nodes).isEqualTo(g.nodes().size());
    assertThat(edges).isEqualTo(g.edges().size());
    assertThat(svg).contains("data-parent=\"pd:root\"").contains("marker-end=\"url(#arrow-ppcall)\"");
    assertSane(g, Layout.of(g));
  }

  @Test
  void bundledExamplesLayOutSanelyAndDeterministically() throws Exception {
    for (String[] ex : TestSystems.EXAMPLES) {
      Graph g = GraphBuilder.build(ex[0], TestSystems.example(ex[0], ex[1]));
      assertSane(g, Layout.of(g));
      assertThat(SvgWriter.write(g)).isEqualTo(SvgWriter.write(
          GraphBuilder.build(ex[0], TestSystems.example(ex[0], ex[1]))));
    }
  }

  @Test
  void callersAreDrawnAboveTheProceduresTheyCall() throws Exception {
    Graph g = GraphBuilder.build("p", TestSystems.example("passive-server", "sel4cp"));
    Layout.Result r = Layout.of(g);
    assertThat(r.boxes().get("pd:client").y()).isLessThan(r.boxes().get("pd:eth").y());
    assertThat(r.boxes().get("mr:rx_buf").y()).isGreaterThan(r.boxes().get("pd:eth").y());
  }

  /** Random systems (fixed seed): PDs, children, regions, channels with pp, irqs. */
  @Test
  void randomSystemsLayOutSanely() throws Exception {
    Random rnd = new Random(6);
    for (int round = 0; round < 40; round++) {
      StringBuilder sdf = new StringBuilder("<system>\n");
      int mrs = 1 + rnd.nextInt(6);
      for (int i = 0; i < mrs; i++) {
        sdf.append("<memory_region name=\"mr").append(i).append("\" size=\"0x1000\" />\n");
      }
      int pds = 1 + rnd.nextInt(9);
      int irq = 1;
      for (int i = 0; i < pds; i++) {
        sdf.append("<protection_domain name=\"pd").append(i).append("\" priority=\"")
            .append(1 + rnd.nextInt(250)).append("\" pp=\"").append(rnd.nextBoolean())
            .append("\">\n<program_image path=\"x.elf\" />\n");
        sdf.append("<map mr=\"mr").append(rnd.nextInt(mrs)).append("\" vaddr=\"0x2000000\" />\n");
        if (rnd.nextInt(3) == 0) sdf.append("<irq irq=\"").append(irq++).append("\" id=\"40\" />\n");
        if (rnd.nextInt(3) == 0) {
          sdf.append("<protection_domain name=\"kid").append(i)
              .append("\" id=\"1\" priority=\"1\">\n<program_image path=\"k.elf\" />\n")
              .append("<map mr=\"mr0\" vaddr=\"0x2000000\" perms=\"r\" />\n</protection_domain>\n");
        }
        sdf.append("</protection_domain>\n");
      }
      for (int i = 0; i < pds; i++) {
        for (int j = i + 1; j < pds; j++) {
          if (rnd.nextInt(3) == 0) {
            sdf.append("<channel><end pd=\"pd").append(i).append("\" id=\"").append(j)
                .append("\" /><end pd=\"pd").append(j).append("\" id=\"").append(i)
                .append("\" /></channel>\n");
          }
        }
      }
      sdf.append("</system>\n");
      Graph g = GraphBuilder.build("r" + round, TestSystems.parse(Dialect.SEL4CP_DEV,
          sdf.toString()));
      assertSane(g, Layout.of(g));
      parseXml(SvgWriter.write(g));
    }
  }

  @Test
  void unitsReadLikeAnSdfReviewerWrites() {
    assertThat(Units.size(0x1000)).isEqualTo("4 KiB");
    assertThat(Units.size(0x200000)).isEqualTo("2 MiB");
    assertThat(Units.size(1536 * 1024)).isEqualTo("1.5 MiB");
    assertThat(Units.size(0x10000000L + 0xb000)).isEqualTo("~256.04 MiB".replace("~", ""));
    assertThat(Units.size(0x10000000L + 0x1000)).isEqualTo("~256 MiB");
    assertThat(Units.size(100)).isEqualTo("100 B");
    assertThat(List.of(Units.hex(0x9000000))).containsExactly("0x9000000");
  }
}
