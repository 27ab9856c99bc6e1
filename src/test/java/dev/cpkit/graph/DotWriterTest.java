// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cpkit.system.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DotWriterTest {

  static boolean dotInstalled() {
    try {
      Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  record Run(int code, String out, String err) {}

  static Run dot(String input) throws Exception {
    Process p = new ProcessBuilder("dot", "-Tsvg").start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    var out = p.getInputStream().readAllBytes();
    var err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void nestedPdsBecomeClustersAndQuotesAreEscaped() {
    String dot = DotWriter.write(GraphBuilder.build("a \"quoted\" name",
        TestSystems.parse(Dialect.SEL4CP_DEV, GraphBuilderTest.NESTED)));
    assertThat(dot).startsWith("digraph \"a \\\"quoted\\\" name\" {")
        .contains("subgraph \"cluster_pd:root\" {")
        .contains("\"pd:other\" -> \"pd:root\" [style=bold")
        .contains("\"pd:other\" -> \"pd:root\" [dir=both, arrowhead=normal, arrowtail=normal")
        .contains("\"irq:root:3\" -> \"pd:root\" [style=dotted");
    // the child sits inside its parent's cluster
    int cluster = dot.indexOf("subgraph \"cluster_pd:root\"");
    int kid = dot.indexOf("\"pd:kid\" [");
    int close = dot.indexOf("\n  }\n", cluster);
    assertThat(kid).isBetween(cluster, close);
  }

  @Test
  void outputIsDeterministic() throws Exception {
    for (String[] ex : TestSystems.EXAMPLES) {
      String a = DotWriter.write(GraphBuilder.build(ex[0], TestSystems.example(ex[0], ex[1])));
      String b = DotWriter.write(GraphBuilder.build(ex[0], TestSystems.example(ex[0], ex[1])));
      assertThat(a).isEqualTo(b);
    }
  }

  @Test
  void graphvizAcceptsEveryBundledExample() throws Exception {
    assumeTrue(dotInstalled(), "Graphviz 'dot' is not installed (Debian package graphviz);"
        + " skipping the DOT validity test");
    for (String[] ex : TestSystems.EXAMPLES) {
      Run r = dot(DotWriter.write(GraphBuilder.build(ex[0], TestSystems.example(ex[0], ex[1]))));
      assertThat(r.code()).as(ex[0] + ": " + r.err()).isZero();
      assertThat(r.err()).as(ex[0]).isEmpty();
      assertThat(r.out()).contains("<svg").contains("<title>pd:");
    }
    Run nested = dot(DotWriter.write(GraphBuilder.build("nested \\ \"x\"",
        TestSystems.parse(Dialect.SEL4CP_DEV, GraphBuilderTest.NESTED))));
    assertThat(nested.code()).as(nested.err()).isZero();
    assertThat(nested.out()).contains("cluster_pd:root");
  }
}
