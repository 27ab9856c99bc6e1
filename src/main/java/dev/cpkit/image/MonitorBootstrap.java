// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static dev.cpkit.image.InvocationKind.CNODE_MINT;
import static dev.cpkit.image.InvocationKind.PAGE_MAP;
import static dev.cpkit.image.InvocationKind.PAGE_TABLE_MAP;
import static dev.cpkit.image.InvocationKind.TCB_SET_SPACE;
import static dev.cpkit.image.InvocationKind.UNTYPED_RETYPE;
import static dev.cpkit.image.SystemBuilder.ATTR_DEFAULT;
import static dev.cpkit.image.SystemBuilder.ATTR_EXECUTE_NEVER;
import static dev.cpkit.image.SystemBuilder.CAP_ADDRESS_BITS;
import static dev.cpkit.image.SystemBuilder.CAP_MASK;
import static dev.cpkit.image.SystemBuilder.INIT_CNODE;
import static dev.cpkit.image.SystemBuilder.INIT_TCB;
import static dev.cpkit.image.SystemBuilder.INIT_VSPACE;
import static dev.cpkit.image.SystemBuilder.LARGE_PAGE;
import static dev.cpkit.image.SystemBuilder.PAGE;
import static dev.cpkit.image.SystemBuilder.RIGHTS_ALL;
import static dev.cpkit.image.SystemBuilder.RIGHTS_READ;
import static dev.cpkit.image.SystemBuilder.TABLE_VADDR;

import dev.cpkit.image.KernelAbi.Obj;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bootstrap invocation list, which the monitor runs before it can read the system list:
 * its two-level CSpace (root and system CNode), then the invocation table's pages, retyped
 * from the device untypeds that cover the reserved region, and mapped read-only at 2 GiB.
 */
final class MonitorBootstrap {
  private final KernelAbi abi;
  private final List<Invocation> invocations = new ArrayList<>();
  private final List<UntypedObject> tableUntypeds = new ArrayList<>();
  /** The physical end of what each of {@link #tableUntypeds} gave to the table. */
  private final List<Long> tableEnds = new ArrayList<>();
  private final long root;
  private final long systemCnode;
  private long capSlot;

  /** Allocates the two CNodes and writes the whole bootstrap list; names the caps it makes. */
  MonitorBootstrap(KernelAbi abi, ObjectAllocator kao, BootInfo bootInfo,
      Map<Long, String> names, long tableSize, long cnodeSize, long reservedBase) {
    this.abi = abi;
    int cnodeBits = Bits.log2(cnodeSize);
    ObjectAllocator.Allocation rootAlloc = kao.alloc(2 * InitSystem.SLOT_SIZE, 1);
    root = bootInfo.firstAvailableCap();
    names.put(root, "CNode: root");
    ObjectAllocator.Allocation sysAlloc = kao.alloc(cnodeSize * InitSystem.SLOT_SIZE, 1);
    systemCnode = root + 1;
    names.put(systemCnode, "CNode: system");
    int cnodeType = abi.type(Obj.CNODE);
    invocations.add(Invocation.of(UNTYPED_RETYPE, rootAlloc.untypedCap(), cnodeType, 1,
        INIT_CNODE, 0, 0, root, 1));
    // the "badge" of a CNode cap minted into a CNode is its guard size
    invocations.add(Invocation.of(CNODE_MINT, root, 0, 1, INIT_CNODE, INIT_CNODE,
        CAP_ADDRESS_BITS, RIGHTS_ALL, CAP_ADDRESS_BITS - 1 - abi.rootCnodeBits()));
    invocations.add(Invocation.of(TCB_SET_SPACE, INIT_TCB, 0, root, 0, INIT_VSPACE, 0));
    invocations.add(Invocation.of(UNTYPED_RETYPE, sysAlloc.untypedCap(), cnodeType,
        cnodeBits, INIT_CNODE, 0, 0, systemCnode, 1));
    invocations.add(Invocation.of(CNODE_MINT, root, 1, 1, INIT_CNODE, systemCnode,
        CAP_ADDRESS_BITS, RIGHTS_ALL, CAP_ADDRESS_BITS - 1 - cnodeBits));
    long pagesRequired = tableSize / PAGE;
    retypeTablePages(bootInfo, names, pagesRequired, reservedBase);
    mapTable(kao, names, tableSize, pagesRequired);
  }

