// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.diag.SourceSpan;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.system.Channel;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one build reads, already loaded: the system (reduced to what the builder uses),
 * the SDK's kernel facts and monitor, and each PD's program (in PD order).
 */
public record BuildInput(
    List<Pd> pds,
    List<Region> regions,
    List<Link> channels,
    KernelFacts kernel,
    ElfFile monitor,
    List<ElfFile> programs,
    List<Vm> vms,
    KernelAbi abi) {

  public BuildInput(List<Pd> pds, List<Region> regions, List<Link> channels, KernelFacts kernel,
      ElfFile monitor, List<ElfFile> programs) {
    this(pds, regions, channels, kernel, monitor, programs, List.of(), KernelAbi.sel4cp126());
  }

  /**
   * A memory region: name, size, page size and optional fixed physical address; {@code span}
   * is its element in the system description (null for the builder's own regions), so that
   * errors can point at it.
   */
  public record Region(String name, long size, long pageSize, Long physAddr,
      SourceSpan span) {
    public long pageCount() {
      return size / pageSize;
    }
  }

  /** A mapping of a region into a PD; {@code span} its element, or null. */
  public record Map(String mr, long vaddr, String perms, boolean cached, SourceSpan span) {}

  /** An interrupt delivered as channel {@code id}; trigger 0 level, 1 edge (the fork only). */
  public record Irq(long irq, int id, int trigger, SourceSpan span) {}

  /**
   * A variable patched into a PD's program: with the physical address of a region, or with a
   * mapping's virtual address.
   */
  public record Setvar(String symbol, String regionPaddr, long vaddr, SourceSpan span) {}

  /**
   * A protection domain. {@code setvars} are in document order, whichever element made them.
   * The fork's additions: {@code id} (children only), {@code parent} (index of the parent PD,
   * -1 for a top-level PD), {@code cpu}, whether it has children, and {@code vm} (index of its
   * virtual machine, or -1).
   */
  public record Pd(String name, int priority, long budget, long period, boolean pp,
      boolean passive, List<Map> maps, List<Irq> irqs, List<Setvar> setvars, int id,
      int parent, int cpu, boolean hasChildren, int vm) {

    public Pd(String name, int priority, long budget, long period, boolean pp, boolean passive,
        List<Map> maps, List<Irq> irqs, List<Setvar> setvars) {
      this(name, priority, budget, period, pp, passive, maps, irqs, setvars, -1, -1, 0, false,
          -1);
    }

    /** The fork's needs_ep: an endpoint for pp PDs, parents and PDs with a VM. */
    public boolean needsEndpoint() {
      return pp || hasChildren || vm >= 0;
    }
  }

  /** The fork's virtual machine, owned by PD {@code parent}. */
  public record Vm(String name, int id, int cpu, long priority, long budget, long period,
      List<Map> maps, int parent) {}

  /** A channel between PDs (by index) with the id at each end. */
  public record Link(int pdA, int idA, int pdB, int idB) {}

  /** Reduces a validated sel4cp system to the builder's view (top-level PDs, in order). */
  public static BuildInput of(SystemDescription system, KernelFacts kernel, ElfFile monitor,
      List<ElfFile> programs) {
    return of(system, kernel, monitor, programs, KernelAbi.sel4cp126());
  }

  /**
   * As {@link #of(SystemDescription, KernelFacts, ElfFile, List)}; for the fork every PD
   * (children after their parent, depth first, as the fork flattens them) and the VMs in
   * the order of their PDs.
   */
  public static BuildInput of(SystemDescription system, KernelFacts kernel, ElfFile monitor,
      List<ElfFile> programs, KernelAbi abi) {
    List<Pd> pds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<ProtectionDomain> all = abi.fork() ? system.allProtectionDomains()
        : system.protectionDomains();
    List<Vm> vms = new ArrayList<>();
    for (ProtectionDomain pd : all) {
      names.add(pd.name());
      List<Map> maps = new ArrayList<>();
      // setvar_vaddr on a map and <setvar> elements share one list in document order
      List<Object[]> ordered = new ArrayList<>();
      for (Mapping m : pd.maps()) {
        maps.add(new Map(m.mr(), m.vaddr(), m.perms(), m.cached(), m.span()));
        if (m.setvarVaddr() != null) {
          ordered.add(new Object[] {m.span().start(),
              new Setvar(m.setvarVaddr(), null, m.vaddr(), m.span())});
        }
      }
      for (ProtectionDomain.Setvar s : pd.setvars()) {
        ordered.add(new Object[] {s.span().start(),
            new Setvar(s.symbol(), s.regionPaddr(), 0, s.span())});
      }
      ordered.sort(ByFirst.INSTANCE);
      List<Setvar> setvars = new ArrayList<>();
      for (Object[] o : ordered) setvars.add((Setvar) o[1]);
      List<Irq> irqs = new ArrayList<>();
      for (dev.cpkit.system.Irq i : pd.irqs()) {
        irqs.add(new Irq(i.irq(), i.id(), "edge".equals(i.trigger()) ? 1 : 0, i.span()));
      }
      int parent = -1;
      for (int q = 0; q < all.size() && parent < 0; q++) {
        if (all.get(q).children().contains(pd)) parent = q;
      }
      int vm = -1;
      if (pd.virtualMachine() != null) {
        dev.cpkit.system.VirtualMachine v = pd.virtualMachine();
        List<Map> vmMaps = new ArrayList<>();
        for (Mapping m : v.maps()) {
          vmMaps.add(new Map(m.mr(), m.vaddr(), m.perms(), m.cached(), m.span()));
        }
        vm = vms.size();
        vms.add(new Vm(v.name(), v.id() == null ? 0 : v.id(), v.cpu(), v.priority(), v.budget(),
            v.period(), vmMaps, pds.size()));
      }
      pds.add(new Pd(pd.name(), pd.priority(), pd.budget(), pd.period(), pd.pp(), pd.passive(),
          maps, irqs, setvars, pd.id() == null ? -1 : pd.id(), parent, pd.cpu(),
          !pd.children().isEmpty(), vm));
    }
    List<Region> regions = new ArrayList<>();
    for (MemoryRegion mr : system.memoryRegions()) {
      regions.add(new Region(mr.name(), mr.size(), mr.pageSize(), mr.physAddr(), mr.span()));
    }
    List<Link> links = new ArrayList<>();
    for (Channel c : system.channels()) {
      links.add(new Link(names.indexOf(c.a().pd()), c.a().id(), names.indexOf(c.b().pd()),
          c.b().id()));
    }
    return new BuildInput(List.copyOf(pds), List.copyOf(regions), List.copyOf(links), kernel,
        monitor, List.copyOf(programs), List.copyOf(vms), abi);
  }
  /**
   * Orders {@code Object[]} rows by their first element, a {@code Number}: a class rather
   * than a lambda, because the first lambda of a run costs milliseconds of start-up.
   */
  static final class ByFirst implements java.util.Comparator<Object[]> {
    static final ByFirst INSTANCE = new ByFirst();

    @Override
    public int compare(Object[] a, Object[] b) {
      return Long.compare(((Number) a[0]).longValue(), ((Number) b[0]).longValue());
    }
  }
}
