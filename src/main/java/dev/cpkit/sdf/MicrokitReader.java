// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.diag.Spelling;
import dev.cpkit.sdf.MicrokitDraft.Channel;
import dev.cpkit.sdf.MicrokitDraft.End;
import dev.cpkit.sdf.MicrokitDraft.IoSpace;
import dev.cpkit.sdf.MicrokitDraft.Mr;
import dev.cpkit.sdf.MicrokitDraft.Pd;
import dev.cpkit.sdf.MicrokitDraft.SetvarKind;
import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.sdf.xml.XmlNode;
import dev.cpkit.sdf.xml.XmlText;
import dev.cpkit.system.Board;
import dev.cpkit.system.Domains;
import dev.cpkit.system.SystemDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates the Microkit dialect (seL4/microkit@cfd5216, tool/microkit/src/sdf.rs).
 *
 * <p>The phases follow sdf.rs {@code parse}: the text check on {@code <system>}, the top-level
 * elements in document order except channels, the child-PD id checks while flattening the PD
 * tree, the channels, the cap-map PD names, then {@link MicrokitSystemChecks}. The tool stops at
 * its first error; cpkit reports it first and carries on, leaving out errors that would only
 * follow from an earlier one.
 */
final class MicrokitReader {
  private static final List<String> TOP_LEVEL = List.of("memory_region", "protection_domain",
      "channel", "io_address_space", "domains");

  private final Reporter r;
  private final Board board;
  private final MicrokitAttrs a;
  private final MicrokitPdReader pdReader;
  private final MicrokitRegionReader regionReader;

  private final List<Pd> rootPds = new ArrayList<>();
  /** Every PD draft, named or not (the flattened list holds only named ones, as sdf.rs's). */
  private final List<Pd> everyPd = new ArrayList<>();
  private final List<Mr> mrs = new ArrayList<>();
  private final List<IoSpace> spaces = new ArrayList<>();
  private final List<XmlElement> channelElements = new ArrayList<>();
  private final List<Channel> channels = new ArrayList<>();
  private Map<String, Integer> domainIds = Map.of();
  private Domains domains;
  private int pdElements;
  private boolean unnamedPd;

  MicrokitReader(Reporter r, Board board, List<Path> searchPaths) {
    this.r = r;
    this.board = board;
    this.a = new MicrokitAttrs(r);
    this.pdReader = new MicrokitPdReader(a, board);
    this.regionReader = new MicrokitRegionReader(a, board, searchPaths);
  }

  SystemDescription read(XmlElement root) {
    if (!root.tag().equals("system")) {
      // sdf.rs unwraps the search for <system>: the tool panics.
      r.error(Code.SDF004, "the root element must be <system>, not <" + root.tag() + ">"
              + " (the Microkit tool crashes on this file)")
          .onElement(root)
          .report();
      return null;
    }
    checkText(root);
    for (XmlElement c : root.elements()) topLevel(c);
    List<Pd> pds = flatten();
    for (XmlElement c : channelElements) readChannel(c, pds);
    resolveCaps(pds);
    boolean unnamedMr = mrs.stream().anyMatch(m -> m.name == null);
    var input = new MicrokitSystemChecks.Input(root, pds, everyPd, pdElements, unnamedPd, mrs,
        unnamedMr, channels, spaces);
    new MicrokitSystemChecks(a, board, input).run();
    if (r.sink.hasErrors()) return null;
    return new MicrokitModel(r, board).build(root, rootPds, mrs, channels, spaces, domains);
  }

  /**
   * sdf.rs check_no_text on {@code <system>} with roxmltree's node model: non-blank text as its
   * first child is "in element 'system'" at the system element; any other non-blank text
   * directly inside it is "in element ''" at the text. Deeper text is not looked at.
   */
  private void checkText(XmlElement system) {
    List<XmlNode> kids = system.children();
    for (int i = 0; i < kids.size(); i++) {
      if (!(kids.get(i) instanceof XmlText t) || isRustBlank(t.text())) continue;
      boolean first = i == 0;
      var at = first ? r.at(system) : r.file.point(t.start());
      r.error(Code.SDF003, "unexpected text found in element '" + (first ? "system" : "") + "'")
          .span(r.file.span(t.start() + leadingBlanks(t.text()), t.end()))
          .reference("Error: {msg} @ {loc}", at)
          .hint("only elements and comments may appear inside <system>")
          .report();
    }
  }

