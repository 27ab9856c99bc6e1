// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.graph;

import dev.cpkit.system.Channel;
import dev.cpkit.system.ProtectionDomain;
import dev.cpkit.system.SystemDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * What each channel lets its ends do, per dialect. In sel4cp and sel4cp-dev both ends may
 * notify each other and {@code pp} is an attribute of the PD that serves calls, so every
 * channel partner of a {@code pp} PD may call it. In Microkit {@code pp} and {@code notify}
 * sit on the end that holds the right. The graph, the access matrix and the analysis all
 * read channels through this one class so that they cannot disagree.
 */
public final class Links {
  private Links() {}

  public enum Kind {
    NOTIFY,
    PPCALL
  }

  /**
   * One directed right: {@code from} may notify or call {@code to}.
   *
   * @param fromId the channel id {@code from} uses for it
   * @param toId the id under which {@code to} sees it
   */
  public record Link(Kind kind, String from, String to, int fromId, int toId, Channel channel) {}

  public static List<Link> of(SystemDescription s) {
    List<Link> out = new ArrayList<>();
    boolean python = s.dialect().isPython();
    for (Channel c : s.channels()) {
      add(s, python, c, c.a(), c.b(), out);
      add(s, python, c, c.b(), c.a(), out);
    }
    return out;
  }

  private static void add(SystemDescription s, boolean python, Channel c, Channel.End from,
      Channel.End to, List<Link> out) {
    boolean notifies = python || from.notifies();
    boolean calls;
    if (python) {
      ProtectionDomain callee = s.protectionDomain(to.pd());
      calls = callee != null && callee.pp();
    } else {
      calls = from.pp();
    }
    if (notifies) out.add(new Link(Kind.NOTIFY, from.pd(), to.pd(), from.id(), to.id(), c));
    if (calls) out.add(new Link(Kind.PPCALL, from.pd(), to.pd(), from.id(), to.id(), c));
  }
}
