// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code seL4VirtQueues}: sDDF-style rings. Per queue an {@code avail} and a {@code used}
 * region plus a data region of {@code <if>_shmem_size} bytes (CAmkES default 8 KiB), mapped
 * into both PDs with setvars {@code <if>_avail}, {@code <if>_used}, {@code <if>_data}, and one
 * channel. The {@code VirtQueueInit} instance on the {@code to} side becomes no PD.
 */
final class VirtQueueRule implements ConnectionRule {
  @Override
  public void apply(Context ctx, CamkesModel.Connection c) {
    List<CamkesModel.End> ends = new ArrayList<>();
    for (CamkesModel.End e : c.from()) if (ctx.plan.pd(e.instance()) != null) ends.add(e);
    if (ends.size() != 2) {
      ctx.report.add(ConnectionRule.construct(c), Kind.MANUAL, "nothing generated: a virtqueue"
          + " needs exactly two component ends, this one has " + ends.size(),
          "build the rings with sDDF queues (memory regions and a channel) by hand", c.span());
      return;
    }
    long data = 8192;
    for (CamkesModel.End e : ends) {
      Long n = ctx.longSetting(e.instance(), e.iface() + "_shmem_size", c.span());
      if (n != null && n > data) data = n;
      ctx.used(e.instance(), e.iface() + "_id");
    }
    data = VaddrAllocator.alignUp(data, 0x1000);
    String avail = ctx.plan.addRegion(c.name() + "_avail", 0x1000, 0x1000, null);
    String used = ctx.plan.addRegion(c.name() + "_used", 0x1000, 0x1000, null);
    String shared = ctx.plan.addRegion(c.name() + "_data", data, 0x1000, null);
    PdPlan a = ctx.plan.pd(ends.get(0).instance());
    PdPlan b = ctx.plan.pd(ends.get(1).instance());
    for (int k = 0; k < 2; k++) {
      CamkesModel.End e = ends.get(k);
      PdPlan pd = k == 0 ? a : b;
      ctx.map(pd, avail, 0x1000, "rw", true, e.iface() + "_avail", "void",
          PdPlan.MapRole.VIRTQUEUE, e.iface());
      ctx.map(pd, used, 0x1000, "rw", true, e.iface() + "_used", "void",
          PdPlan.MapRole.VIRTQUEUE, e.iface());
      ctx.map(pd, shared, data, "rw", true, e.iface() + "_data", "void",
          PdPlan.MapRole.VIRTQUEUE, e.iface());
    }
    int[] ids = ctx.channel(a, b, false, c.span());
    a.channels.add(new PdPlan.ChannelUse(ids[0], ends.get(0).iface(), b.name,
        PdPlan.ChannelRole.VIRTQUEUE, null, 0, null, false));
    b.channels.add(new PdPlan.ChannelUse(ids[1], ends.get(1).iface(), a.name,
        PdPlan.ChannelRole.VIRTQUEUE, null, 0, null, false));
    for (CamkesModel.End t : c.to()) {
      ctx.report.add("instance " + t.instance() + " (VirtQueueInit)", Kind.EXACT,
          "no protection domain: the rings are set up by the system description", "",
          ctx.instanceSpan(t.instance()));
    }
    ctx.report.add(ConnectionRule.construct(c), Kind.APPROXIMATE, "regions '" + avail + "', '"
        + used + "', '" + shared + "' in " + a.name + " and " + b.name + ", channel " + a.name
        + ":" + ids[0] + " <-> " + b.name + ":" + ids[1],
        "port the camkes_virtqueue calls to sDDF queues (libsharedringbuffer) over the"
        + " <if>_avail/_used/_data regions; <if>_notify() signals the peer", c.span());
  }
}
