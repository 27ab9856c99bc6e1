// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Allocates the system's kernel objects and emits the Untyped Retype invocations that create
 * them, giving each a slot in the system CNode: objects from normal memory through
 * {@link ObjectAllocator}, pages at fixed physical addresses from device untypeds (with padding
 * untypeds to move a device untyped's watermark up to the requested address).
 */
final class InitSystem {
  static final int FAN_OUT_LIMIT = 256;
  static final long SLOT_SIZE = 32;

  private final KernelAbi abi;
  private final long rootCnodeCap;
  private final long capMask;
  private final ObjectAllocator kao;
  private final List<Invocation> invocations;
  private final Map<Long, String> capNames;
  private final List<FixedUntyped> deviceUntypeds = new ArrayList<>();
  private final List<KernelObject> objects = new ArrayList<>();
  private long capSlot;
  private long lastFixedAddress;

  /** A device untyped and its watermark (the next address the kernel would retype at). */
  private static final class FixedUntyped {
    final UntypedObject ut;
    long watermark;

    FixedUntyped(UntypedObject ut) {
      this.ut = ut;
      this.watermark = ut.base();
    }
  }

  InitSystem(long rootCnodeCap, long capMask, long firstSlot, ObjectAllocator kao,
      BootInfo boot, List<Invocation> invocations, Map<Long, String> capNames) {
    this(KernelAbi.sel4cp126(), rootCnodeCap, capMask, firstSlot, kao, boot, invocations,
        capNames);
  }

  InitSystem(KernelAbi abi, long rootCnodeCap, long capMask, long firstSlot,
      ObjectAllocator kao, BootInfo boot, List<Invocation> invocations,
      Map<Long, String> capNames) {
    this.abi = abi;
    this.rootCnodeCap = rootCnodeCap;
    this.capMask = capMask;
    this.capSlot = firstSlot;
    this.kao = kao;
    this.invocations = invocations;
    this.capNames = capNames;
    for (UntypedObject ut : boot.untypeds()) if (ut.device()) deviceUntypeds.add(new FixedUntyped(ut));
    // the reference sorts by base (a stable sort; bases are distinct)
    // insertion sort, not List.sort with a lambda (start-up): a board has a few dozen
    for (int i = 1; i < deviceUntypeds.size(); i++) {
      FixedUntyped x = deviceUntypeds.get(i);
      int j = i - 1;
      while (j >= 0 && deviceUntypeds.get(j).ut.base() > x.ut.base()) {
        deviceUntypeds.set(j + 1, deviceUntypeds.get(j));
        j--;
      }
      deviceUntypeds.set(j + 1, x);
    }
  }

  long capSlot() {
    return capSlot;
  }

  List<KernelObject> objects() {
    return objects;
  }

  /** Marks device memory already retyped by the bootstrap invocations (the table pages). */
  void reserve(UntypedObject ut, long physEnd) {
    for (FixedUntyped f : deviceUntypeds) {
      if (f.ut.equals(ut)) {
        f.watermark = physEnd;
        return;
      }
    }
    throw new IllegalStateException("not a device untyped: " + ut);
  }

  /** Objects from normal memory; CNodes and SCs take {@code size} (slots or bytes), else 0. */
  List<KernelObject> allocate(int type, List<String> names, long size) {
    long allocSize;
    int apiSize;
    long fixed = abi.typeSize(type);
    if (fixed != 0) {
      allocSize = fixed;
      apiSize = 0;
    } else {
      // Quirk reproduced: the reference sizes CNodes *and* scheduling contexts as
      // size * 32 bytes (the CNode formula), so each 256-byte SC reserves 8 KiB.
      apiSize = Bits.log2(size);
      allocSize = size * SLOT_SIZE;
    }
    int count = names.size();
    ObjectAllocator.Allocation a = kao.alloc(allocSize, count);
    long base = capSlot;
    capSlot += count;
    long slot = base;
    for (int left = count; left > 0; ) {
      int n = Math.min(left, abi.fanOutLimit());
      invocations.add(Invocation.of(InvocationKind.UNTYPED_RETYPE, a.untypedCap(), type, apiSize,
          rootCnodeCap, 1, 1, slot, n));
      left -= n;
      slot += n;
    }
    List<KernelObject> out = new ArrayList<>(count);
    long phys = a.physAddr();
    for (int i = 0; i < count; i++) {
      long addr = capMask | (base + i);
      capNames.put(addr, names.get(i));
      out.add(new KernelObject(type, base + i, addr, phys, names.get(i)));
      phys += allocSize;
    }
    objects.addAll(out);
    return out;
  }

  /** One page at a fixed physical address; addresses must come in ascending order. */
  KernelObject allocateFixed(long phys, int type, String name) {
    if (phys < lastFixedAddress) throw new IllegalStateException("fixed pages out of order");
    long size = abi.typeSize(type);
    FixedUntyped ut = null;
    for (FixedUntyped f : deviceUntypeds) {
      if (f.ut.base() <= phys && phys < f.ut.region().end()) {
        ut = f;
        break;
      }
    }
    String at = "0x" + Long.toHexString(phys);
    if (ut == null) {
      throw BuildException.crash("IMG041", "the page at physical address " + at + " ("
          + name + ") is not in device memory: a memory region's phys_addr must lie outside RAM"
          + " and outside the kernel's own devices", "Exception: phys_address="
          + Long.toHexString(phys) + " not in any device untyped");
    }
    if (phys < ut.watermark) {
      throw BuildException.crash("IMG042", "the page at physical address " + at + " (" + name
          + ") overlaps memory already in use (the monitor's invocation table or PD images"
          + " are placed there)", "Exception: phys_address=" + Long.toHexString(phys)
          + " is below watermark");
    }
    if (ut.watermark == 0 && phys != 0) {
      throw BuildException.crash("IMG043", "the page at " + at + " needs padding from physical"
          + " address 0, which the reference tool cannot compute", "ValueError: negative shift"
          + " count");
    }
    long wm = ut.watermark;
    long required = phys - wm;
    while (required > 0) {
      // padding untypeds must be power-of-two sized and aligned to their size
      long pad = 1L << Math.min(Bits.lsb(wm), Bits.msb(required));
      invocations.add(Invocation.of(InvocationKind.UNTYPED_RETYPE, ut.ut.cap(),
          abi.type(KernelAbi.Obj.UNTYPED), Bits.log2(pad), rootCnodeCap, 1, 1, capSlot, 1));
      capSlot++;
      wm += pad;
      required -= pad;
    }
    long slot = capSlot++;
    invocations.add(Invocation.of(InvocationKind.UNTYPED_RETYPE, ut.ut.cap(), type, 0,
        rootCnodeCap, 1, 1, slot, 1));
    ut.watermark = phys + size;
    lastFixedAddress = phys + size;
    long addr = capMask | slot;
    capNames.put(addr, name);
    KernelObject o = new KernelObject(type, slot, addr, phys, name);
    objects.add(o);
    return o;
  }
}
