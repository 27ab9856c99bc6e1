// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.dtb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A device tree node: its properties and child nodes, in blob order. */
public final class Node {
  private final String name;
  private final Node parent;
  private final List<Property> properties = new ArrayList<>();
  private final List<Node> children = new ArrayList<>();

  Node(String name, Node parent) {
    this.name = name;
    this.parent = parent;
  }

  /** The node name with its unit address ("serial@9000000"); "" for the root. */
  public String name() {
    return name;
  }

  /** The parent, or null for the root. */
  public Node parent() {
    return parent;
  }

  public List<Property> properties() {
    return Collections.unmodifiableList(properties);
  }

  public List<Node> children() {
    return Collections.unmodifiableList(children);
  }

  /** The property named {@code name}, or null. */
  public Property property(String propName) {
    for (Property p : properties) {
      if (p.name().equals(propName)) return p;
    }
    return null;
  }

  /** The child named {@code childName} (with its unit address, if it has one), or null. */
  public Node child(String childName) {
    for (Node c : children) {
      if (c.name.equals(childName)) return c;
    }
    return null;
  }

  /** The full path: "/" for the root, else "/soc/serial@9000000". */
  public String path() {
    if (parent == null) return "/";
    StringBuilder b = new StringBuilder();
    appendPath(b);
    return b.toString();
  }

  private void appendPath(StringBuilder b) {
    if (parent == null) return;
    parent.appendPath(b);
    b.append('/').append(name);
  }

  /**
   * This node's own {@code #address-cells}, which sizes its children's {@code reg} addresses.
   * Absent means 2, as the Devicetree specification and CAmkES say; it is not inherited.
   */
  public int addressCells() {
    return cellsProperty("#address-cells", 2);
  }

  /** This node's own {@code #size-cells}; absent means 1 (not inherited). */
  public int sizeCells() {
    return cellsProperty("#size-cells", 1);
  }

  private int cellsProperty(String propName, int absent) {
    Property p = property(propName);
    if (p == null || p.length() < 4) return absent;
    long v = p.cell(0);
    return v > 4 ? absent : (int) v;  // more than 4 cells (128 bits) is not a real bus
  }

  /**
   * The {@code reg} entries, sized by the parent's cell counts and translated to the root's
   * address space through every ancestor's {@code ranges}, as CAmkES does: an address inside
   * a range moves by that range's offset; one outside every range stays as it is.
   *
   * @throws DtbException when the cells do not fit (more than 64 bits, an entry that
   *     straddles a range, a partial entry)
   */
  public List<Reg> regs() throws DtbException {
    List<Reg> out = new ArrayList<>();
    Property reg = property("reg");
    if (reg == null || parent == null) return out;
    int ac = parent.addressCells();
    int sc = parent.sizeCells();
    if (ac + sc == 0) throw new DtbException(path() + ": 'reg' with #address-cells and #size-cells both 0");
    long[] cells = reg.cells();
    if (cells.length % (ac + sc) != 0 || reg.length() % 4 != 0) {
      throw new DtbException(path() + ": 'reg' has " + reg.length() + " bytes, not a multiple of "
          + (ac + sc) + " cells");
    }
    for (int i = 0; i < cells.length; i += ac + sc) {
      long addr = join(cells, i, ac, "address");
      long size = join(cells, i + ac, sc, "size");
      out.add(new Reg(translate(addr, size), size));
    }
    return out;
  }

  private long join(long[] cells, int from, int count, String what) throws DtbException {
    long v = 0;
    for (int i = 0; i < count; i++) {
      if (i < count - 2 && cells[from + i] != 0) {
        throw new DtbException(path() + ": 'reg' " + what + " does not fit in 64 bits");
      }
      v = (v << 32) | cells[from + i];
    }
    return v;
  }

  /** Walks up the buses applying each {@code ranges} that contains the address. */
  private long translate(long addr, long size) throws DtbException {
    for (Node bus = parent; bus != null; bus = bus.parent) {
      Property ranges = bus.property("ranges");
      if (ranges == null || ranges.length() == 0) continue;
      if (bus.parent == null) throw new DtbException("/: 'ranges' on the root node");
      int child = bus.addressCells();
      int parentCells = bus.parent.addressCells();
      int sizeCells = bus.sizeCells();
      int entry = child + parentCells + sizeCells;
      long[] cells = ranges.cells();
      if (entry == 0 || cells.length % entry != 0) {
        throw new DtbException(bus.path() + ": 'ranges' is not a multiple of " + entry + " cells");
      }
      for (int i = 0; i < cells.length; i += entry) {
        long from = bus.join(cells, i, child, "range");
        long to = bus.join(cells, i + child, parentCells, "range");
        long len = bus.join(cells, i + child + parentCells, sizeCells, "range");
        if (Long.compareUnsigned(addr, from) < 0 || Long.compareUnsigned(addr - from, len) >= 0) continue;
        if (Long.compareUnsigned(addr - from + size, len) > 0) {
          throw new DtbException(path() + ": region 0x" + Long.toHexString(addr) + "/0x"
              + Long.toHexString(size) + " does not fit into range 0x" + Long.toHexString(from)
              + "/0x" + Long.toHexString(len) + " of " + bus.path());
        }
        addr = to + (addr - from);
        break;
      }
    }
    return addr;
  }

  /** The interrupts in CAmkES' Arm numbering ({@link Interrupt#camkesArm}). */
  public List<Interrupt> interrupts() {
    return Interrupt.camkesArm(this);
  }

  void add(Property p) {
    properties.add(p);
  }

  void add(Node n) {
    children.add(n);
  }

  @Override
  public String toString() {
    return path();
  }
}
