// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static dev.cpkit.image.InvocationKind.ASID_POOL_ASSIGN;
import static dev.cpkit.image.InvocationKind.CNODE_COPY;
import static dev.cpkit.image.InvocationKind.CNODE_MINT;
import static dev.cpkit.image.InvocationKind.IRQ_CONTROL_GET;
import static dev.cpkit.image.InvocationKind.IRQ_CONTROL_GET_TRIGGER;
import static dev.cpkit.image.InvocationKind.IRQ_HANDLER_SET_NOTIFICATION;
import static dev.cpkit.image.InvocationKind.PAGE_MAP;
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
 * <p>The kernel is a parameter ({@link KernelAbi}): for the community fork the same pass
 * places the reserved region above the kernel's boot code, adds child PDs and virtual
 * machines, gives each PD its own fault-endpoint badge and changes the cap layout; each such
 * step is marked "fork:" below.
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

  private record PageDescriptor(long cap, int pd, long vaddr, long rights, long attrs,
      int count, long pageBytes) {}

  public BuiltSystem build(long tableSize, long cnodeSize) {
    Map<Long, String> names = new HashMap<>();
    names.put(0L, "null");
    names.put(INIT_TCB, "TCB: init");
    names.put(INIT_CNODE, "CNode: init");
    names.put(INIT_VSPACE, "VSpace: init");
    names.put(INIT_ASID_POOL, "ASID Pool: init");
    names.put(IRQ_CONTROL, "IRQ Control");
    int cnodeBits = Bits.log2(cnodeSize);
    List<Pd> pds = in.pds();
    int nPd = pds.size();
    List<Vm> vms = in.vms();
    int nVm = vms.size();
    int nDomains = nPd + nVm;

    List<ElfFile> programs = new ArrayList<>(nPd);
    for (ElfFile f : in.programs()) programs.add(f.copy());
    MemoryPlan plan = MemoryPlan.place(boot, fork, in.monitor(), programs, tableSize);
    MemRegion itPhys = plan.monitorPhys();
    MemRegion itVirt = plan.monitorVirt();
    MemRegion reserved = plan.reserved();
    BootInfo bootInfo = boot.boot(itPhys, itVirt, reserved);
    for (UntypedObject ut : bootInfo.untypeds()) {
      names.put(ut.cap(), "Untyped @ 0x" + Long.toHexString(ut.base()) + ":0x"
          + Long.toHexString(ut.region().size()) + (ut.device() ? " (device)" : ""));
    }
    ObjectAllocator kao = new ObjectAllocator(bootInfo);
    if (fork) kao.forkMessage();
    MonitorBootstrap monitorBootstrap = new MonitorBootstrap(abi, kao, bootInfo, names,
        tableSize, cnodeSize, reserved.base());
    List<Invocation> bootstrap = monitorBootstrap.invocations();
    long root = monitorBootstrap.root();
    long sysCnode = monitorBootstrap.systemCnode();
    long capSlot = monitorBootstrap.firstFreeSlot();
    PdImages images = new PdImages(in, programs, reserved.base() + tableSize, fork);
    List<LoaderRegion> regions = images.loaderRegions();
    Map<String, Region> mrByName = images.regionsByName();

    List<Invocation> system = new ArrayList<>();
    InitSystem init = new InitSystem(abi, root, CAP_MASK, capSlot, kao, bootInfo, system, names);
    monitorBootstrap.reserveTableMemory(init);
    SystemObjects objs = new SystemObjects(in, abi, init, images, programs);
    List<KernelObject> ipcBuffers = objs.ipcBuffers;
    Map<String, List<KernelObject>> mrPages = objs.mrPages;
    List<KernelObject> tcbs = objs.tcbs;
    List<KernelObject> vcpus = objs.vcpus;
    List<KernelObject> scs = objs.scs;
    List<KernelObject> replies = objs.replies;
    List<KernelObject> eps = objs.eps;
    int[] ppEp = objs.endpointIndex;
    KernelObject faultEp = objs.faultEp();
    List<KernelObject> ntfns = objs.ntfns;
    List<List<BuildInput.Map>> domainMaps = objs.domainMaps;
    List<String> domainNames = objs.domainNames;
    PagingPlan paging = objs.paging;
    List<KernelObject> vspaces = objs.vspaces;
    List<KernelObject> uds = objs.uds;
    List<KernelObject> ds = objs.ds;
    List<KernelObject> pts = objs.pts;
    List<KernelObject> cnodes = objs.cnodes;
    capSlot = init.capSlot();

    // -- configuration: IRQ handlers, minted caps, mappings, threads
    List<List<Long>> irqCaps = new ArrayList<>();
    for (Pd pd : pds) {
      List<Long> caps = new ArrayList<>();
      for (BuildInput.Irq irq : pd.irqs()) {
        long addr = CAP_MASK | capSlot;
        if (fork) {
          // fork: IRQControl GetTrigger, with the <irq>'s trigger (0 level, 1 edge)
          system.add(Invocation.of(IRQ_CONTROL_GET_TRIGGER, IRQ_CONTROL, irq.irq(),
              irq.trigger(), root, addr, CAP_ADDRESS_BITS));
        } else {
          system.add(Invocation.of(IRQ_CONTROL_GET, IRQ_CONTROL, irq.irq(), root, addr,
              CAP_ADDRESS_BITS));
        }
        capSlot++;
        names.put(addr, "IRQ Handler: irq=" + irq.irq());
        caps.add(addr);
      }
      irqCaps.add(caps);
    }
    system.add(Invocation.of(ASID_POOL_ASSIGN, INIT_ASID_POOL, vspaces.get(0).capAddr())
        .repeat(nDomains, "vspace", 1));

    List<PageDescriptor> descriptors = new ArrayList<>();
    for (int p = 0; p < nDomains; p++) {
      for (BuildInput.Map mp : domainMaps.get(p)) {
        Region mr = mrByName.get(mp.mr());
        long rights = 0;
        long attrs = abi.mapAttributes(mp.cached(), mp.perms().indexOf('x') >= 0);
        if (mp.perms().indexOf('r') >= 0) rights |= RIGHTS_READ;
        if (mp.perms().indexOf('w') >= 0) rights |= RIGHTS_WRITE;
        List<KernelObject> pages = mrPages.get(mr.name());
        if (pages.isEmpty()) {
          throw BuildException.crash("IMG046", "memory region '" + mr.name() + "' has no pages"
              + " (size 0) but is mapped into '" + domainNames.get(p) + "'", "AssertionError")
              .at(mp.span());
        }
        for (int i = 1; i < pages.size(); i++) {
          if (pages.get(i).capAddr() != pages.get(i - 1).capAddr() + 1) {
            throw BuildException.crash("IMG047", "the pages of memory region '" + mr.name()
                + "' did not get consecutive caps", "AssertionError");
          }
        }
        int n = pages.size();
        system.add(Invocation.of(CNODE_MINT, sysCnode, capSlot, cnodeBits, root,
            pages.get(0).capAddr(), CAP_ADDRESS_BITS, rights, 0)
            .repeat(n, "dest_index", 1, "src_obj", 1));
        descriptors.add(new PageDescriptor(CAP_MASK | capSlot, p, mp.vaddr(), rights, attrs, n,
            mr.pageSize()));
        for (int i = 0; i < n; i++) {
          names.put(CAP_MASK | (capSlot + i), names.get(pages.get(0).capAddr() + i) + " (derived)");
        }
        capSlot += n;
      }
    }
    List<List<Long>> badgedIrq = new ArrayList<>();
    for (int p = 0; p < nPd; p++) {
      List<Long> caps = new ArrayList<>();
      for (BuildInput.Irq irq : pds.get(p).irqs()) {
        if (irq.id() < 0 || irq.id() > 63) {
          // the fork checks no <irq> id (1.2.6's SDF check keeps them below 63); its badge
          // 1 << id then fails to pack into a 64-bit word, or to shift for a negative id
          throw BuildException.crash("IMG049", "the id " + irq.id() + " of irq " + irq.irq()
              + " in '" + pds.get(p).name() + "' does not fit a 64-bit notification badge"
              + " (ids are 0 to 63)", irq.id() < 0 ? "ValueError: negative shift count"
                  : "struct.error: argument out of range").at(irq.span());
        }
        long badge = 1L << irq.id();
        long addr = CAP_MASK | capSlot;
        system.add(Invocation.of(CNODE_MINT, sysCnode, capSlot, cnodeBits, root,
            ntfns.get(p).capAddr(), CAP_ADDRESS_BITS, RIGHTS_ALL, badge));
        names.put(addr, names.get(ntfns.get(p).capAddr()) + " (badge=0x" + Long.toHexString(badge)
            + ")");
        caps.add(addr);
        capSlot++;
      }
      badgedIrq.add(caps);
    }
    long badgedFaultEp = CAP_MASK | capSlot;
    if (fork) {
      capSlot = forkFaultEndpoints(system, sysCnode, capSlot, cnodeBits, root, faultEp, eps,
          ppEp);
    } else {
      system.add(Invocation.of(CNODE_MINT, sysCnode, capSlot, cnodeBits, root,
          faultEp.capAddr(), CAP_ADDRESS_BITS, RIGHTS_ALL, 1)
          .repeat(nPd, "dest_index", 1, "badge", 1));
      capSlot += nPd;
    }
    long finalCapSlot = capSlot;

    for (int p = 0; p < nPd; p++) {
      KernelObject input = ppEp[p] >= 0 ? eps.get(ppEp[p]) : ntfns.get(p);
      system.add(mintToPd(cnodes.get(p), INPUT_CAP, root, input.capAddr(), 0));
    }
    // Quirk reproduced: reply caps are minted with badge 1.
    system.add(mintToPd(cnodes.get(0), REPLY_CAP, root, replies.get(1).capAddr(), 1)
        .repeat(nPd, "cnode", 1, "src_obj", 1));
    system.add(mintToPd(cnodes.get(0), VSPACE_CAP, root, vspaces.get(0).capAddr(), 0)
        .repeat(nDomains, "cnode", 1, "src_obj", 1));
    for (int p = 0; p < nPd; p++) {
      List<BuildInput.Irq> irqs = pds.get(p).irqs();
      for (int i = 0; i < irqs.size(); i++) {
        system.add(mintToPd(cnodes.get(p), BASE_IRQ_CAP + irqs.get(i).id(), root,
            irqCaps.get(p).get(i), 0));
      }
    }
    if (fork) forkTcbAndVcpuMints(system, cnodes, tcbs, vcpus, root);
    for (BuildInput.Link c : in.channels()) {
      int a = c.pdA();
      int b = c.pdB();
      system.add(mintToPd(cnodes.get(a), BASE_OUTPUT_NOTIFICATION_CAP + c.idA(), root,
          ntfns.get(b).capAddr(), 1L << c.idB()));
      system.add(mintToPd(cnodes.get(b), BASE_OUTPUT_NOTIFICATION_CAP + c.idB(), root,
          ntfns.get(a).capAddr(), 1L << c.idA()));
      if (pds.get(b).pp()) {
        system.add(mintToPd(cnodes.get(a), BASE_OUTPUT_ENDPOINT_CAP + c.idA(), root,
            eps.get(ppEp[b]).capAddr(), CAP_MASK | c.idB()));
      }
      if (pds.get(a).pp()) {
        system.add(mintToPd(cnodes.get(b), BASE_OUTPUT_ENDPOINT_CAP + c.idB(), root,
            eps.get(ppEp[a]).capAddr(), CAP_MASK | c.idA()));
      }
    }
    for (int p = 0; p < nPd; p++) {
      if (pds.get(p).passive()) {
        system.add(mintToPd(cnodes.get(p), MONITOR_EP_CAP, root, faultEp.capAddr(), p + 1));
      }
    }
    for (int p = 0; p < nPd; p++) {
      for (int i = 0; i < irqCaps.get(p).size(); i++) {
        system.add(Invocation.of(IRQ_HANDLER_SET_NOTIFICATION, irqCaps.get(p).get(i),
            badgedIrq.get(p).get(i)));
      }
    }
    if (fork) {
      paging.forkMapInvocations(system, uds, ds, pts, vspaces, abi.defaultVmAttributes());
    } else {
      paging.mapInvocations(system, uds, ds, pts, vspaces, ATTR_DEFAULT);
    }
    long lastRights = -1;
    long lastAttrs = -1;
    for (PageDescriptor d : descriptors) {
      system.add(Invocation.of(PAGE_MAP, d.cap(), vspaces.get(d.pd()).capAddr(), d.vaddr(),
          d.rights(), d.attrs()).repeat(d.count(), "page", 1, "vaddr", d.pageBytes()));
      lastRights = d.rights();
      lastAttrs = d.attrs();
    }
    if (descriptors.isEmpty()) {
      throw BuildException.crash("IMG048", "no protection domain maps anything (do the program"
          + " images have loadable segments?)", "NameError: name 'rights' is not defined");
    }
    long[] ipcVaddr = new long[nPd];
    // fork: "| cacheable" on top of the leftovers (also on RISC-V, where 1 is execute-never)
    long ipcAttrs = fork ? lastAttrs | ATTR_CACHEABLE : lastAttrs;
    for (int p = 0; p < nPd; p++) {
      ipcVaddr[p] = programs.get(p).symbol("__sel4_ipc_buffer_obj")[0];
      // Quirk reproduced: the IPC buffer is mapped with the rights and attributes left over
      // from the last page mapping above (usually the last PD's last ELF segment).
      system.add(Invocation.of(PAGE_MAP, ipcBuffers.get(p).capAddr(), vspaces.get(p).capAddr(),
          ipcVaddr[p], lastRights, ipcAttrs));
    }
    for (int p = 0; p < nDomains; p++) {
      // fork: one scheduling-control cap per CPU, chosen by the domain's cpu
      long budget = p < nPd ? pds.get(p).budget() : vms.get(p - nPd).budget();
      long period = p < nPd ? pds.get(p).period() : vms.get(p - nPd).period();
      long cpu = !fork ? 0 : p < nPd ? pds.get(p).cpu() : vms.get(p - nPd).cpu();
      system.add(Invocation.of(SCHED_CONTROL_CONFIGURE_FLAGS, bootInfo.schedControlCap() + cpu,
          scs.get(p).capAddr(), budget, period, 0, 0x100 + p, 0));
    }
    for (int p = 0; p < nDomains; p++) {
      long priority = p < nPd ? pds.get(p).priority() : vms.get(p - nPd).priority();
      system.add(Invocation.of(TCB_SET_SCHED_PARAMS, tcbs.get(p).capAddr(), INIT_TCB,
          priority, priority, scs.get(p).capAddr(), faultEp.capAddr()));
    }
    if (fork) {
      // fork: every TCB (VMs' too) is copied into its own CNode
      for (int p = 0; p < nDomains; p++) {
        system.add(Invocation.of(CNODE_COPY, cnodes.get(p).capAddr(), TCB_CAP, pdCnodeBits,
            root, tcbs.get(p).capAddr(), CAP_ADDRESS_BITS, RIGHTS_ALL));
      }
    }
    system.add(Invocation.of(TCB_SET_SPACE, tcbs.get(0).capAddr(), badgedFaultEp,
        cnodes.get(0).capAddr(), CAP_ADDRESS_BITS - pdCnodeBits, vspaces.get(0).capAddr(), 0)
        .repeat(nDomains, "tcb", 1, "fault_ep", 1, "cspace_root", 1, "vspace_root", 1));
    for (int p = 0; p < nPd; p++) {
      system.add(Invocation.of(TCB_SET_IPC_BUFFER, tcbs.get(p).capAddr(), ipcVaddr[p],
          ipcBuffers.get(p).capAddr()));
    }
    for (int p = 0; p < nPd; p++) {
      long[] regs = new long[abi.registerCount()];
      regs[0] = programs.get(p).entry();
      system.add(Invocation.writeRegisters(tcbs.get(p).capAddr(), regs));
    }
    system.add(Invocation.of(TCB_BIND_NOTIFICATION, tcbs.get(0).capAddr(), ntfns.get(0).capAddr())
        .repeat(nPd, "tcb", 1, "notification", 1));
    if (nVm > 0) {
      system.add(Invocation.of(VCPU_SET_TCB, vcpus.get(0).capAddr(), tcbs.get(nPd).capAddr())
          .repeat(nVm, "vcpu", 1, "tcb", 1));
    }
    system.add(Invocation.of(TCB_RESUME, tcbs.get(0).capAddr()).repeat(nPd, "tcb", 1));

    long dataSize = 0;
    for (Invocation i : system) dataSize += InvocationEncoder.sizeOf(i);

    patchPrograms(programs, mrPages);
    return new BuiltSystem(finalCapSlot, dataSize, bootstrap, system, bootInfo, reserved,
        faultEp.capAddr(), replies.get(0).capAddr(), names, caps(tcbs), caps(scs), caps(ntfns),
        regions, init.objects(), itVirt, itPhys, programs, abi);
  }

  /**
   * fork: one fault-endpoint mint per PD, then per VM, from {@code capSlot} on: top-level PDs
   * fault to the monitor with badge = index + 1, children and VMs to their parent's endpoint
   * with badge {@code 1 << 62 | id}. Returns the next free slot.
   */
  private long forkFaultEndpoints(List<Invocation> system, long sysCnode, long capSlot,
      int cnodeBits, long root, KernelObject faultEp, List<KernelObject> eps, int[] epIndex) {
    List<Pd> pds = in.pds();
    for (int p = 0; p < pds.size(); p++) {
      Pd pd = pds.get(p);
      boolean top = pd.parent() < 0;
      long src = top ? faultEp.capAddr() : eps.get(epIndex[pd.parent()]).capAddr();
      long badge = top ? p + 1 : 1L << 62 | pd.id();
      system.add(Invocation.of(CNODE_MINT, sysCnode, capSlot++, cnodeBits, root, src,
          CAP_ADDRESS_BITS, RIGHTS_ALL, badge));
    }
    for (Vm vm : in.vms()) {
      system.add(Invocation.of(CNODE_MINT, sysCnode, capSlot++, cnodeBits, root,
          eps.get(epIndex[vm.parent()]).capAddr(), CAP_ADDRESS_BITS, RIGHTS_ALL,
          1L << 62 | vm.id()));
    }
    return capSlot;
  }

  /**
   * fork: parents get their children's TCBs (slot 202 + id), PDs with a VM its TCB (266 + id),
   * then, in a second round, its vCPU (330 + id).
   */
  private void forkTcbAndVcpuMints(List<Invocation> system, List<KernelObject> cnodes,
      List<KernelObject> tcbs, List<KernelObject> vcpus, long root) {
    List<Pd> pds = in.pds();
    int nPd = pds.size();
    for (int p = 0; p < nPd; p++) {
      for (int q = 0; q < nPd; q++) {
        if (pds.get(q).parent() == p) {
          system.add(mintToPd(cnodes.get(p), BASE_TCB_CAP + pds.get(q).id(), root,
              tcbs.get(q).capAddr(), 0));
        }
      }
    }
    for (int p = 0; p < nPd; p++) {
      int v = pds.get(p).vm();
      if (v >= 0) {
        system.add(mintToPd(cnodes.get(p), BASE_VM_TCB_CAP + in.vms().get(v).id(), root,
            tcbs.get(nPd + v).capAddr(), 0));
      }
    }
    for (int p = 0; p < nPd; p++) {
      int v = pds.get(p).vm();
      if (v >= 0) {
        system.add(mintToPd(cnodes.get(p), BASE_VCPU_CAP + in.vms().get(v).id(), root,
            vcpus.get(v).capAddr(), 0));
      }
    }
  }

  private Invocation mintToPd(KernelObject cnode, long slot, long root, long src,
      long badge) {
    return Invocation.of(CNODE_MINT, cnode.capAddr(), slot, pdCnodeBits, root, src,
        CAP_ADDRESS_BITS, RIGHTS_ALL, badge);
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