  /** Rust's str::trim().is_empty(): only Unicode White_Space. */
  static boolean isRustBlank(String s) {
    return leadingBlanks(s) == s.length();
  }

  private static int leadingBlanks(String s) {
    int i = 0;
    while (i < s.length() && isWhiteSpace(s.charAt(i))) i++;
    return i;
  }

  private static boolean isWhiteSpace(char c) {
    return (c >= '\t' && c <= '\r') || c == ' ' || c == '\u0085' || c == '\u00a0'
        || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029'
        || c == '\u202f' || c == '\u205f' || c == '\u3000';
  }

  private void topLevel(XmlElement c) {
    switch (c.tag()) {
      case "protection_domain" -> {
        pdElements++;
        rootPds.add(pdReader.read(c, false, domainIds));
      }
      // sdf.rs reads channels after everything else: they name PDs by index.
      case "channel" -> channelElements.add(c);
      case "memory_region" -> mrs.add(regionReader.readMemoryRegion(c));
      case "io_address_space" -> {
        IoSpace s = regionReader.readIoAddressSpace(c);
        if (s != null) spaces.add(s);
      }
      case "virtual_machine" -> r.error(Code.SDF030,
              "virtual machine must be a child of a protection domain")
          .span(r.at(c))
          .reference("Error: {msg}: {loc}", r.at(c))
          .report();
      case "domains" -> readDomains(c);
      default -> {
        String guess = Spelling.closest(c.tag(), TOP_LEVEL);
        r.error(Code.SDF004, "invalid XML element '" + c.tag() + "'")
            .span(r.at(c))
            .reference("Error: {msg}: {loc}", r.at(c))
            .hint(guess == null ? null : "did you mean '" + guess + "'?")
            .report();
      }
    }
  }

  private void readDomains(XmlElement c) {
    if (domainIds != null && !domainIds.isEmpty()) {
      a.value(c, Code.SDF023, "domains must only be specified once", null);
      return;
    }
    MicrokitDomainsReader.Result res = new MicrokitDomainsReader(a, board).read(c);
    // null: the element failed as a whole; PDs' domain attributes then go unchecked rather
    // than all failing against an empty table.
    domainIds = res.model() == null ? null : res.ids();
    domains = res.model();
  }

  /**
   * sdf.rs pd_flatten: parents before children; while at it, child ids must differ from each
   * other and from the ids of the parent's vcpus.
   */
  private List<Pd> flatten() {
    List<Pd> out = new ArrayList<>();
    for (Pd pd : rootPds) flatten(pd, out);
    return out;
  }

  private void flatten(Pd pd, List<Pd> out) {
    checkChildIds(pd);
    everyPd.add(pd);
    if (pd.name != null) out.add(pd);
    else unnamedPd = true;
    for (Pd child : pd.children) flatten(child, out);
  }

  private void checkChildIds(Pd pd) {
    List<Pd> seen = new ArrayList<>();
    String owner = pd.name == null ? "" : pd.name;
    for (Pd child : pd.children) {
      if (child.id == null) continue;
      Pd earlier = seen.stream().filter(s -> s.id.equals(child.id)).findFirst().orElse(null);
      if (earlier != null) {
        r.error(Code.SDF014, "duplicate id: " + MicrokitNumbers.dec(child.id)
                + " in protection domain: '" + owner + "'")
            .span(r.focus(child.el, "id"))
            .reference("Error: {msg} @ {loc}", r.at(child.el))
            .note("first used here", r.at(earlier.el))
            .report();
        continue;
      }
      if (pd.vm != null) {
        for (MicrokitDraft.Vcpu v : pd.vm.vcpus) {
          if (v.id != child.id) continue;
          r.error(Code.SDF014, "duplicate id: " + MicrokitNumbers.dec(child.id)
                  + " clashes with virtual machine vcpu id in protection domain: '" + owner + "'")
              .span(r.focus(child.el, "id"))
              .reference("Error: {msg} @ {loc}", r.at(child.el))
              .note("the vcpu", r.at(v.el))
              .report();
          break;
        }
      }
      seen.add(child);
    }
  }

