// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Events ({@code seL4Notification}, {@code seL4GlobalAsynch} and relatives): one channel per
 * emitter–consumer pair. {@code <iface>_emit()} notifies every channel of the interface; the
 * consumer's {@code notified()} counts the event and runs the registered callback.
 */
final class EventRule implements ConnectionRule {
  private final Kind kind;
  private final String note;

  EventRule(Kind kind, String note) {
    this.kind = kind;
    this.note = note;
  }

  @Override
  public void apply(Context ctx, CamkesModel.Connection c) {
    List<String> pairs = new ArrayList<>();
    for (CamkesModel.End from : c.from()) {
      for (CamkesModel.End to : c.to()) {
        PdPlan a = ctx.plan.pd(from.instance());
        PdPlan b = ctx.plan.pd(to.instance());
        if (a == null || b == null) continue;
        int[] ids = ctx.channel(a, b, false, c.span());
        a.channels.add(new PdPlan.ChannelUse(ids[0], from.iface(), b.name,
            PdPlan.ChannelRole.EMIT, null, 0, null, false));
        b.channels.add(new PdPlan.ChannelUse(ids[1], to.iface(), a.name,
            PdPlan.ChannelRole.CONSUME, null, 0, null, false));
        pairs.add(a.name + ":" + ids[0] + " -> " + b.name + ":" + ids[1]);
      }
    }
    ctx.report.add(ConnectionRule.construct(c), kind, "channel " + String.join(", ", pairs)
        + "; " + c.from().get(0).iface() + "_emit() notifies, " + "the consumer's"
        + " reg_callback/poll run from notified()", note, c.span());
  }
}
