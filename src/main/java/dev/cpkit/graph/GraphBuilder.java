// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import dev.cpkit.graph.Graph.Edge;
import dev.cpkit.graph.Graph.EdgeKind;
import dev.cpkit.graph.Graph.Node;
import dev.cpkit.graph.Graph.NodeKind;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Irq;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import dev.cpkit.system.VirtualMachine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a validated system into a {@link Graph}: what is drawn, labelled and linked. */
public final class GraphBuilder {
  private final SystemDescription s;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();

  private GraphBuilder(SystemDescription s) {
    this.s = s;
  }

  public static Graph build(String title, SystemDescription s) {
    GraphBuilder b = new GraphBuilder(s);
    b.run();
    return new Graph(title, b.nodes, b.edges);
  }

  public static String pdId(String name) {
    return "pd:" + name;
  }

  public static String mrId(String name) {
    return "mr:" + name;
  }

  public static String vmId(String name) {
    return "vm:" + name;
  }

  private void run() {
    for (ProtectionDomain pd : s.protectionDomains()) pd(pd, null);
    for (MemoryRegion mr : s.memoryRegions()) region(mr);
    for (ProtectionDomain pd : s.allProtectionDomains()) {
      mappings(pdId(pd.name()), pd.maps());
      if (pd.virtualMachine() != null) {
        mappings(vmId(pd.virtualMachine().name()), pd.virtualMachine().maps());
      }
      irqs(pd);
    }
    channels();
  }

