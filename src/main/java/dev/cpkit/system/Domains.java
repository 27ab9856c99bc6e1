// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.system;

import dev.cpkit.diag.SourceSpan;
import java.util.List;

/** Microkit domain scheduling: the declared domains and the schedule. */
public record Domains(List<Domain> domains, List<ScheduleEntry> schedule, long startIndex,
    long indexShift, SourceSpan span) {

  public Domains {
    domains = List.copyOf(domains);
    schedule = List.copyOf(schedule);
  }

  public record Domain(String name, long id, SourceSpan span) {}

  /** One schedule slot; {@code endMarker} entries have no domain. */
  public record ScheduleEntry(String domain, long duration, String unit, boolean endMarker,
      SourceSpan span) {}
}
