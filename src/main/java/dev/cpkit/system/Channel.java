// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import dev.cpkit.diag.SourceSpan;

/** A channel between two PDs. */
public record Channel(End a, End b, SourceSpan span) {

  /**
   * One end of a channel.
   *
   * @param pp Microkit: this end may make protected procedure calls to the other end
   * @param notifies Microkit: this end may notify the other end (default true)
   */
  public record End(String pd, int id, boolean pp, boolean notifies, String setvarId,
      SourceSpan span) {}
}