  private void pd(ProtectionDomain pd, String parent) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("kind", NodeKind.PD.description());
    a.put("priority", Integer.toString(pd.priority()));
    a.put("budget", pd.budget() + " µs");
    a.put("period", pd.period() + " µs");
    a.put("passive", Boolean.toString(pd.passive()));
    if (s.dialect().isPython()) a.put("pp", Boolean.toString(pd.pp()));
    if (pd.id() != null) a.put("id", Integer.toString(pd.id()));
    if (pd.cpu() != 0 || s.board().cores() > 1) a.put("cpu", Integer.toString(pd.cpu()));
    if (pd.programImage() != null) a.put("program_image", pd.programImage().path());
    if (pd.domain() != null) a.put("domain", pd.domain());
    List<String> lines = new ArrayList<>();
    lines.add("prio " + pd.priority() + (pd.id() != null ? " · id " + pd.id() : "")
        + (a.containsKey("cpu") ? " · cpu " + pd.cpu() : ""));
    lines.add("budget " + pd.budget() + "/" + pd.period() + " µs");
    List<String> flags = new ArrayList<>();
    if (pd.passive()) flags.add("passive");
    if (pd.pp()) flags.add("pp");
    if (!flags.isEmpty()) lines.add(String.join(" · ", flags));
    nodes.add(new Node(pdId(pd.name()), NodeKind.PD, pd.name(), lines, a, parent));
    if (pd.virtualMachine() != null) vm(pd.virtualMachine(), pdId(pd.name()));
    for (ProtectionDomain c : pd.children()) pd(c, pdId(pd.name()));
  }

  private void vm(VirtualMachine vm, String parent) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("kind", NodeKind.VM.description());
    if (vm.id() != null) a.put("id", Integer.toString(vm.id()));
    a.put("priority", Long.toString(vm.priority()));
    a.put("budget", vm.budget() + " µs");
    a.put("period", vm.period() + " µs");
    if (!vm.vcpus().isEmpty()) a.put("vcpus", Integer.toString(vm.vcpus().size()));
    List<String> lines = List.of("virtual machine", "prio " + vm.priority() + " · budget "
        + vm.budget() + "/" + vm.period() + " µs");
    nodes.add(new Node(vmId(vm.name()), NodeKind.VM, vm.name(), lines, a, parent));
  }

  private void region(MemoryRegion mr) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("kind", NodeKind.MR.description());
    a.put("size", Units.hex(mr.size()) + " (" + Units.size(mr.size()) + ")");
    a.put("page_size", Units.size(mr.pageSize()));
    a.put("pages", Long.toString(mr.pageCount()));
    if (mr.physAddr() != null) a.put("phys_addr", Units.hex(mr.physAddr()));
    List<String> lines = new ArrayList<>();
    lines.add(Units.size(mr.size()) + " · " + Units.size(mr.pageSize()) + " pages");
    if (mr.physAddr() != null) lines.add("phys " + Units.hex(mr.physAddr()));
    nodes.add(new Node(mrId(mr.name()), NodeKind.MR, mr.name(), lines, a, null));
  }

  private void mappings(String owner, List<Mapping> maps) {
    int i = 0;
    for (Mapping m : maps) {
      Map<String, String> a = new LinkedHashMap<>();
      a.put("perms", m.perms());
      a.put("cached", Boolean.toString(m.cached()));
      a.put("vaddr", Units.hex(m.vaddr()));
      if (m.setvarVaddr() != null) a.put("setvar_vaddr", m.setvarVaddr());
      String label = m.perms() + (m.cached() ? "" : " uncached") + " @ " + Units.hex(m.vaddr());
      edges.add(new Edge("map:" + owner + ":" + i++, EdgeKind.MAP, owner, mrId(m.mr()), label,
          a, false, false));
    }
  }

  private void irqs(ProtectionDomain pd) {
    for (Irq irq : pd.irqs()) {
      String id = "irq:" + pd.name() + ":" + irq.id();
      Map<String, String> a = new LinkedHashMap<>();
      a.put("kind", NodeKind.IRQ.description());
      String name;
      switch (irq.kind()) {
        case IOAPIC -> {
          name = "ioapic " + irq.ioapic() + " pin " + irq.pin();
          a.put("vector", Long.toString(irq.vector()));
        }
        case MSI -> {
          name = "msi " + irq.pcidev();
          a.put("vector", Long.toString(irq.vector()));
          a.put("handle", Long.toString(irq.handle()));
        }
        default -> {
          name = "irq " + irq.irq();
          a.put("irq", Long.toString(irq.irq()));
        }
      }
      a.put("id", Integer.toString(irq.id()));
      if (irq.trigger() != null) a.put("trigger", irq.trigger());
      List<String> lines = irq.trigger() == null ? List.of() : List.of(irq.trigger());
      nodes.add(new Node(id, NodeKind.IRQ, name, lines, a, null));
      edges.add(new Edge("irq:" + pd.name() + ":" + irq.id(), EdgeKind.IRQ, id,
          pdId(pd.name()), "id " + irq.id(), Map.of("id", Integer.toString(irq.id())), false,
          false));
    }
  }

  private void channels() {
    List<Links.Link> links = Links.of(s);
    int i = 0;
    for (Channel c : s.channels()) {
      boolean aToB = has(links, c, Links.Kind.NOTIFY, c.a().pd());
      boolean bToA = has(links, c, Links.Kind.NOTIFY, c.b().pd());
      Map<String, String> a = new LinkedHashMap<>();
      a.put(c.a().pd() + " id", Integer.toString(c.a().id()));
      a.put(c.b().pd() + " id", Integer.toString(c.b().id()));
      edges.add(new Edge("ch:" + i, EdgeKind.CHANNEL, pdId(c.a().pd()), pdId(c.b().pd()),
          c.a().id() + " ↔ " + c.b().id(), a, aToB, bToA));
      int j = 0;
      for (Links.Link l : links) {
        if (l.channel() != c || l.kind() != Links.Kind.PPCALL) continue;
        edges.add(new Edge("ppc:" + i + ":" + j++, EdgeKind.PPCALL, pdId(l.from()),
            pdId(l.to()), "ppcall (id " + l.fromId() + ")",
            Map.of("caller id", Integer.toString(l.fromId())), false, false));
      }
      i++;
    }
  }

  private static boolean has(List<Links.Link> links, Channel c, Links.Kind kind, String from) {
    for (Links.Link l : links) {
      if (l.channel() == c && l.kind() == kind && l.from().equals(from)) return true;
    }
    return false;
  }
}
