// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static dev.cpkit.image.InvocationKind.PAGE_MAP;
import static dev.cpkit.image.SystemBuilder.ATTR_CACHEABLE;
import static dev.cpkit.image.SystemBuilder.RIGHTS_READ;
import static dev.cpkit.image.SystemBuilder.RIGHTS_WRITE;

import dev.cpkit.image.BuildInput.Region;
import dev.cpkit.image.elf.ElfFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every domain's mappings, in two steps of the system invocation list: first one derived cap
 * per page, minted into the system CNode with the mapping's rights, later the page maps, then
 * the PDs' IPC buffers.
 */
final class PageMappings {
  private record PageDescriptor(long cap, int pd, long vaddr, long rights, long attrs,
      int count, long pageBytes) {}

  private final KernelAbi abi;
  private final List<PageDescriptor> descriptors = new ArrayList<>();
  private long lastRights = -1;
  private long lastAttrs = -1;

  PageMappings(KernelAbi abi) {
    this.abi = abi;
  }

  void mintPageCaps(SystemInvocationWriter w, SystemObjects objs,
      Map<String, Region> mrByName) {
    for (int p = 0; p < objs.domainMaps.size(); p++) {
      for (BuildInput.Map mp : objs.domainMaps.get(p)) {
        Region mr = mrByName.get(mp.mr());
        long rights = 0;
        long attrs = abi.mapAttributes(mp.cached(), mp.perms().indexOf('x') >= 0);
        if (mp.perms().indexOf('r') >= 0) rights |= RIGHTS_READ;
        if (mp.perms().indexOf('w') >= 0) rights |= RIGHTS_WRITE;
        List<KernelObject> pages = objs.mrPages.get(mr.name());
        if (pages.isEmpty()) {
          throw BuildException.crash("IMG046", "memory region '" + mr.name() + "' has no pages"
              + " (size 0) but is mapped into '" + objs.domainNames.get(p) + "'",
              "AssertionError").at(mp.span());
        }
        for (int i = 1; i < pages.size(); i++) {
          if (pages.get(i).capAddr() != pages.get(i - 1).capAddr() + 1) {
            throw BuildException.crash("IMG047", "the pages of memory region '" + mr.name()
                + "' did not get consecutive caps", "AssertionError");
          }
        }
        int n = pages.size();
        w.add(w.mintToNextSlot(pages.get(0).capAddr(), rights, 0)
            .repeat(n, "dest_index", 1, "src_obj", 1));
        long first = w.claim(n);
        descriptors.add(new PageDescriptor(first, p, mp.vaddr(), rights, attrs, n,
            mr.pageSize()));
        for (int i = 0; i < n; i++) {
          w.names.put(first + i, w.names.get(pages.get(0).capAddr() + i) + " (derived)");
        }
      }
    }
  }

  void mapPages(SystemInvocationWriter w, List<KernelObject> vspaces) {
    for (PageDescriptor d : descriptors) {
      w.add(Invocation.of(PAGE_MAP, d.cap(), vspaces.get(d.pd()).capAddr(), d.vaddr(),
          d.rights(), d.attrs()).repeat(d.count(), "page", 1, "vaddr", d.pageBytes()));
      lastRights = d.rights();
      lastAttrs = d.attrs();
    }
    if (descriptors.isEmpty()) {
      throw BuildException.crash("IMG048", "no protection domain maps anything (do the program"
          + " images have loadable segments?)", "NameError: name 'rights' is not defined");
    }
  }

  /** Maps each PD's IPC buffer at its program's symbol; returns those addresses. */
  long[] mapIpcBuffers(SystemInvocationWriter w, List<ElfFile> programs,
      List<KernelObject> ipcBuffers, List<KernelObject> vspaces) {
    int nPd = ipcBuffers.size();
    long[] ipcVaddr = new long[nPd];
    // fork: "| cacheable" on top of the leftovers (also on RISC-V, where 1 is execute-never)
    long ipcAttrs = abi.fork() ? lastAttrs | ATTR_CACHEABLE : lastAttrs;
    for (int p = 0; p < nPd; p++) {
      ipcVaddr[p] = programs.get(p).symbol("__sel4_ipc_buffer_obj")[0];
      // Quirk reproduced: the IPC buffer is mapped with the rights and attributes left over
      // from the last page mapping in mapPages (usually the last PD's last ELF segment).
      w.add(Invocation.of(PAGE_MAP, ipcBuffers.get(p).capAddr(), vspaces.get(p).capAddr(),
          ipcVaddr[p], lastRights, ipcAttrs));
    }
    return ipcVaddr;
  }
}
