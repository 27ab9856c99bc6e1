// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static dev.cpkit.image.SystemBuilder.PAGE;
import static dev.cpkit.image.SystemBuilder.PD_SCHED_CONTEXT_SIZE;
import static dev.cpkit.image.SystemBuilder.humanSize;

import dev.cpkit.image.BuildInput.Pd;
import dev.cpkit.image.BuildInput.Region;
import dev.cpkit.image.BuildInput.Vm;
import dev.cpkit.image.KernelAbi.Obj;
import dev.cpkit.image.elf.ElfFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every object of the system, allocated through {@link InitSystem} in the reference's order
 * (the order decides the untypeds and caps, so the bytes): pages, TCBs, the fork's vCPUs,
 * scheduling contexts, replies, endpoints, notifications, VSpaces, paging structures, CNodes.
 * Lists are per domain (PDs, then the fork's VMs) unless named per PD.
 */
final class SystemObjects {
  private final BuildInput in;
  private final KernelAbi abi;
  private final boolean fork;
  private final InitSystem init;

  /** Each region's pages, by region name (empty for a region of size 0). */
  final Map<String, List<KernelObject>> mrPages = new HashMap<>();
  /** Per PD. */
  final List<KernelObject> ipcBuffers;
  final List<KernelObject> tcbs;
  /** Per VM (the fork's); empty for 1.2.6. */
  final List<KernelObject> vcpus;
  final List<KernelObject> scs;
  /** The monitor's, then one per PD. */
  final List<KernelObject> replies;
  /** The monitor's fault endpoint, then the PDs' that need one (see {@link #endpointIndex}). */
  final List<KernelObject> eps;
  /** Per PD: its index in {@link #eps}, or -1. */
  final int[] endpointIndex;
  /** Per PD. */
  final List<KernelObject> ntfns;
  /** Every domain's mappings: PDs (with their ELF segments), then the fork's VMs. */
  final List<List<BuildInput.Map>> domainMaps;
  final List<String> domainNames = new ArrayList<>();
  final PagingPlan paging;
  final List<KernelObject> vspaces;
  /** Null where the architecture has no upper directory level (fork only). */
  List<KernelObject> uds;
  List<KernelObject> ds;
  List<KernelObject> pts;
  final List<KernelObject> cnodes;

  SystemObjects(BuildInput in, KernelAbi abi, InitSystem init, PdImages images,
      List<ElfFile> programs) {
    this.in = in;
    this.abi = abi;
    this.fork = abi.fork();
    this.init = init;
    ipcBuffers = allocatePages(images.regions());
    tcbs = init.allocate(abi.type(Obj.TCB), perDomain("TCB: "), 0);
    vcpus = allocateVcpus();
    scs = init.allocate(abi.type(Obj.SCHED_CONTEXT), perDomain("SchedContext: "),
        PD_SCHED_CONTEXT_SIZE);
    List<String> replyNames = new ArrayList<>(List.of("Reply: Monitor"));
    replyNames.addAll(perPd("Reply: PD="));
    replies = init.allocate(abi.type(Obj.REPLY), replyNames, 0);
    endpointIndex = new int[in.pds().size()];
    eps = allocateEndpoints();
    ntfns = init.allocate(abi.type(Obj.NOTIFICATION), perPd("Notification: PD="), 0);
    domainMaps = new ArrayList<>(images.pdMaps());
    for (Vm vm : in.vms()) domainMaps.add(vm.maps());
    paging = planPaging(programs, images.regionsByName());
    vspaces = init.allocate(abi.type(Obj.VSPACE), perDomain("VSpace: "), 0);
    allocatePagingStructures();
    cnodes = init.allocate(abi.type(Obj.CNODE), perDomain("CNode: "), abi.pdCapSize());
  }

  /** The monitor's fault endpoint. */
  KernelObject faultEp() {
    return eps.get(0);
  }

  /** Pages of every region, then of the fixed ones; returns the PDs' IPC buffers. */
  private List<KernelObject> allocatePages(List<Region> allMrs) {
    int nPd = in.pds().size();
    List<String> small = new ArrayList<>();
    List<String> large = new ArrayList<>();
    for (Pd pd : in.pds()) small.add("Page(4 KiB): IPC Buffer PD=" + pd.name());
    for (Region mr : allMrs) {
      if (mr.physAddr() != null) continue;
      List<String> to = mr.pageSize() == PAGE ? small : large;
      String h = humanSize(mr.pageSize());
      for (long i = 0; i < mr.pageCount(); i++) to.add("Page(" + h + "): MR=" + mr.name() + " #" + i);
    }
    // large pages first; both calls happen even when a list is empty (watermark quirk)
    List<KernelObject> largePages = init.allocate(abi.type(Obj.LARGE_PAGE), large, 0);
    List<KernelObject> smallPages = init.allocate(abi.type(Obj.SMALL_PAGE), small, 0);
    int smallIdx = nPd;
    int largeIdx = 0;
    for (Region mr : allMrs) {
      mrPages.put(mr.name(), new ArrayList<>());
      if (mr.physAddr() != null) continue;
      int n = (int) mr.pageCount();
      if (mr.pageSize() == PAGE) {
        mrPages.get(mr.name()).addAll(smallPages.subList(smallIdx, smallIdx + n));
        smallIdx += n;
      } else {
        mrPages.get(mr.name()).addAll(largePages.subList(largeIdx, largeIdx + n));
        largeIdx += n;
      }
    }
    allocateFixedPages(allMrs);
    return smallPages.subList(0, nPd);
  }

  /** Pages of regions with a physical address (fixed regions and PD images), by address. */
  private void allocateFixedPages(List<Region> allMrs) {
    List<Object[]> fixed = new ArrayList<>();
    for (Region mr : allMrs) {
      if (mr.physAddr() == null) continue;
      long phys = mr.physAddr();
      for (long i = 0; i < mr.pageCount(); i++) {
        fixed.add(new Object[] {phys, mr});
        phys += mr.pageSize();
      }
    }
    fixed.sort(BuildInput.ByFirst.INSTANCE);
    for (int i = 1; i < fixed.size(); i++) {
      if (((Long) fixed.get(i)[0]).equals(fixed.get(i - 1)[0])) {
        Region a = (Region) fixed.get(i - 1)[1];
        Region b = (Region) fixed.get(i)[1];
        throw BuildException.crash("IMG044", "memory regions '" + a.name() + "' and '"
            + b.name() + "' both claim the physical page at 0x"
            + Long.toHexString((Long) fixed.get(i)[0]), "TypeError: '<' not supported between"
            + " instances of 'SysMemoryRegion' and 'SysMemoryRegion'").at(b.span());
      }
    }
    for (Object[] f : fixed) {
      long phys = (Long) f[0];
      Region mr = (Region) f[1];
      int type = abi.type(mr.pageSize() == PAGE ? Obj.SMALL_PAGE : Obj.LARGE_PAGE);
      String name = "Page(" + humanSize(mr.pageSize()) + "): MR=" + mr.name() + " @ "
          + Long.toHexString(phys);
      try {
        mrPages.get(mr.name()).add(init.allocateFixed(phys, type, name));
      } catch (BuildException e) {
        throw e.at(mr.span());
      }
    }
  }

  private List<KernelObject> allocateVcpus() {
    if (!fork) return List.of();
    // fork: called even without VMs, so its alignment moves the watermark (see
    // ObjectAllocator)
    List<String> vcpuNames = new ArrayList<>();
    for (Vm vm : in.vms()) vcpuNames.add("VCPU: VM=" + vm.name());
    return init.allocate(abi.type(Obj.VCPU), vcpuNames, 0);
  }

  /** The monitor's fault endpoint, then one per PD that receives calls or faults. */
  private List<KernelObject> allocateEndpoints() {
    List<Pd> pds = in.pds();
    List<String> epNames = new ArrayList<>(List.of("EP: Monitor Fault"));
    for (int p = 0; p < pds.size(); p++) {
      endpointIndex[p] = -1;
      // fork: parents and PDs with a VM get an endpoint too (their children's faults)
      if (fork ? pds.get(p).needsEndpoint() : pds.get(p).pp()) {
        endpointIndex[p] = epNames.size();
        epNames.add("EP: PD=" + pds.get(p).name());
      }
    }
    return init.allocate(abi.type(Obj.ENDPOINT), epNames, 0);
  }

  private PagingPlan planPaging(List<ElfFile> programs, Map<String, Region> mrByName) {
    List<Long> ipcBufferVaddrs = new ArrayList<>();
    for (int p = 0; p < in.pds().size(); p++) {
      domainNames.add(in.pds().get(p).name());
      ipcBufferVaddrs.add(programs.get(p).symbol("__sel4_ipc_buffer_obj")[0]);
    }
    for (Vm vm : in.vms()) {
      domainNames.add(vm.name());
      ipcBufferVaddrs.add(null);
    }
    return PagingPlan.of(domainNames, ipcBufferVaddrs, domainMaps, mrByName);
  }

  private void allocatePagingStructures() {
    if (fork) {
      // fork: every level is a PageTable; a 40-bit-PA hypervisor and RISC-V (Sv39) have
      // no upper directory level
      int pt = abi.type(Obj.PAGE_TABLE);
      if (!abi.riscv() && !abi.armPa40Hyp()) {
        uds = init.allocate(pt, PagingPlan.forkNames(paging.uds(), domainNames), 0);
      }
      ds = init.allocate(pt, PagingPlan.forkNames(paging.ds(), domainNames), 0);
      pts = init.allocate(pt, PagingPlan.forkNames(paging.pts(), domainNames), 0);
    } else {
      // Quirk reproduced: the reference names every paging structure after the *last* PD (a
      // stale loop variable); the structures are still mapped into the right VSpaces.
      List<Pd> pds = in.pds();
      String last = pds.get(pds.size() - 1).name();
      uds = init.allocate(abi.type(Obj.PAGE_UPPER_DIRECTORY),
          paging.names("PageUpperDirectory", paging.uds(), last), 0);
      ds = init.allocate(abi.type(Obj.PAGE_DIRECTORY),
          paging.names("PageDirectory", paging.ds(), last), 0);
      pts = init.allocate(abi.type(Obj.PAGE_TABLE),
          paging.names("PageTable", paging.pts(), last), 0);
    }
  }

  private List<String> perPd(String prefix) {
    List<String> out = new ArrayList<>(in.pds().size());
    for (Pd pd : in.pds()) out.add(prefix + pd.name());
    return out;
  }

  /** "PREFIXPD=name" for every PD, then "PREFIXVM=name" for the fork's VMs. */
  private List<String> perDomain(String prefix) {
    List<String> out = perPd(prefix + "PD=");
    for (Vm vm : in.vms()) out.add(prefix + "VM=" + vm.name());
    return out;
  }
}
