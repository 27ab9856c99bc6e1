// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.analysis;

import dev.cpkit.image.BuiltSystem;
import dev.cpkit.image.Invocation;
import dev.cpkit.image.InvocationKind;
import dev.cpkit.image.KernelAbi;
import dev.cpkit.image.KernelObject;
import dev.cpkit.image.LoaderRegion;
import dev.cpkit.image.MemRegion;
import dev.cpkit.image.UntypedObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the image builder placed, read from its {@link BuiltSystem}: the reserved region
 * (invocation table and PD images), the monitor, the monitor's boot objects (the RAM no
 * untyped covers), the kernel objects and untypeds used, and the RAM left free.
 *
 * <p>Objects are counted from the Untyped Retype invocations, the kernel's own instructions:
 * each takes {@code num_objects} objects of a type from one untyped. Sizes are the builder's
 * (CNodes and scheduling contexts as {@code 2^size_bits * 32} bytes, as sel4cp reserves
 * them), at the addresses the builder gives the objects ({@link BuiltSystem#kernelObjects()}),
 * so each normal untyped's watermark is where the builder's allocator leaves it and the free
 * RAM is what later allocations could still get.
 *
 * @param entries rows for the physical memory map
 * @param objects bytes and counts of objects taken from RAM, by type, in first-use order
 * @param fixedPages pages retyped from device untypeds (PD images, fixed-address regions)
 * @param untypeds every untyped the kernel hands the monitor
 * @param ramUntypeds untypeds of normal memory (RAM)
 * @param usedUntypeds untypeds at least one object is retyped from
 * @param free RAM ranges {start, end} still free in the untypeds after the build
 */
public record BuildMap(List<MemoryReport.MapEntry> entries, List<ObjectUse> objects,
    long fixedPages, int untypeds, int ramUntypeds, int usedUntypeds, List<long[]> free) {

  /** Objects of one type taken from RAM. */
  public record ObjectUse(String type, long count, long bytes) {}

  static final String SOURCE = "from the image build";

  static BuildMap of(BuiltSystem b, List<BoardMemory.Range> ram, List<long[]> kernelKept) {
    List<MemoryReport.MapEntry> rows = new ArrayList<>();
    MemRegion res = b.reservedRegion();
    rows.add(entry(res.base(), res.size(), "reserved region: invocation table and PD images"));
    long tableEnd = res.end();
    for (LoaderRegion r : b.pdRegions()) tableEnd = Math.min(tableEnd, r.addr() & ~0xfffL);
    rows.add(entry(res.base(), tableEnd - res.base(), "invocation table"));
    for (LoaderRegion r : b.pdRegions()) {
      rows.add(entry(r.addr(), r.loaded().length, r.name()));
    }
    MemRegion mon = b.initialTaskPhys();
    rows.add(entry(mon.base(), mon.size(), "monitor (initial task)"));
    // RAM that no untyped covers and the build did not place: the monitor's boot objects
    List<long[]> covered = new ArrayList<>(kernelKept);
    covered.add(new long[] {mon.base(), mon.end()});
    covered.add(new long[] {res.base(), res.end()});
    for (UntypedObject ut : b.bootInfo().untypeds()) {
      covered.add(new long[] {ut.base(), ut.region().end()});
    }
    for (long[] gap : MemoryReport.subtract(ram, covered)) {
      rows.add(new MemoryReport.MapEntry(gap[0], gap[1] - gap[0], "kernel",
          "the monitor's kernel objects (CNode, TCB, VSpace...), placed at boot", List.of(),
          SOURCE));
    }
    return usage(b, rows);
  }

  private static MemoryReport.MapEntry entry(long base, long size, String what) {
    return new MemoryReport.MapEntry(base, size, "image", what, List.of(), SOURCE);
  }

  private static BuildMap usage(BuiltSystem b, List<MemoryReport.MapEntry> rows) {
    KernelAbi abi = b.abi();
    Map<Long, UntypedObject> byCap = new LinkedHashMap<>();
    Map<Long, Long> watermark = new LinkedHashMap<>();
    int ram = 0;
    for (UntypedObject ut : b.bootInfo().untypeds()) {
      byCap.put(ut.cap(), ut);
      if (!ut.device()) {
        ram++;
        watermark.put(ut.cap(), ut.base());
      }
    }
    Map<String, long[]> use = new LinkedHashMap<>();
    java.util.Set<Long> used = new java.util.HashSet<>();
    long fixed = 0;
    // where the builder put the system's objects, by slot (bootstrap objects are not listed)
    Map<Long, Long> placed = new java.util.HashMap<>();
    for (KernelObject ko : b.kernelObjects()) placed.put(ko.capSlot(), ko.physAddr());
    List<Invocation> all = new ArrayList<>(b.bootstrapInvocations());
    int bootstrap = all.size();
    all.addAll(b.systemInvocations());
    for (int i = 0; i < all.size(); i++) {
      Invocation inv = all.get(i);
      if (inv.kind() != InvocationKind.UNTYPED_RETYPE) continue;
      UntypedObject ut = byCap.get(inv.service());
      if (ut == null) continue;
      used.add(ut.cap());
      int type = (int) inv.arg("object_type");
      long n = inv.arg("num_objects") * Math.max(1, inv.repeatCount());
      if (ut.device()) {
        if (abi.typeSize(type) != 0) fixed += n;
        continue;
      }
      long size = size(abi, type, inv.arg("size_bits"));
      // the builder's address where it is known: an allocation of no objects still moves its
      // watermark (a quirk of sel4cp's allocator) and so shifts the next address
      Long at = i < bootstrap ? null : placed.get(inv.arg("node_offset"));
      long start = at != null ? at : roundUp(watermark.get(ut.cap()), size);
      watermark.put(ut.cap(), start + n * size);
      long[] u = use.computeIfAbsent(name(abi.typeName(type)), k -> new long[2]);
      u[0] += n;
      u[1] += n * size;
    }
    List<ObjectUse> objects = new ArrayList<>();
    for (Map.Entry<String, long[]> e : use.entrySet()) {
      objects.add(new ObjectUse(e.getKey(), e.getValue()[0], e.getValue()[1]));
    }
    List<long[]> free = new ArrayList<>();
    for (Map.Entry<Long, Long> e : watermark.entrySet()) {
      long end = byCap.get(e.getKey()).region().end();
      if (e.getValue() >= end) continue;
      if (!free.isEmpty() && free.get(free.size() - 1)[1] == e.getValue()) {
        free.get(free.size() - 1)[1] = end;
      } else {
        free.add(new long[] {e.getValue(), end});
      }
    }
    free.sort(java.util.Comparator.comparingLong(f -> f[0]));
    return new BuildMap(rows, objects, fixed, byCap.size(), ram, used.size(), free);
  }

  /** The builder's size of one object: fixed, an untyped's 2^bits, else 2^bits slots. */
  static long size(KernelAbi abi, int type, long bits) {
    long fixed = abi.typeSize(type);
    if (fixed != 0) return fixed;
    if (abi.typeName(type).contains("UNTYPED")) return 1L << bits;
    if (abi.typeName(type).contains("HUGE_PAGE")) return 1L << 30;
    return (1L << bits) * 32;
  }

  /** {@code SEL4_SMALL_PAGE_OBJECT} as {@code small page}. */
  static String name(String typeName) {
    String n = typeName.replace("SEL4_", "").replace("_OBJECT", "").replace("ARM_", "")
        .replace("RISCV_", "").toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return switch (n) {
      case "tcb" -> "TCB";
      case "cnode" -> "CNode";
      case "vspace" -> "VSpace";
      case "schedcontext" -> "scheduling context";
      case "huge page size" -> "huge page";
      default -> n;
    };
  }

  private static long roundUp(long v, long a) {
    return (v + a - 1) & -a;
  }
}
