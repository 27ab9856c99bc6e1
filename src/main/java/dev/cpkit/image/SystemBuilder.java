// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static dev.cpkit.image.InvocationKind.ASID_POOL_ASSIGN;
import static dev.cpkit.image.InvocationKind.CNODE_MINT;
import static dev.cpkit.image.InvocationKind.IRQ_CONTROL_GET;
import static dev.cpkit.image.InvocationKind.IRQ_HANDLER_SET_NOTIFICATION;
import static dev.cpkit.image.InvocationKind.PAGE_MAP;
import static dev.cpkit.image.InvocationKind.PAGE_TABLE_MAP;
import static dev.cpkit.image.InvocationKind.SCHED_CONTROL_CONFIGURE_FLAGS;
import static dev.cpkit.image.InvocationKind.TCB_BIND_NOTIFICATION;
import static dev.cpkit.image.InvocationKind.TCB_RESUME;
import static dev.cpkit.image.InvocationKind.TCB_SET_IPC_BUFFER;
import static dev.cpkit.image.InvocationKind.TCB_SET_SCHED_PARAMS;
import static dev.cpkit.image.InvocationKind.TCB_SET_SPACE;
import static dev.cpkit.image.InvocationKind.UNTYPED_RETYPE;

import dev.cpkit.image.BuildInput.Pd;
import dev.cpkit.image.BuildInput.Region;
import dev.cpkit.image.elf.ElfFile;
import dev.cpkit.image.elf.ElfSegment;
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
 */
public final class SystemBuilder {
  static final long PAGE = 0x1000;
  static final long LARGE_PAGE = 0x200000;
  static final long CAP_MASK = 1L << 63;
  static final int CAP_ADDRESS_BITS = 64;
  static final int INIT_CNODE_BITS = 12;
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
  static final long PD_CNODE_SIZE = 256;
  static final int PD_CNODE_BITS = 8;
  static final long PD_SCHED_CONTEXT_SIZE = 256;
  /** PD CNode slots (libsel4cp's layout). */
  static final long INPUT_CAP = 1;
  static final long VSPACE_CAP = 3;
  static final long REPLY_CAP = 4;
  static final long MONITOR_EP_CAP = 5;
  static final long BASE_OUTPUT_NOTIFICATION_CAP = 10;
  static final long BASE_OUTPUT_ENDPOINT_CAP = 74;
  static final long BASE_IRQ_CAP = 138;

  private final BuildInput in;
  private final KernelBoot boot;

