// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.image.BuildInput.Pd;
import dev.cpkit.image.BuildInput.Region;
import dev.cpkit.image.elf.ElfFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The paging structures each PD needs (aarch64, 4 levels): one upper directory per 512 GiB,
 * one directory per 1 GiB and one page table per 2 MiB touched by its IPC buffer and mapped
 * pages (page tables only for 4 KiB pages). Per PD deduplicated and sorted, PDs in order.
 *
 * @param uds {pd index, vaddr} pairs
 */
record PagingPlan(List<long[]> uds, List<long[]> ds, List<long[]> pts) {

  static PagingPlan of(List<Pd> pds, List<List<BuildInput.Map>> pdMaps,
      Map<String, Region> mrByName, List<ElfFile> programs) {
    List<String> names = new ArrayList<>();
    List<Long> ipc = new ArrayList<>();
    for (int p = 0; p < pds.size(); p++) {
      names.add(pds.get(p).name());
      ipc.add(programs.get(p).symbol("__sel4_ipc_buffer_obj")[0]);
    }
    return of(names, ipc, pdMaps, mrByName);
  }

  /**
   * The plan for domains (PDs, then the fork's VMs) by name, IPC buffer address (null for a
   * VM, which has none) and mappings.
   */
  static PagingPlan of(List<String> names, List<Long> ipcBuffers,
      List<List<BuildInput.Map>> maps, Map<String, Region> mrByName) {
    List<long[]> uds = new ArrayList<>();
    List<long[]> ds = new ArrayList<>();
    List<long[]> pts = new ArrayList<>();
    for (int p = 0; p < names.size(); p++) {
      TreeSet<Long> u = new TreeSet<>();
      TreeSet<Long> d = new TreeSet<>();
      TreeSet<Long> t = new TreeSet<>();
      if (ipcBuffers.get(p) != null) add(u, d, t, ipcBuffers.get(p), 0x1000, names.get(p));
      for (BuildInput.Map m : maps.get(p)) {
        Region mr = mrByName.get(m.mr());
        long v = m.vaddr();
        try {
          for (long i = 0; i < mr.pageCount(); i++) {
            add(u, d, t, v, mr.pageSize(), names.get(p));
            v += mr.pageSize();
          }
        } catch (BuildException e) {
          throw e.at(m.span());
        }
      }
      for (long v : u) uds.add(new long[] {p, v});
      for (long v : d) ds.add(new long[] {p, v});
      for (long v : t) pts.add(new long[] {p, v});
    }
    return new PagingPlan(uds, ds, pts);
  }

  private static void add(TreeSet<Long> u, TreeSet<Long> d, TreeSet<Long> t, long v,
      long pageSize, String domain) {
    if (v <= 0) {
      // the reference's mask_bits asserts a positive address
      throw BuildException.crash("IMG045", "protection domain '" + domain + "' maps a page at"
          + " virtual address 0x" + Long.toHexString(v) + "; the reference tool cannot map"
          + " page 0", "AssertionError");
    }
    u.add(v >>> 39 << 39);
    d.add(v >>> 30 << 30);
    if (pageSize == 0x1000) t.add(v >>> 21 << 21);
  }

  List<String> names(String kind, List<long[]> entries, String pdName) {
    List<String> out = new ArrayList<>(entries.size());
    for (long[] e : entries) out.add(kind + ": PD=" + pdName + " VADDR=0x" + Long.toHexString(e[1]));
    return out;
  }

  /**
   * The fork's names: every level is a "PageTable" named after its own domain (no stale-name
   * quirk there).
   */
  static List<String> forkNames(List<long[]> entries, List<String> domainNames) {
    List<String> out = new ArrayList<>(entries.size());
    for (long[] e : entries) {
      out.add("PageTable: PD/VM=" + domainNames.get((int) e[0]) + " VADDR=0x"
          + Long.toHexString(e[1]));
    }
    return out;
  }

  /** The fork's maps: every level with Page Table Map, upper level only if it exists. */
  void forkMapInvocations(List<Invocation> out, List<KernelObject> udObjs,
      List<KernelObject> dObjs, List<KernelObject> ptObjs, List<KernelObject> vspaces,
      long attr) {
    if (udObjs != null) emit(out, InvocationKind.PAGE_TABLE_MAP, uds, udObjs, vspaces, attr);
    emit(out, InvocationKind.PAGE_TABLE_MAP, ds, dObjs, vspaces, attr);
    emit(out, InvocationKind.PAGE_TABLE_MAP, pts, ptObjs, vspaces, attr);
  }

  /** Maps every structure into its PD's VSpace: upper directories, directories, tables. */
  void mapInvocations(List<Invocation> out, List<KernelObject> udObjs, List<KernelObject> dObjs,
      List<KernelObject> ptObjs, List<KernelObject> vspaces, long attr) {
    emit(out, InvocationKind.PAGE_UPPER_DIRECTORY_MAP, uds, udObjs, vspaces, attr);
    emit(out, InvocationKind.PAGE_DIRECTORY_MAP, ds, dObjs, vspaces, attr);
    emit(out, InvocationKind.PAGE_TABLE_MAP, pts, ptObjs, vspaces, attr);
  }

  private static void emit(List<Invocation> out, InvocationKind kind, List<long[]> entries,
      List<KernelObject> objs, List<KernelObject> vspaces, long attr) {
    for (int i = 0; i < entries.size(); i++) {
      long[] e = entries.get(i);
      out.add(Invocation.of(kind, objs.get(i).capAddr(), vspaces.get((int) e[0]).capAddr(), e[1],
          attr));
    }
  }
}
