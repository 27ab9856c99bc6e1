// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.DiagnosticSink;
import dev.cpkit.diag.Trace;
import dev.cpkit.sdf.xml.XmlElement;
import dev.cpkit.sdf.xml.XmlParser;
import dev.cpkit.system.Board;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import dev.cpkit.system.Mapping;
import dev.cpkit.system.MemoryRegion;
import dev.cpkit.system.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Reads a large sel4cp or sel4cp-dev file on two threads: one parses the XML and hands over
 * each child of the root as soon as it is complete, the other runs the element rules (phase
 * C) on it meanwhile. {@code cpkit check} is a short process that spends most of its time
 * before the JIT has warmed up, so overlapping the two halves is what makes it faster than
 * the Python tool on large systems.
 *
 * <p>The result is the same as the sequential reader's, diagnostics and their order
 * included: phase C writes into a buffer, which is discarded if the XML turns out to be
 * malformed (the reference reports only the parse error), and otherwise follows the stray-text
 * check (phase B) that must come before it. A test compares both paths on the corpus.
 */
final class SdfPipeline {
  /**
   * Files smaller than this (in characters) are read on one thread. The system property
   * {@code cpkit.pipelineThreshold} overrides it; the launcher sets it to 0 for the run that
   * records the class-data-sharing archive, so that the pipeline's classes are archived too.
   */
  static int threshold = Integer.getInteger("cpkit.pipelineThreshold", 256 * 1024);

  private static final int BATCH = 64;

  private SdfPipeline() {}

  /**
   * The parse result and, when it is well-formed, the system read from it, with cpkit's own
   * warnings about those top-level PDs that could be worked out early (see {@link #run}).
   */
  record Outcome(XmlParser.Result parsed, SystemDescription system,
      Map<ProtectionDomain, List<Diagnostic>> earlyLint) {}

  static Outcome run(String text, Reporter reporter, Dialect dialect, Board board,
      boolean lint) {
    DiagnosticSink phaseC = new DiagnosticSink();
    Sel4cpReader reader = new Sel4cpReader(reporter.withSink(phaseC), dialect, board);
    LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    Thread parser = new Thread(() -> parse(text, queue), "cpkit-xml");
    parser.setDaemon(true);
    parser.start();
    XmlParser.Result parsed = null;
    // The reader usually waits for the parser, so it also works out cpkit's own warnings
    // about each top-level PD whose regions are all known by then (they usually come first).
    // They are used only if the system turns out valid, as the sequential path would.
    Map<String, MemoryRegion> regions = new HashMap<>();
    Map<ProtectionDomain, List<Diagnostic>> early = new IdentityHashMap<>();
    while (parsed == null) {
      Object next = take(queue);
      if (next instanceof XmlParser.Result r) {
        parsed = r;
      } else if (next instanceof List<?> batch) {
        for (Object o : batch) {
          XmlElement e = (XmlElement) o;
          reader.element(e);
          if (!lint) continue;
          if (e.tag().equals("memory_region")) {
            MemoryRegion mr = last(reader.regions());
            regions.put(mr.name(), mr);
          } else if (e.tag().equals("protection_domain")) {
            ProtectionDomain pd = last(reader.protectionDomains());
            if (regionsKnown(pd, regions)) {
              early.put(pd, SystemLint.protectionDomainTree(pd, dialect, regions));
            }
          }
        }
      } else if (next instanceof RuntimeException e) {
        throw e;
      } else {
        throw (Error) next;
      }
    }
    Trace.mark("parse, elements alongside");
    if (parsed.error() != null) return new Outcome(parsed, null, Map.of());
    XmlElement root = parsed.root();
    if (!parsed.onlyWhitespaceText()) reader.checkNoText(root, reporter);
    reporter.sink.addAll(phaseC.diagnostics());
    SystemDescription system = reader.build(root);
    reader.systemRules(system, reporter);
    Trace.mark("system rules");
    return new Outcome(parsed, system, early);
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }

  /** Whether every region the PD tree names (maps, VM maps, setvars) has been read. */
  private static boolean regionsKnown(ProtectionDomain pd, Map<String, MemoryRegion> regions) {
    for (Mapping m : pd.maps()) if (!regions.containsKey(m.mr())) return false;
    for (ProtectionDomain.Setvar sv : pd.setvars()) {
      if (!regions.containsKey(sv.regionPaddr())) return false;
    }
    if (pd.virtualMachine() != null) {
      for (Mapping m : pd.virtualMachine().maps()) if (!regions.containsKey(m.mr())) return false;
    }
    for (ProtectionDomain c : pd.children()) if (!regionsKnown(c, regions)) return false;
    return true;
  }

  /** The parser thread: batches of top-level elements, then the result (or a failure). */
  private static void parse(String text, LinkedBlockingQueue<Object> queue) {
    try {
      List<List<XmlElement>> holder = new ArrayList<>();
      holder.add(new ArrayList<>(BATCH));
      XmlParser.Result result = XmlParser.parse(text, XmlParser.Names.ELEMENT_TREE, e -> {
        List<XmlElement> batch = holder.get(0);
        batch.add(e);
        if (batch.size() == BATCH) {
          queue.add(batch);
          holder.set(0, new ArrayList<>(BATCH));
        }
      });
      if (!holder.get(0).isEmpty()) queue.add(holder.get(0));
      Trace.mark("parser thread done");
      queue.add(result);
    } catch (RuntimeException | Error e) {
      queue.add(e);
    }
  }

  private static Object take(LinkedBlockingQueue<Object> queue) {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // nothing interrupts this thread on purpose; keep waiting for the parser
      }
    }
  }
}
