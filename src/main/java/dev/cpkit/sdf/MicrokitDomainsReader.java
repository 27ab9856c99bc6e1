// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import static dev.cpkit.sdf.MicrokitNumbers.below;

import dev.cpkit.diag.Spelling;
import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.system.Board;
import dev.cpkit.system.Domains;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code <domains>} in the order of sdf.rs {@code Domains::from_xml}. */
final class MicrokitDomainsReader {
  private final MicrokitAttrs a;
  private final Reporter r;
  private final Board board;

  MicrokitDomainsReader(MicrokitAttrs attrs, Board board) {
    this.a = attrs;
    this.r = attrs.r;
    this.board = board;
  }

  /**
   * The outcome: declared names with their ids (empty when the element had errors that leave
   * no usable domain table, as the tool's would be), and the model.
   */
  record Result(Map<String, Integer> ids, Domains model) {}

  private record Declared(String name, Long id, XmlElement el) {}

  Result read(XmlElement e) {
    a.allowed(e, List.of());
    if (board.cores() != 1) {
      a.unlocated(Code.SDF023, "The domain scheduler is not supported in multicore builds of"
          + " seL4", r.at(e));
      return new Result(Map.of(), null);
    }
    List<Declared> declared = new ArrayList<>();
    XmlElement schedule = null;
    for (XmlElement c : e.elements()) {
      switch (c.tag()) {
        case "domain" -> readDomain(c, declared);
        case "domain_schedule" -> {
          if (schedule != null) {
            a.value(c, Code.SDF023, "The <domain_schedule> element can only appear once", null);
          } else {
            schedule = c;
          }
        }
        default -> r.error(Code.SDF004, "invalid XML element as child of <domains> '" + c.tag()
                + "'")
            .span(r.at(c))
            .reference("Error: {msg}: {loc}", r.at(c))
            .hint("<domains> holds <domain> and one <domain_schedule>")
            .report();
      }
    }
    if (schedule == null) {
      a.value(e, Code.SDF023, "The <domain_schedule> element must appear once", null);
      return new Result(Map.of(), null);
    }
    Map<String, Integer> ids = assignIds(e, declared);
    if (ids == null) return new Result(Map.of(), null);
    Domains model = readSchedule(e, schedule, ids, declared);
    return new Result(ids, model);
  }

  private void readDomain(XmlElement c, List<Declared> declared) {
    a.allowed(c, List.of("name", "id"));
    String name = a.required(c, "name");
    Long id = c.has("id") ? a.number(c, "id", c) : null;
    if (id != null && !below(id, board.numDomains())) {
      a.value(c, Code.SDF023, "domain id " + MicrokitNumbers.dec(id) + " should be less than the"
          + " configured KernelNumDomains value of " + board.numDomains(), "id");
      id = null;
    }
    if (name == null) return;
    for (Declared d : declared) {
      if (d.name().equals(name)) {
        // Rust's {:?} of the earlier Option<u8>.
        String existing = d.id() == null ? "None" : "Some(" + d.id() + ")";
        a.value(c, Code.SDF012, "Each <domain>'s name element must be unique found existing"
            + " domain '" + name + "' with id '" + existing + "'", "name");
        return;
      }
    }
    if (id != null) {
      for (Declared d : declared) {
        if (id.equals(d.id())) {
          a.value(c, Code.SDF023, "Each <domain>'s id element must be unique found existing"
              + " domain '" + d.name() + "' with id '" + id + "'", "id");
          return;
        }
      }
    }
    declared.add(new Declared(name, id, c));
  }

