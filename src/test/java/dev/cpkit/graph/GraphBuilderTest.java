// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import static dev.cpkit.graph.TestSystems.end;
import static dev.cpkit.graph.TestSystems.map;
import static dev.cpkit.graph.TestSystems.microkitPd;
import static dev.cpkit.graph.TestSystems.region;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.graph.Graph.Edge;
import dev.cpkit.graph.Graph.EdgeKind;
import dev.cpkit.graph.Graph.Node;
import dev.cpkit.graph.Graph.NodeKind;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {

  static final String NESTED = """
      <system>
          <memory_region name="buf" size="0x1000" />
          <memory_region name="uart" size="0x1000" phys_addr="0x9000000" />
          <protection_domain name="root" priority="200" pp="true" budget="500" period="1000">
              <program_image path="root.elf" />
              <map mr="buf" vaddr="0x2000000" perms="rw" />
              <irq irq="33" id="3" trigger="edge" />
              <protection_domain name="kid" id="1" priority="100" passive="true">
                  <program_image path="kid.elf" />
                  <map mr="uart" vaddr="0x3000000" perms="rw" cached="false" />
              </protection_domain>
          </protection_domain>
          <protection_domain name="other" priority="50">
              <program_image path="other.elf" />
              <map mr="buf" vaddr="0x2000000" perms="r" />
          </protection_domain>
          <channel><end pd="other" id="4" /><end pd="root" id="5" /></channel>
      </system>
      """;

  private static Edge edge(Graph g, EdgeKind kind, String from, String to) {
    return g.edges().stream().filter(e -> e.kind() == kind && e.from().equals(from)
        && e.to().equals(to)).findFirst().orElseThrow(() -> new AssertionError(
            kind + " " + from + " -> " + to + " not in " + g.edges()));
  }

  @Test
  void nodesCarryTheAttributesReviewersLookFor() {
    Graph g = GraphBuilder.build("t", TestSystems.parse(Dialect.SEL4CP_DEV, NESTED));
    Node root = g.node("pd:root");
    assertThat(root.kind()).isEqualTo(NodeKind.PD);
    assertThat(root.attributes()).containsEntry("priority", "200")
        .containsEntry("budget", "500 µs").containsEntry("period", "1000 µs")
        .containsEntry("pp", "true").containsEntry("passive", "false");
    assertThat(root.lines()).contains("budget 500/1000 µs", "pp");
    Node kid = g.node("pd:kid");
    assertThat(kid.parent()).isEqualTo("pd:root");
    assertThat(kid.attributes()).containsEntry("id", "1").containsEntry("passive", "true");
    Node uart = g.node("mr:uart");
    assertThat(uart.attributes()).containsEntry("phys_addr", "0x9000000")
        .containsEntry("size", "0x1000 (4 KiB)").containsEntry("page_size", "4 KiB");
    Node irq = g.node("irq:root:3");
    assertThat(irq.name()).isEqualTo("irq 33");
    assertThat(irq.attributes()).containsEntry("trigger", "edge");
  }

  @Test
  void edgesForMapsChannelsCallsAndInterrupts() {
    Graph g = GraphBuilder.build("t", TestSystems.parse(Dialect.SEL4CP_DEV, NESTED));
    Edge m = edge(g, EdgeKind.MAP, "pd:kid", "mr:uart");
    assertThat(m.label()).isEqualTo("rw uncached @ 0x3000000");
    assertThat(edge(g, EdgeKind.MAP, "pd:other", "mr:buf").attributes())
        .containsEntry("perms", "r").containsEntry("cached", "true");
    Edge ch = edge(g, EdgeKind.CHANNEL, "pd:other", "pd:root");
    assertThat(ch.label()).isEqualTo("4 ↔ 5");
    assertThat(ch.notifyFrom()).isTrue();
    assertThat(ch.notifyTo()).isTrue();
    // sel4cp: pp on 'root' lets every channel partner call it, and only in that direction
    assertThat(edge(g, EdgeKind.PPCALL, "pd:other", "pd:root").label()).isEqualTo("ppcall (id 4)");
    assertThat(g.edges()).noneMatch(e -> e.kind() == EdgeKind.PPCALL && e.from().equals("pd:root"));
    assertThat(edge(g, EdgeKind.IRQ, "irq:root:3", "pd:root").label()).isEqualTo("id 3");
  }

  @Test
  void microkitRightsSitOnTheChannelEnds() {
    SystemDescription s = TestSystems.microkit(List.of(region("buf", 0x1000, null)),
        List.of(microkitPd("client", 10, false, List.of(map("buf", 0x2000000, "rw", true))),
            microkitPd("server", 20, true, List.of())),
        List.of(new Channel(end("client", 0, true, false), end("server", 1, false, true),
            null)));
    Graph g = GraphBuilder.build("t", s);
    Edge ch = edge(g, EdgeKind.CHANNEL, "pd:client", "pd:server");
    assertThat(ch.notifyFrom()).as("client end has notify=false").isFalse();
    assertThat(ch.notifyTo()).isTrue();
    edge(g, EdgeKind.PPCALL, "pd:client", "pd:server");
    assertThat(g.node("pd:client").attributes()).doesNotContainKey("pp");
  }

  @Test
  void virtualMachinesAreNestedInTheirPd() throws Exception {
    Graph g = GraphBuilder.build("vmm", TestSystems.example("vmm", "sel4cp-dev"));
    Node vm = g.node("vm:linux");
    assertThat(vm.kind()).isEqualTo(NodeKind.VM);
    assertThat(vm.parent()).isEqualTo("pd:VMM");
    assertThat(edge(g, EdgeKind.MAP, "vm:linux", "mr:guest_ram").label())
        .isEqualTo("rwx @ 0x40000000");
  }
}