  public SystemBuilder(BuildInput in) {
    this.in = in;
    this.boot = new KernelBoot(in.kernel());
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

    // -- memory plan: reserved region (invocation table + PD images), then the monitor
    ElfSegment mon = in.monitor().segments().get(0);
    long itSize = Bits.roundUp(mon.paddr() + mon.memSize(), PAGE) - Bits.roundDown(mon.paddr(), PAGE);
    List<ElfFile> programs = new ArrayList<>(nPd);
    for (ElfFile f : in.programs()) programs.add(f.copy());
    long pdElfSize = 0;
    // Quirk reproduced: every program header counts here (PT_NOTE, PT_GNU_STACK ...), by
    // physical address, while the regions below use loadable segments by virtual address.
    for (ElfFile f : programs) {
      for (ElfSegment s : f.segments()) {
        pdElfSize += Bits.roundUp(s.paddr() + s.memSize(), PAGE) - Bits.roundDown(s.paddr(), PAGE);
      }
    }
    long reservedSize = tableSize + pdElfSize;
    DisjointRegions available = boot.availableMemory();
    long reservedBase = available.allocate(reservedSize);
    if (reservedBase < 0) throw noRoom(reservedSize, "the invocation table and PD images");
    long itBase = available.allocate(itSize);
    if (itBase < 0) throw noRoom(itSize, "the monitor");
    if (reservedBase >= itBase) {
      throw BuildException.crash("IMG032", "the monitor would be placed below the reserved"
          + " region (0x" + Long.toHexString(itBase) + " < 0x" + Long.toHexString(reservedBase)
          + "), which the kernel does not allow", "AssertionError");
    }
    MemRegion itPhys = new MemRegion(itBase, itBase + itSize);
    MemRegion itVirt = new MemRegion(Bits.roundDown(mon.vaddr(), PAGE),
        Bits.roundUp(mon.vaddr() + mon.memSize(), PAGE));
    MemRegion reserved = new MemRegion(reservedBase, reservedBase + reservedSize);
    BootInfo bootInfo = boot.boot(itPhys, itVirt, reserved);
    for (UntypedObject ut : bootInfo.untypeds()) {
      names.put(ut.cap(), "Untyped @ 0x" + Long.toHexString(ut.base()) + ":0x"
          + Long.toHexString(ut.region().size()) + (ut.device() ? " (device)" : ""));
    }
    ObjectAllocator kao = new ObjectAllocator(bootInfo);

    // -- bootstrap: the monitor's two-level CSpace, then the invocation table mapped at 2 GiB
    ObjectAllocator.Allocation rootAlloc = kao.alloc(2 * InitSystem.SLOT_SIZE, 1);
    long root = bootInfo.firstAvailableCap();
    names.put(root, "CNode: root");
    ObjectAllocator.Allocation sysAlloc = kao.alloc(cnodeSize * InitSystem.SLOT_SIZE, 1);
    long sysCnode = root + 1;
    names.put(sysCnode, "CNode: system");
    List<Invocation> bootstrap = new ArrayList<>();
    bootstrap.add(Invocation.of(UNTYPED_RETYPE, rootAlloc.untypedCap(), ObjectTypes.CNODE, 1,
        INIT_CNODE, 0, 0, root, 1));
    // the "badge" of a CNode cap minted into a CNode is its guard size
    bootstrap.add(Invocation.of(CNODE_MINT, root, 0, 1, INIT_CNODE, INIT_CNODE, CAP_ADDRESS_BITS,
        RIGHTS_ALL, CAP_ADDRESS_BITS - 1 - INIT_CNODE_BITS));
    bootstrap.add(Invocation.of(TCB_SET_SPACE, INIT_TCB, 0, root, 0, INIT_VSPACE, 0));
    bootstrap.add(Invocation.of(UNTYPED_RETYPE, sysAlloc.untypedCap(), ObjectTypes.CNODE,
        cnodeBits, INIT_CNODE, 0, 0, sysCnode, 1));
    bootstrap.add(Invocation.of(CNODE_MINT, root, 1, 1, INIT_CNODE, sysCnode, CAP_ADDRESS_BITS,
        RIGHTS_ALL, CAP_ADDRESS_BITS - 1 - cnodeBits));
    long pagesRequired = tableSize / PAGE;
    for (long s = 0; s < pagesRequired; s++) names.put(CAP_MASK | s, "SmallPage: monitor invocation table");
    long remaining = pagesRequired;
    long capSlot = 0;
    long phys = reservedBase;
    List<UntypedObject> tableUts = new ArrayList<>();
    List<Long> tableEnds = new ArrayList<>();
    for (UntypedObject ut : bootInfo.untypeds()) {
      if (!ut.device()) continue;
      long n = Math.min(ut.region().size() / PAGE, remaining);
      if (n > InitSystem.FAN_OUT_LIMIT) throw tooManyPages(n);
      bootstrap.add(Invocation.of(UNTYPED_RETYPE, ut.cap(), ObjectTypes.SMALL_PAGE, 0, root, 1, 1,
          capSlot, n));
      remaining -= n;
      capSlot += n;
      phys += n * PAGE;
      tableUts.add(ut);
      tableEnds.add(phys);
      if (remaining == 0) break;
    }
    long ptsRequired = Bits.roundUp(tableSize, LARGE_PAGE) / LARGE_PAGE;
    ObjectAllocator.Allocation ptAlloc = kao.alloc(PAGE, ptsRequired);
    long basePt = capSlot;
    for (long s = basePt; s < basePt + ptsRequired; s++) names.put(CAP_MASK | s, "PageTable: monitor");
    if (ptsRequired > InitSystem.FAN_OUT_LIMIT) throw tooManyPages(ptsRequired);
    bootstrap.add(Invocation.of(UNTYPED_RETYPE, ptAlloc.untypedCap(), ObjectTypes.PAGE_TABLE, 0,
        root, 1, 1, capSlot, ptsRequired));
    capSlot += ptsRequired;
    bootstrap.add(Invocation.of(PAGE_TABLE_MAP, CAP_MASK | basePt, INIT_VSPACE, TABLE_VADDR,
        ATTR_DEFAULT).repeat((int) ptsRequired, "page_table", 1, "vaddr", LARGE_PAGE));
    bootstrap.add(Invocation.of(PAGE_MAP, CAP_MASK, INIT_VSPACE, TABLE_VADDR, RIGHTS_READ,
        ATTR_DEFAULT | ATTR_EXECUTE_NEVER).repeat((int) pagesRequired, "page", 1, "vaddr", PAGE));

    // -- PD images: loader regions, plus one fixed region and mapping per loadable segment
    List<LoaderRegion> regions = new ArrayList<>();
    List<Region> allMrs = new ArrayList<>(in.regions());
    List<List<BuildInput.Map>> pdMaps = new ArrayList<>(nPd);
    long next = reservedBase + tableSize;
    for (int p = 0; p < nPd; p++) {
      List<BuildInput.Map> maps = new ArrayList<>(pds.get(p).maps());
      int seg = 0;
      for (ElfSegment s : programs.get(p).segments()) {
        if (!s.loadable()) continue;
        String pdName = pds.get(p).name();
        regions.add(new LoaderRegion("PD-ELF " + pdName + "-" + seg, next, s.data()));
        String perms = (s.readable() ? "r" : "") + (s.writable() ? "w" : "")
            + (s.executable() ? "x" : "");
        long baseV = Bits.roundDown(s.vaddr(), PAGE);
        long size = Bits.roundUp(s.vaddr() + s.memSize(), PAGE) - baseV;
        String mr = "ELF:" + pdName + "-" + seg;
        allMrs.add(new Region(mr, size, PAGE, next, null));
        maps.add(new BuildInput.Map(mr, baseV, perms, true, null));
        seg++;
        next += size;
      }
      pdMaps.add(maps);
    }
    Map<String, Region> mrByName = new HashMap<>();
    for (Region r : allMrs) mrByName.put(r.name(), r);

    // -- system objects
    List<Invocation> system = new ArrayList<>();
    InitSystem init = new InitSystem(root, CAP_MASK, capSlot, kao, bootInfo, system, names);
    for (int i = 0; i < tableUts.size(); i++) init.reserve(tableUts.get(i), tableEnds.get(i));
    List<String> small = new ArrayList<>();
    List<String> large = new ArrayList<>();
    for (Pd pd : pds) small.add("Page(4 KiB): IPC Buffer PD=" + pd.name());
    for (Region mr : allMrs) {
      if (mr.physAddr() != null) continue;
      List<String> to = mr.pageSize() == PAGE ? small : large;
      String h = humanSize(mr.pageSize());
      for (long i = 0; i < mr.pageCount(); i++) to.add("Page(" + h + "): MR=" + mr.name() + " #" + i);
    }
    // large pages first; both calls happen even when a list is empty (watermark quirk)
    List<KernelObject> largePages = init.allocate(ObjectTypes.LARGE_PAGE, large, 0);
    List<KernelObject> smallPages = init.allocate(ObjectTypes.SMALL_PAGE, small, 0);
    List<KernelObject> ipcBuffers = smallPages.subList(0, nPd);
    Map<String, List<KernelObject>> mrPages = new HashMap<>();
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
    allocateFixedPages(init, allMrs, mrPages);

    List<KernelObject> tcbs = init.allocate(ObjectTypes.TCB, perPd("TCB: PD="), 0);
    List<KernelObject> scs = init.allocate(ObjectTypes.SCHED_CONTEXT, perPd("SchedContext: PD="),
        PD_SCHED_CONTEXT_SIZE);
    List<String> replyNames = new ArrayList<>(List.of("Reply: Monitor"));
    replyNames.addAll(perPd("Reply: PD="));
    List<KernelObject> replies = init.allocate(ObjectTypes.REPLY, replyNames, 0);
    List<String> epNames = new ArrayList<>(List.of("EP: Monitor Fault"));
    int[] ppEp = new int[nPd];
    for (int p = 0; p < nPd; p++) {
      ppEp[p] = -1;
      if (pds.get(p).pp()) {
        ppEp[p] = epNames.size();
        epNames.add("EP: PD=" + pds.get(p).name());
      }
    }
    List<KernelObject> eps = init.allocate(ObjectTypes.ENDPOINT, epNames, 0);
    KernelObject faultEp = eps.get(0);
    List<KernelObject> ntfns = init.allocate(ObjectTypes.NOTIFICATION, perPd("Notification: PD="),
        0);

    PagingPlan paging = PagingPlan.of(pds, pdMaps, mrByName, programs);
    List<KernelObject> vspaces = init.allocate(ObjectTypes.VSPACE, perPd("VSpace: PD="), 0);
    // Quirk reproduced: the reference names every paging structure after the *last* PD (a
    // stale loop variable); the structures are still mapped into the right VSpaces.
    String last = pds.get(nPd - 1).name();
    List<KernelObject> uds = init.allocate(ObjectTypes.PAGE_UPPER_DIRECTORY,
        paging.names("PageUpperDirectory", paging.uds(), last), 0);
    List<KernelObject> ds = init.allocate(ObjectTypes.PAGE_DIRECTORY,
        paging.names("PageDirectory", paging.ds(), last), 0);
    List<KernelObject> pts = init.allocate(ObjectTypes.PAGE_TABLE,
        paging.names("PageTable", paging.pts(), last), 0);
    List<KernelObject> cnodes = init.allocate(ObjectTypes.CNODE, perPd("CNode: PD="),
        PD_CNODE_SIZE);
    capSlot = init.capSlot();

    // -- configuration: IRQ handlers, minted caps, mappings, threads
    List<List<Long>> irqCaps = new ArrayList<>();
    for (Pd pd : pds) {
      List<Long> caps = new ArrayList<>();
      for (BuildInput.Irq irq : pd.irqs()) {
        long addr = CAP_MASK | capSlot;
        system.add(Invocation.of(IRQ_CONTROL_GET, IRQ_CONTROL, irq.irq(), root, addr,
            CAP_ADDRESS_BITS));
        capSlot++;
        names.put(addr, "IRQ Handler: irq=" + irq.irq());
        caps.add(addr);
      }
      irqCaps.add(caps);
    }
    system.add(Invocation.of(ASID_POOL_ASSIGN, INIT_ASID_POOL, vspaces.get(0).capAddr())
        .repeat(nPd, "vspace", 1));

    List<PageDescriptor> descriptors = new ArrayList<>();
    for (int p = 0; p < nPd; p++) {
      for (BuildInput.Map mp : pdMaps.get(p)) {
        Region mr = mrByName.get(mp.mr());
        long rights = 0;
        long attrs = ATTR_PARITY;
        if (mp.perms().indexOf('r') >= 0) rights |= RIGHTS_READ;
        if (mp.perms().indexOf('w') >= 0) rights |= RIGHTS_WRITE;
        if (mp.perms().indexOf('x') < 0) attrs |= ATTR_EXECUTE_NEVER;
        if (mp.cached()) attrs |= ATTR_CACHEABLE;
        List<KernelObject> pages = mrPages.get(mr.name());
        if (pages.isEmpty()) {
          throw BuildException.crash("IMG046", "memory region '" + mr.name() + "' has no pages"
              + " (size 0) but is mapped into '" + pds.get(p).name() + "'", "AssertionError")
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
    system.add(Invocation.of(CNODE_MINT, sysCnode, capSlot, cnodeBits, root, faultEp.capAddr(),
        CAP_ADDRESS_BITS, RIGHTS_ALL, 1).repeat(nPd, "dest_index", 1, "badge", 1));
    long badgedFaultEp = CAP_MASK | capSlot;
    capSlot += nPd;
    long finalCapSlot = capSlot;

    for (int p = 0; p < nPd; p++) {
      KernelObject input = pds.get(p).pp() ? eps.get(ppEp[p]) : ntfns.get(p);
      system.add(mintToPd(cnodes.get(p), INPUT_CAP, root, input.capAddr(), 0));
    }
    // Quirk reproduced: reply caps are minted with badge 1.
    system.add(mintToPd(cnodes.get(0), REPLY_CAP, root, replies.get(1).capAddr(), 1)
        .repeat(nPd, "cnode", 1, "src_obj", 1));
    system.add(mintToPd(cnodes.get(0), VSPACE_CAP, root, vspaces.get(0).capAddr(), 0)
        .repeat(nPd, "cnode", 1, "src_obj", 1));
    for (int p = 0; p < nPd; p++) {
      List<BuildInput.Irq> irqs = pds.get(p).irqs();
      for (int i = 0; i < irqs.size(); i++) {
        system.add(mintToPd(cnodes.get(p), BASE_IRQ_CAP + irqs.get(i).id(), root,
            irqCaps.get(p).get(i), 0));
      }
    }
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
    paging.mapInvocations(system, uds, ds, pts, vspaces, ATTR_DEFAULT);
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
    for (int p = 0; p < nPd; p++) {
      ipcVaddr[p] = programs.get(p).symbol("__sel4_ipc_buffer_obj")[0];
      // Quirk reproduced: the IPC buffer is mapped with the rights and attributes left over
      // from the last page mapping above (usually the last PD's last ELF segment).
      system.add(Invocation.of(PAGE_MAP, ipcBuffers.get(p).capAddr(), vspaces.get(p).capAddr(),
          ipcVaddr[p], lastRights, lastAttrs));
    }
    for (int p = 0; p < nPd; p++) {
      Pd pd = pds.get(p);
      system.add(Invocation.of(SCHED_CONTROL_CONFIGURE_FLAGS, bootInfo.schedControlCap(),
          scs.get(p).capAddr(), pd.budget(), pd.period(), 0, 0x100 + p, 0));
    }
    for (int p = 0; p < nPd; p++) {
      Pd pd = pds.get(p);
      system.add(Invocation.of(TCB_SET_SCHED_PARAMS, tcbs.get(p).capAddr(), INIT_TCB,
          pd.priority(), pd.priority(), scs.get(p).capAddr(), faultEp.capAddr()));
    }
    system.add(Invocation.of(TCB_SET_SPACE, tcbs.get(0).capAddr(), badgedFaultEp,
        cnodes.get(0).capAddr(), CAP_ADDRESS_BITS - PD_CNODE_BITS, vspaces.get(0).capAddr(), 0)
        .repeat(nPd, "tcb", 1, "fault_ep", 1, "cspace_root", 1, "vspace_root", 1));
    for (int p = 0; p < nPd; p++) {
      system.add(Invocation.of(TCB_SET_IPC_BUFFER, tcbs.get(p).capAddr(), ipcVaddr[p],
          ipcBuffers.get(p).capAddr()));
    }
    for (int p = 0; p < nPd; p++) {
      long[] regs = new long[Invocation.REGISTER_COUNT];
      regs[0] = programs.get(p).entry();
      system.add(Invocation.writeRegisters(tcbs.get(p).capAddr(), regs));
    }
    system.add(Invocation.of(TCB_BIND_NOTIFICATION, tcbs.get(0).capAddr(), ntfns.get(0).capAddr())
        .repeat(nPd, "tcb", 1, "notification", 1));
    system.add(Invocation.of(TCB_RESUME, tcbs.get(0).capAddr()).repeat(nPd, "tcb", 1));

    long dataSize = 0;
    for (Invocation i : system) dataSize += InvocationEncoder.sizeOf(i);

    patchPrograms(programs, mrPages);
    return new BuiltSystem(finalCapSlot, dataSize, bootstrap, system, bootInfo, reserved,
        faultEp.capAddr(), replies.get(0).capAddr(), names, caps(tcbs), caps(scs), caps(ntfns),
        regions, init.objects(), itVirt, itPhys, programs);
  }

  private List<String> perPd(String prefix) {
    List<String> out = new ArrayList<>(in.pds().size());
    for (Pd pd : in.pds()) out.add(prefix + pd.name());
    return out;
  }

  private static Invocation mintToPd(KernelObject cnode, long slot, long root, long src,
      long badge) {
    return Invocation.of(CNODE_MINT, cnode.capAddr(), slot, PD_CNODE_BITS, root, src,
        CAP_ADDRESS_BITS, RIGHTS_ALL, badge);
  }

  private static long[] caps(List<KernelObject> objects) {
    long[] out = new long[objects.size()];
    for (int i = 0; i < out.length; i++) out[i] = objects.get(i).capAddr();
    return out;
  }

  /** Pages of regions with a physical address (fixed regions and PD images), by address. */
  private static void allocateFixedPages(InitSystem init, List<Region> allMrs,
      Map<String, List<KernelObject>> mrPages) {
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
      int type = mr.pageSize() == PAGE ? ObjectTypes.SMALL_PAGE : ObjectTypes.LARGE_PAGE;
      String name = "Page(" + humanSize(mr.pageSize()) + "): MR=" + mr.name() + " @ "
          + Long.toHexString(phys);
      try {
        mrPages.get(mr.name()).add(init.allocateFixed(phys, type, name));
      } catch (BuildException e) {
        throw e.at(mr.span());
      }
    }
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

  private static BuildException noRoom(long size, String what) {
    return BuildException.crash("IMG033", "out of memory: no free RAM region can hold " + what
        + " (" + size + " bytes)", "ValueError: Unable to allocate " + size + " bytes.");
  }

  private static BuildException tooManyPages(long n) {
    return BuildException.crash("IMG034", "the invocation table needs " + n + " pages from one"
        + " untyped; the reference tool retypes at most 256 at once", "AssertionError");
  }
}
