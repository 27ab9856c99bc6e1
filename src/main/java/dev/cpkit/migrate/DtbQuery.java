// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.Value;
import dev.cpkit.dtb.Interrupt;
import dev.cpkit.dtb.Reg;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an answered {@code dtb(...)} setting the way camkes-tool's templates do
 * ({@code dtb-query-common.template.c}): {@code reg} as (paddr, size) pairs sized by
 * {@code this_address_cells}/{@code this_size_cells}, {@code interrupts} as GIC triples (SPI
 * numbers + 32, flags below 4 edge-triggered). The front end already translated {@code reg}
 * through the buses' {@code ranges}, so the migrator needs only the model, not the blob.
 */
final class DtbQuery {
  private DtbQuery() {}

  /** One device node of an answered query. */
  record Device(String path, List<Reg> regs, List<Interrupt> interrupts) {}

  /** Whether a setting is a query the front end could not answer (no device tree given). */
  static boolean unanswered(Value v) {
    return v instanceof Value.Query;
  }

  /**
   * The devices of an answered query ({@code {"query": [node, ...], "dtb_size": [n]}}), or
   * null when the value is not one (then the caller reports it).
   */
  static List<Device> devices(Value v) {
    if (!(v instanceof Value.Dict d)) return null;
    Value q = get(d, "query");
    if (!(q instanceof Value.ListValue l)) return null;
    List<Device> out = new ArrayList<>();
    for (Value n : l.items()) {
      if (!(n instanceof Value.Dict node)) return null;
      out.add(device(node));
    }
    return out;
  }

  private static Device device(Value.Dict node) {
    Value p = get(node, "this_node_path");
    String path = p instanceof Value.Str s ? s.value() : "?";
    return new Device(path, regs(node), interrupts(node));
  }

  private static List<Reg> regs(Value.Dict node) {
    List<Reg> out = new ArrayList<>();
    long[] cells = cells(get(node, "reg"));
    long[] ac = cells(get(node, "this_address_cells"));
    long[] sc = cells(get(node, "this_size_cells"));
    int a = ac.length > 0 ? (int) ac[0] : 2;
    int s = sc.length > 0 ? (int) sc[0] : 1;
    // #size-cells 0 (a bus address, not memory): camkes-tool refuses to map it, so do we
    if (s == 0 || a + s == 0) return out;
    for (int i = 0; i + a + s <= cells.length; i += a + s) {
      out.add(new Reg(join(cells, i, a), join(cells, i + a, s)));
    }
    return out;
  }

  private static List<Interrupt> interrupts(Value.Dict node) {
    List<Interrupt> out = new ArrayList<>();
    long[] cells = cells(get(node, "interrupts"));
    int stride = 3;
    int skip = 0;
    if (cells.length == 0) {
      // interrupts-extended: the controller's phandle first, then the GIC triple
      cells = cells(get(node, "interrupts_extended"));
      stride = 4;
      skip = 1;
    }
    for (int i = 0; i + stride <= cells.length; i += stride) {
      long type = cells[i + skip];
      long number = cells[i + skip + 1];
      long flags = cells[i + skip + 2];
      out.add(new Interrupt(type == 0 ? number + 32 : number, flags < 4));
    }
    return out;
  }

  private static long join(long[] cells, int from, int count) {
    long v = 0;
    for (int i = 0; i < count; i++) v = (v << 32) | (cells[from + i] & 0xffffffffL);
    return v;
  }

  private static long[] cells(Value v) {
    if (!(v instanceof Value.ListValue l)) return new long[0];
    long[] out = new long[l.items().size()];
    for (int i = 0; i < out.length; i++) {
      Long n = Context.asLong(l.items().get(i));
      if (n == null) return new long[0];
      out[i] = n;
    }
    return out;
  }

  private static Value get(Value.Dict d, String key) {
    for (Value.Entry e : d.entries()) {
      if (e.key() instanceof Value.Str k && k.value().equals(key)) return e.value();
    }
    return null;
  }
}