  /**
   * Domains without an id take the lowest free one. sdf.rs walks a HashMap (so which name gets
   * which id varies between runs) and tries 0..=KernelNumDomains, one more than exists; cpkit
   * assigns in document order over the same range so that the failure point is the same.
   */
  private Map<String, Integer> assignIds(XmlElement e, List<Declared> declared) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    java.util.Set<Long> used = new java.util.HashSet<>();
    for (Declared d : declared) if (d.id() != null) used.add(d.id());
    for (Declared d : declared) {
      if (d.id() != null) {
        ids.put(d.name(), d.id().intValue());
        continue;
      }
      Long free = null;
      for (long i = 0; i <= board.numDomains(); i++) {
        if (used.add(i)) {
          free = i;
          break;
        }
      }
      if (free == null) {
        a.value(e, Code.SDF023, "Number of domains exceeds " + board.numDomains(), null);
        return null;
      }
      ids.put(d.name(), free.intValue());
    }
    return ids;
  }

  private Domains readSchedule(XmlElement domainsEl, XmlElement e, Map<String, Integer> ids,
      List<Declared> declared) {
    a.allowed(e, List.of("index_shift", "start_index"));
    Long start = e.has("start_index") ? a.number(e, "start_index", e) : (Long) 0L;
    Long shift = e.has("index_shift") ? a.number(e, "index_shift", e) : null;
    boolean shiftBad = e.has("index_shift") && shift == null;
    List<Domains.ScheduleEntry> entries = new ArrayList<>();
    for (XmlElement c : e.elements()) {
      switch (c.tag()) {
        case "schedule_entry" -> {
          Domains.ScheduleEntry entry = readEntry(c, ids);
          // A bad entry still occupies a slot for the length checks below.
          entries.add(entry != null ? entry
              : new Domains.ScheduleEntry(null, 0, null, false, r.at(c)));
        }
        case "schedule_end_marker" -> {
          a.allowed(c, List.of());
          entries.add(new Domains.ScheduleEntry(null, 0, null, true, r.at(c)));
        }
        default -> r.error(Code.SDF004, "invalid XML element as child of <domain_schedule> '"
                + c.tag() + "'")
            .span(r.at(c))
            .reference("Error: {msg}: {loc}", r.at(c))
            .report();
      }
    }
    long len = entries.size();
    if (len >= board.numDomainSchedules()) {
      // Printed bare by sdf.rs: no "Error:", no location.
      r.error(Code.SDF023, "More than configured KernelNumDomainSchedules "
              + board.numDomainSchedules() + " number of <schedule_entry> elements found")
          .span(r.at(e))
          .reference("{msg}", null)
          .report();
    }
    if (start != null && !below(start, len)) {
      a.value(e, Code.SDF023, "schedule_start_index '" + MicrokitNumbers.dec(start)
          + "' is greater than the length of the schedule '" + len + "'", "start_index");
    }
    if (shift != null && !below(shift + len, board.numDomainSchedules())) {
      // sdf.rs prints the start index where it means the shift; kept for exactness.
      a.value(e, Code.SDF023, "schedule_index_shift '" + MicrokitNumbers.dec(start == null ? 0
              : start) + "' on top of the schedule length '" + len + "' would exceed than the"
              + " configured KernelNumDomainSchedules " + board.numDomainSchedules(),
          "index_shift", "the index shift is " + MicrokitNumbers.dec(shift));
    }
    List<Domains.Domain> domains = new ArrayList<>();
    for (Declared d : declared) domains.add(new Domains.Domain(d.name(), ids.get(d.name()),
        r.at(d.el())));
    return new Domains(domains, entries, start == null ? 0 : start,
        shift == null || shiftBad ? 0 : shift, r.at(domainsEl));
  }

  private Domains.ScheduleEntry readEntry(XmlElement c, Map<String, Integer> ids) {
    a.allowed(c, List.of("domain", "duration"));
    String domain = a.required(c, "domain");
    String duration = a.required(c, "duration");
    if (domain == null || duration == null) return null;
    if (!ids.containsKey(domain)) {
      String guess = Spelling.closest(domain, ids.keySet());
      a.value(c, Code.SDF013, "domain '" + domain + "' does not exist,", "domain",
          guess == null ? null : "did you mean '" + guess + "'?");
      return null;
    }
    int space = duration.indexOf(' ');
    if (space < 0) {
      a.value(c, Code.SDF023, "The duration '" + duration + "' must contain a value and a unit,"
          + " e.g. '1000 us'", "duration");
      return null;
    }
    String unit = duration.substring(space + 1);
    Long value = a.number(duration.substring(0, space), c, "duration", c);
    if (value == null) return null;
    if (value == 0) {
      a.value(c, Code.SDF023, "The duration '" + duration + "' must be non-zero", "duration");
      return null;
    }
    if (!unit.equals("us") && !unit.equals("ticks")) {
      a.value(c, Code.SDF023, "The duration '" + duration + "' must be in either 'ticks' or"
          + " 'us'", "duration");
      return null;
    }
    return new Domains.ScheduleEntry(domain, value, unit, false, r.at(c));
  }
}
