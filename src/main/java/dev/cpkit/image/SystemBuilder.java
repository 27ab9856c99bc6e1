// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static dev.cpkit.image.InvocationKind.ASID_POOL_ASSIGN;
import static dev.cpkit.image.InvocationKind.CNODE_COPY;
import static dev.cpkit.image.InvocationKind.SCHED_CONTROL_CONFIGURE_FLAGS;
import static dev.cpkit.image.InvocationKind.TCB_BIND_NOTIFICATION;
import static dev.cpkit.image.InvocationKind.TCB_RESUME;
import static dev.cpkit.image.InvocationKind.TCB_SET_IPC_BUFFER;
import static dev.cpkit.image.InvocationKind.TCB_SET_SCHED_PARAMS;
import static dev.cpkit.image.InvocationKind.TCB_SET_SPACE;
import static dev.cpkit.image.InvocationKind.VCPU_SET_TCB;

import dev.cpkit.image.BuildInput.Pd;
import dev.cpkit.image.BuildInput.Region;
import dev.cpkit.image.BuildInput.Vm;
import dev.cpkit.image.elf.ElfFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass of the reference's {@code build_system}: places the reserved region and the
 * monitor, emulates the kernel boot, allocates every object, writes the bootstrap and system
 * invocation lists and patches the PD programs. The table and CNode sizes are inputs; the
 * {@link ImageBuilder} repeats passes until they fit.
 *
 * <p>The phases, in the order {@link #build} runs them (the order of every allocation and
 * invocation decides the bytes):
 *
 * <ol>
 *   <li>{@link MemoryPlan}: the reserved region (invocation table, PD images), the monitor;
 *   <li>{@link KernelBoot}: the kernel's boot, giving the untypeds;
 *   <li>{@link MonitorBootstrap}: the bootstrap invocation list (the monitor's CSpace, the
 *       table's pages);
 *   <li>{@link PdImages}: the PD programs' segments as loader regions, memory regions, maps;
 *   <li>{@link SystemObjects}: every object, through {@link InitSystem};
 *   <li>{@link #writeConfiguration}: the rest of the system invocation list, through a
 *       {@link SystemInvocationWriter}, with {@link IrqSetup} and {@link PageMappings}; the
 *       PDs' caps, scheduling and threads are written here;
 *   <li>{@link #patchPrograms}: the PD programs' variables.
 * </ol>
 *
 * <p>The kernel is a parameter ({@link KernelAbi}): for the community fork the same pass
 * places the reserved region above the kernel's boot code, adds child PDs and virtual
 * machines, gives each PD its own fault-endpoint badge and changes the cap layout; each such
 * step is marked "fork:" where it happens.
 */
public final class SystemBuilder {
  static final long PAGE = 0x1000;
  static final long LARGE_PAGE = 0x200000;
  static final long CAP_MASK = 1L << 63;
  static final int CAP_ADDRESS_BITS = 64;
  static final long INIT_TCB = 1;
  static final long INIT_CNODE = 2;
  static final long INIT_VSPACE = 3;
  static final long IRQ_CONTROL = 4;
  static final long INIT_ASID_POOL = 6;
  static final long RIGHTS_ALL = 0xf;
  static final long RIGHTS_READ = 2;
  static final long RIGHTS_WRITE = 1;
  static final long ATTR_CACHEABLE = 1;
  static final long ATTR_PARITY = 2;
  static final long ATTR_EXECUTE_NEVER = 4;
  static final long ATTR_DEFAULT = 3;
  static final long TABLE_VADDR = 0x8000_0000L;
  static final long PD_SCHED_CONTEXT_SIZE = 256;
  /** PD CNode slots (libsel4cp's layout). */
  static final long INPUT_CAP = 1;
  static final long VSPACE_CAP = 3;
  static final long REPLY_CAP = 4;
  static final long MONITOR_EP_CAP = 5;
  static final long BASE_OUTPUT_NOTIFICATION_CAP = 10;
  static final long BASE_OUTPUT_ENDPOINT_CAP = 74;
  static final long BASE_IRQ_CAP = 138;
  /** The fork's additional PD CNode slots. */
  static final long TCB_CAP = 6;
  static final long BASE_TCB_CAP = 202;
  static final long BASE_VM_TCB_CAP = 266;
  static final long BASE_VCPU_CAP = 330;

  private final BuildInput in;
  private final KernelBoot boot;
  private final KernelAbi abi;
  private final boolean fork;
  private final int pdCnodeBits;

  public SystemBuilder(BuildInput in) {
    this.in = in;
    this.abi = in.abi();
    this.fork = abi.fork();
    this.boot = new KernelBoot(in.kernel(), abi);
    this.pdCnodeBits = Bits.log2(abi.pdCapSize());
  }

  public BuiltSystem build(long tableSize, long cnodeSize) {
    Map<Long, String> names = initialCapNames();
    List<ElfFile> programs = new ArrayList<>(in.pds().size());
    for (ElfFile f : in.programs()) programs.add(f.copy());
    MemoryPlan plan = MemoryPlan.place(boot, fork, in.monitor(), programs, tableSize);
    BootInfo bootInfo = boot.boot(plan.monitorPhys(), plan.monitorVirt(), plan.reserved());
    for (UntypedObject ut : bootInfo.untypeds()) {
      names.put(ut.cap(), "Untyped @ 0x" + Long.toHexString(ut.base()) + ":0x"
          + Long.toHexString(ut.region().size()) + (ut.device() ? " (device)" : ""));
    }
    ObjectAllocator kao = new ObjectAllocator(bootInfo);
    if (fork) kao.forkMessage();
    MonitorBootstrap bootstrap = new MonitorBootstrap(abi, kao, bootInfo, names, tableSize,
        cnodeSize, plan.reserved().base());
    PdImages images = new PdImages(in, programs, plan.reserved().base() + tableSize, fork);

    List<Invocation> system = new ArrayList<>();
    InitSystem init = new InitSystem(abi, bootstrap.root(), CAP_MASK, bootstrap.firstFreeSlot(),
        kao, bootInfo, system, names);
    bootstrap.reserveTableMemory(init);
    SystemObjects objs = new SystemObjects(in, abi, init, images, programs);
    SystemInvocationWriter w = new SystemInvocationWriter(system, names, bootstrap.root(),
        bootstrap.systemCnode(), Bits.log2(cnodeSize), pdCnodeBits, init.capSlot());
    long systemCaps = writeConfiguration(w, objs, images, programs, bootInfo);
    long dataSize = w.dataSize();

    patchPrograms(programs, objs.mrPages);
    return new BuiltSystem(systemCaps, dataSize, bootstrap.invocations(), system, bootInfo,
        plan.reserved(), objs.faultEp().capAddr(), objs.replies.get(0).capAddr(), names,
        caps(objs.tcbs), caps(objs.scs), caps(objs.ntfns), images.loaderRegions(),
        init.objects(), plan.monitorVirt(), plan.monitorPhys(), programs, abi);
  }

  /** The caps the kernel gives the initial task, by the names the report prints. */
  private static Map<Long, String> initialCapNames() {
    Map<Long, String> names = new HashMap<>();
    names.put(0L, "null");
    names.put(INIT_TCB, "TCB: init");
    names.put(INIT_CNODE, "CNode: init");
    names.put(INIT_VSPACE, "VSpace: init");
    names.put(INIT_ASID_POOL, "ASID Pool: init");
    names.put(IRQ_CONTROL, "IRQ Control");
    return names;
  }

  /**
   * The system invocation list after the objects' retypes: IRQ handlers, caps in the system
   * CNode, caps in the PDs' CNodes, mappings, threads. Returns the system CNode slots used.
   */
  private long writeConfiguration(SystemInvocationWriter w, SystemObjects objs,
      PdImages images, List<ElfFile> programs, BootInfo bootInfo) {
    int nDomains = in.pds().size() + in.vms().size();
    IrqSetup irqs = new IrqSetup(in.pds(), fork);
    irqs.getHandlers(w);
    w.add(Invocation.of(ASID_POOL_ASSIGN, INIT_ASID_POOL, objs.vspaces.get(0).capAddr())
        .repeat(nDomains, "vspace", 1));
    PageMappings mappings = new PageMappings(abi);
    mappings.mintPageCaps(w, objs, images.regionsByName());
    irqs.mintBadgedNotifications(w, objs.ntfns);
    long badgedFaultEp = w.nextCap();
    mintFaultEndpoints(w, objs);
    long systemCaps = w.slotsUsed();

    mintPdCaps(w, objs, irqs);
    irqs.bindToNotifications(w);
    if (fork) {
      objs.paging.forkMapInvocations(w.invocations(), objs.uds, objs.ds, objs.pts,
          objs.vspaces, abi.defaultVmAttributes());
    } else {
      objs.paging.mapInvocations(w.invocations(), objs.uds, objs.ds, objs.pts, objs.vspaces,
          ATTR_DEFAULT);
    }
    mappings.mapPages(w, objs.vspaces);
    long[] ipcVaddr = mappings.mapIpcBuffers(w, programs, objs.ipcBuffers, objs.vspaces);
    configureScheduling(w, objs, bootInfo);
    startThreads(w, objs, badgedFaultEp, ipcVaddr, programs);
    return systemCaps;
  }

  /** Each PD's (and the fork's VMs') fault endpoint cap, badged, into the system CNode. */
  private void mintFaultEndpoints(SystemInvocationWriter w, SystemObjects objs) {
    if (fork) {
      forkFaultEndpoints(w, objs);
    } else {
      int nPd = in.pds().size();
      w.add(w.mintToNextSlot(objs.faultEp().capAddr(), RIGHTS_ALL, 1)
          .repeat(nPd, "dest_index", 1, "badge", 1));
      w.claim(nPd);
    }
  }

  /**
   * fork: one fault-endpoint mint per PD, then per VM: top-level PDs fault to the monitor
   * with badge = index + 1, children and VMs to their parent's endpoint with badge
   * {@code 1 << 62 | id}.
   */
  private void forkFaultEndpoints(SystemInvocationWriter w, SystemObjects objs) {
    List<Pd> pds = in.pds();
    for (int p = 0; p < pds.size(); p++) {
      Pd pd = pds.get(p);
      boolean top = pd.parent() < 0;
      long src = top ? objs.faultEp().capAddr()
          : objs.eps.get(objs.endpointIndex[pd.parent()]).capAddr();
      long badge = top ? p + 1 : 1L << 62 | pd.id();
      w.add(w.mintToNextSlot(src, RIGHTS_ALL, badge));
      w.claim(1);
    }
    for (Vm vm : in.vms()) {
      w.add(w.mintToNextSlot(objs.eps.get(objs.endpointIndex[vm.parent()]).capAddr(),
          RIGHTS_ALL, 1L << 62 | vm.id()));
      w.claim(1);
    }
  }

  /** The caps each PD finds in its CNode (libsel4cp's layout; the fork's slots too). */
  private void mintPdCaps(SystemInvocationWriter w, SystemObjects objs, IrqSetup irqs) {
    List<Pd> pds = in.pds();
    int nPd = pds.size();
    int nDomains = nPd + in.vms().size();
    List<KernelObject> cnodes = objs.cnodes;
    for (int p = 0; p < nPd; p++) {
      int ep = objs.endpointIndex[p];
      KernelObject input = ep >= 0 ? objs.eps.get(ep) : objs.ntfns.get(p);
      w.add(w.mintToPd(cnodes.get(p), INPUT_CAP, input.capAddr(), 0));
    }
    // Quirk reproduced: reply caps are minted with badge 1.
    w.add(w.mintToPd(cnodes.get(0), REPLY_CAP, objs.replies.get(1).capAddr(), 1)
        .repeat(nPd, "cnode", 1, "src_obj", 1));
    w.add(w.mintToPd(cnodes.get(0), VSPACE_CAP, objs.vspaces.get(0).capAddr(), 0)
        .repeat(nDomains, "cnode", 1, "src_obj", 1));
    irqs.mintHandlersToPds(w, cnodes);
    if (fork) forkTcbAndVcpuMints(w, objs);
    mintChannels(w, objs);
    for (int p = 0; p < nPd; p++) {
      if (pds.get(p).passive()) {
        w.add(w.mintToPd(cnodes.get(p), MONITOR_EP_CAP, objs.faultEp().capAddr(), p + 1));
      }
    }
  }

  /**
   * fork: parents get their children's TCBs (slot 202 + id), PDs with a VM its TCB (266 + id),
   * then, in a second round, its vCPU (330 + id).
   */
  private void forkTcbAndVcpuMints(SystemInvocationWriter w, SystemObjects objs) {
    List<Pd> pds = in.pds();
    int nPd = pds.size();
    List<KernelObject> cnodes = objs.cnodes;
    for (int p = 0; p < nPd; p++) {
      for (int q = 0; q < nPd; q++) {
        if (pds.get(q).parent() == p) {
          w.add(w.mintToPd(cnodes.get(p), BASE_TCB_CAP + pds.get(q).id(),
              objs.tcbs.get(q).capAddr(), 0));
        }
      }
    }
    for (int p = 0; p < nPd; p++) {
      int v = pds.get(p).vm();
      if (v >= 0) {
        w.add(w.mintToPd(cnodes.get(p), BASE_VM_TCB_CAP + in.vms().get(v).id(),
            objs.tcbs.get(nPd + v).capAddr(), 0));
      }
    }
    for (int p = 0; p < nPd; p++) {
      int v = pds.get(p).vm();
      if (v >= 0) {
        w.add(w.mintToPd(cnodes.get(p), BASE_VCPU_CAP + in.vms().get(v).id(),
            objs.vcpus.get(v).capAddr(), 0));
      }
    }
  }

  /**
   * Per channel, each end's notification to the other (badge 1 << the other's id), and the
   * endpoint of an end that provides protected procedures.
   */
  private void mintChannels(SystemInvocationWriter w, SystemObjects objs) {
    List<Pd> pds = in.pds();
    List<KernelObject> cnodes = objs.cnodes;
    for (BuildInput.Link c : in.channels()) {
      int a = c.pdA();
      int b = c.pdB();
      w.add(w.mintToPd(cnodes.get(a), BASE_OUTPUT_NOTIFICATION_CAP + c.idA(),
          objs.ntfns.get(b).capAddr(), 1L << c.idB()));
      w.add(w.mintToPd(cnodes.get(b), BASE_OUTPUT_NOTIFICATION_CAP + c.idB(),
          objs.ntfns.get(a).capAddr(), 1L << c.idA()));
      if (pds.get(b).pp()) {
        w.add(w.mintToPd(cnodes.get(a), BASE_OUTPUT_ENDPOINT_CAP + c.idA(),
            objs.eps.get(objs.endpointIndex[b]).capAddr(), CAP_MASK | c.idB()));
      }
      if (pds.get(a).pp()) {
        w.add(w.mintToPd(cnodes.get(b), BASE_OUTPUT_ENDPOINT_CAP + c.idB(),
            objs.eps.get(objs.endpointIndex[a]).capAddr(), CAP_MASK | c.idA()));
      }
    }
  }

  /** Every domain's scheduling context, then its TCB's priority and fault endpoint. */
  private void configureScheduling(SystemInvocationWriter w, SystemObjects objs,
      BootInfo bootInfo) {
    List<Pd> pds = in.pds();
    List<Vm> vms = in.vms();
    int nPd = pds.size();
    int nDomains = nPd + vms.size();
    for (int p = 0; p < nDomains; p++) {
      // fork: one scheduling-control cap per CPU, chosen by the domain's cpu
      long budget = p < nPd ? pds.get(p).budget() : vms.get(p - nPd).budget();
      long period = p < nPd ? pds.get(p).period() : vms.get(p - nPd).period();
      long cpu = !fork ? 0 : p < nPd ? pds.get(p).cpu() : vms.get(p - nPd).cpu();
      w.add(Invocation.of(SCHED_CONTROL_CONFIGURE_FLAGS, bootInfo.schedControlCap() + cpu,
          objs.scs.get(p).capAddr(), budget, period, 0, 0x100 + p, 0));
    }
    for (int p = 0; p < nDomains; p++) {
      long priority = p < nPd ? pds.get(p).priority() : vms.get(p - nPd).priority();
      w.add(Invocation.of(TCB_SET_SCHED_PARAMS, objs.tcbs.get(p).capAddr(), INIT_TCB,
          priority, priority, objs.scs.get(p).capAddr(), objs.faultEp().capAddr()));
    }
  }

  /**
   * The threads' spaces, IPC buffers, entry points and notifications, the fork's vCPUs bound
   * to their VMs' TCBs, then every PD resumed.
   */
  private void startThreads(SystemInvocationWriter w, SystemObjects objs, long badgedFaultEp,
      long[] ipcVaddr, List<ElfFile> programs) {
    int nPd = in.pds().size();
    int nVm = in.vms().size();
    int nDomains = nPd + nVm;
    List<KernelObject> tcbs = objs.tcbs;
    if (fork) {
      // fork: every TCB (VMs' too) is copied into its own CNode
      for (int p = 0; p < nDomains; p++) {
        w.add(Invocation.of(CNODE_COPY, objs.cnodes.get(p).capAddr(), TCB_CAP, pdCnodeBits,
            w.root(), tcbs.get(p).capAddr(), CAP_ADDRESS_BITS, RIGHTS_ALL));
      }
    }
    w.add(Invocation.of(TCB_SET_SPACE, tcbs.get(0).capAddr(), badgedFaultEp,
        objs.cnodes.get(0).capAddr(), CAP_ADDRESS_BITS - pdCnodeBits,
        objs.vspaces.get(0).capAddr(), 0)
        .repeat(nDomains, "tcb", 1, "fault_ep", 1, "cspace_root", 1, "vspace_root", 1));
    for (int p = 0; p < nPd; p++) {
      w.add(Invocation.of(TCB_SET_IPC_BUFFER, tcbs.get(p).capAddr(), ipcVaddr[p],
          objs.ipcBuffers.get(p).capAddr()));
    }
    for (int p = 0; p < nPd; p++) {
      long[] regs = new long[abi.registerCount()];
      regs[0] = programs.get(p).entry();
      w.add(Invocation.writeRegisters(tcbs.get(p).capAddr(), regs));
    }
    w.add(Invocation.of(TCB_BIND_NOTIFICATION, tcbs.get(0).capAddr(),
        objs.ntfns.get(0).capAddr()).repeat(nPd, "tcb", 1, "notification", 1));
    if (nVm > 0) {
      w.add(Invocation.of(VCPU_SET_TCB, objs.vcpus.get(0).capAddr(), tcbs.get(nPd).capAddr())
          .repeat(nVm, "vcpu", 1, "tcb", 1));
    }
    w.add(Invocation.of(TCB_RESUME, tcbs.get(0).capAddr()).repeat(nPd, "tcb", 1));
  }

  private static long[] caps(List<KernelObject> objects) {
    long[] out = new long[objects.size()];
    for (int i = 0; i < out.length; i++) out[i] = objects.get(i).capAddr();
    return out;
  }

  /** Writes each PD's name, passive flag and setvars into its (copied) program. */
  private void patchPrograms(List<ElfFile> programs, Map<String, List<KernelObject>> mrPages) {
    List<Pd> pds = in.pds();
    for (int p = 0; p < pds.size(); p++) {
      // struct "<16s": UTF-8, truncated or zero-padded to exactly 16 bytes (no NUL if full)
      programs.get(p).writeSymbol("sel4cp_name",
          Arrays.copyOf(pds.get(p).name().getBytes(StandardCharsets.UTF_8), 16));
      programs.get(p).writeSymbol("passive", new byte[] {(byte) (pds.get(p).passive() ? 1 : 0)});
    }
    for (int p = 0; p < pds.size(); p++) {
      Pd pd = pds.get(p);
      for (BuildInput.Setvar sv : pd.setvars()) {
        long value;
        if (sv.regionPaddr() != null) {
          Region mr = null;
          for (Region r : in.regions()) if (r.name().equals(sv.regionPaddr())) mr = r;
          if (mr == null) {
            throw BuildException.crash("IMG050", "setvar '" + sv.symbol() + "' in '" + pd.name()
                + "' names memory region '" + sv.regionPaddr() + "', which does not exist",
                "Exception: can't find region: " + sv.regionPaddr()).at(sv.span());
          }
          List<KernelObject> pages = mrPages.get(mr.name());
          if (pages.isEmpty()) {
            throw BuildException.crash("IMG051", "setvar '" + sv.symbol() + "': memory region '"
                + mr.name() + "' has no pages", "IndexError: list index out of range")
                .at(sv.span());
          }
          value = pages.get(0).physAddr();
        } else {
          value = sv.vaddr();
        }
        ElfFile f = programs.get(p);
        if (!f.hasSymbol(sv.symbol())) {
          throw BuildException.crash("IMG052", "cannot patch variable '" + sv.symbol()
              + "' in protection domain '" + pd.name() + "': its program image '" + f.name()
              + "' has no such symbol", "Exception: Unable to patch variable '" + sv.symbol()
              + "' in protection domain: '" + pd.name() + "': variable not found.")
              .at(sv.span());
        }
        f.writeSymbol(sv.symbol(), ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(value).array());
      }
    }
  }

  /** The reference's human_size_strict for the two page sizes it prints. */
  static String humanSize(long size) {
    return size == LARGE_PAGE ? "2 MiB" : size == PAGE ? "4 KiB" : size + " bytes";
  }
}