  /** sdf.rs Channel::from_xml, then the ends' setvar_id symbols (reported on the channel). */
  private void readChannel(XmlElement e, List<Pd> pds) {
    a.allowed(e, List.of());
    List<End> ends = new ArrayList<>();
    boolean ok = true;
    for (XmlElement c : e.elements()) {
      End end = readEnd(c, pds);
      if (end == null) ok = false;
      else ends.add(end);
    }
    if (e.elements().size() != 2) {
      a.value(e, Code.SDF016, "exactly two end elements must be specified", null);
      return;
    }
    if (!ok) return;
    Channel ch = new Channel();
    ch.el = e;
    ch.a = ends.get(0);
    ch.b = ends.get(1);
    if (ch.a.pp && ch.b.pp) {
      a.value(e, Code.SDF016, "cannot ppc bidirectionally", null,
          "pp=\"true\" marks the end that calls; only one end may call the other");
      return;
    }
    addEndSetvar(e, ch.a);
    addEndSetvar(e, ch.b);
    channels.add(ch);
  }

  private void addEndSetvar(XmlElement channel, End end) {
    if (end.setvarId == null) return;
    // Reported on the channel element as sdf.rs does; cpkit points at the end's attribute.
    for (MicrokitDraft.Setvar s : end.pd.setvars) {
      if (s.symbol().equals(end.setvarId)) {
        r.error(Code.SDF022, "setvar on symbol '" + end.setvarId + "' already exists")
            .span(r.focus(end.el, "setvar_id"))
            .onElement(channel)
            .note("first set here", r.at(s.el()))
            .report();
        return;
      }
    }
    end.pd.setvars.add(new MicrokitDraft.Setvar(end.setvarId, SetvarKind.ID, null, end.el));
  }

  private End readEnd(XmlElement c, List<Pd> pds) {
    if (!c.tag().equals("end")) {
      r.error(Code.SDF004, "invalid XML element '" + c.tag() + "'")
          .span(r.at(c))
          .reference("Error: {msg}: {loc}", r.at(c))
          .hint("a channel holds exactly two <end> elements")
          .report();
      return null;
    }
    a.allowed(c, List.of("pd", "id", "pp", "notify", "setvar_id"));
    End end = new End();
    end.el = c;
    end.pdName = a.required(c, "pd");
    String raw = a.required(c, "id");
    Long id = raw == null ? null : a.decimal(c, "id", raw, true);
    if (id != null && id > MicrokitPdReader.PD_MAX_ID) {
      a.value(c, Code.SDF009, "id must be < " + (MicrokitPdReader.PD_MAX_ID + 1), "id");
      id = null;
    } else if (id != null && id < 0) {
      a.value(c, Code.SDF009, "id must be >= 0", "id");
      id = null;
    }
    Boolean notify = a.bool(c, "notify", true);
    Boolean pp = a.bool(c, "pp", false);
    end.pd = end.pdName == null ? null : findPd(c, end.pdName, pds);
    end.setvarId = c.value("setvar_id");
    if (end.pd == null || id == null || notify == null || pp == null) return null;
    end.id = id.intValue();
    end.notify = notify;
    end.pp = pp;
    return end;
  }

  private Pd findPd(XmlElement c, String name, List<Pd> pds) {
    for (Pd pd : pds) if (pd.name.equals(name)) return pd;
    if (!unnamedPd) {
      String guess = Spelling.closest(name, pds.stream().map(p -> p.name).toList());
      a.value(c, Code.SDF013, "invalid PD name '" + name + "'", "pd",
          guess == null ? null : "did you mean '" + guess + "'?");
    }
    return null;
  }

  /** sdf.rs fills in cap-map PD indices after the channels. */
  private void resolveCaps(List<Pd> pds) {
    List<String> names = pds.stream().map(p -> p.name).toList();
    for (Pd pd : pds) {
      for (MicrokitDraft.Cap cap : pd.caps) {
        if (names.contains(cap.pd) || unnamedPd) continue;
        String guess = Spelling.closest(cap.pd, names);
        r.error(Code.SDF013, "unknown PD name '" + cap.pd + "'")
            .span(r.focus(cap.el, "pd"))
            .reference("Error: {msg}: {loc}", r.at(cap.el))
            .hint(guess == null ? null : "did you mean '" + guess + "'?")
            .report();
      }
    }
  }
}