  /** Table pages from the device untypeds, in order, into system CNode slots 0 on. */
  private void retypeTablePages(BootInfo bootInfo, Map<Long, String> names,
      long pagesRequired, long reservedBase) {
    for (long s = 0; s < pagesRequired; s++) names.put(CAP_MASK | s, "SmallPage: monitor invocation table");
    long remaining = pagesRequired;
    long phys = reservedBase;
    for (UntypedObject ut : bootInfo.untypeds()) {
      if (!ut.device()) continue;
      long n = Math.min(ut.region().size() / PAGE, remaining);
      if (n > abi.fanOutLimit()) throw tooManyPages(n);
      invocations.add(Invocation.of(UNTYPED_RETYPE, ut.cap(), abi.type(Obj.SMALL_PAGE), 0, root,
          1, 1, capSlot, n));
      remaining -= n;
      capSlot += n;
      phys += n * PAGE;
      tableUntypeds.add(ut);
      tableEnds.add(phys);
      if (remaining == 0) break;
    }
  }

  /** The page tables covering the table at {@link SystemBuilder#TABLE_VADDR}, then its pages. */
  private void mapTable(ObjectAllocator kao, Map<Long, String> names, long tableSize,
      long pagesRequired) {
    long ptsRequired = Bits.roundUp(tableSize, LARGE_PAGE) / LARGE_PAGE;
    ObjectAllocator.Allocation ptAlloc = kao.alloc(PAGE, ptsRequired);
    long basePt = capSlot;
    for (long s = basePt; s < basePt + ptsRequired; s++) names.put(CAP_MASK | s, "PageTable: monitor");
    if (ptsRequired > abi.fanOutLimit()) throw tooManyPages(ptsRequired);
    invocations.add(Invocation.of(UNTYPED_RETYPE, ptAlloc.untypedCap(),
        abi.type(Obj.PAGE_TABLE), 0, root, 1, 1, capSlot, ptsRequired));
    capSlot += ptsRequired;
    invocations.add(Invocation.of(PAGE_TABLE_MAP, CAP_MASK | basePt, INIT_VSPACE, TABLE_VADDR,
        abi.defaultVmAttributes()).repeat((int) ptsRequired, "page_table", 1, "vaddr",
            LARGE_PAGE));
    // read-only, never executed: RISC-V's default 0 | execute-never 1, ARM's 3 | 4
    long tableAttrs = abi.riscv() ? 1 : ATTR_DEFAULT | ATTR_EXECUTE_NEVER;
    invocations.add(Invocation.of(PAGE_MAP, CAP_MASK, INIT_VSPACE, TABLE_VADDR, RIGHTS_READ,
        tableAttrs).repeat((int) pagesRequired, "page", 1, "vaddr", PAGE));
  }

  /** Keeps the system objects out of the memory the table pages came from. */
  void reserveTableMemory(InitSystem init) {
    for (int i = 0; i < tableUntypeds.size(); i++) {
      init.reserve(tableUntypeds.get(i), tableEnds.get(i));
    }
  }

  List<Invocation> invocations() {
    return invocations;
  }

  /** The monitor's root CNode (slot 0 its own CNode, slot 1 the system CNode). */
  long root() {
    return root;
  }

  long systemCnode() {
    return systemCnode;
  }

  /** The first system CNode slot after the table's pages and page tables. */
  long firstFreeSlot() {
    return capSlot;
  }

  private BuildException tooManyPages(long n) {
    return BuildException.crash("IMG034", "the invocation table needs " + n + " pages from one"
        + " untyped; the reference tool retypes at most " + abi.fanOutLimit() + " at once",
        "AssertionError");
  }
}
