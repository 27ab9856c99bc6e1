// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.sdf;

import dev.cpkit.sdf.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable, partly validated state the Microkit reader builds while it walks the tree. sdf.rs
 * finishes some values only after every element is read (channel setvars, page-size promotion,
 * cap-map PD indices), so the immutable model records are made from these at the very end.
 *
 * <p>{@code broken} marks an element that had an error: it stays in the draft so that names it
 * declares still resolve (no cascade of "invalid name" errors), but checks that would use its
 * unreliable values skip it.
 */
final class MicrokitDraft {
  private MicrokitDraft() {}

  /** What a setvar patches (sdf.rs SysSetVarKind). */
  enum SetvarKind { SIZE, VADDR, PADDR, ID, IOPORT_ADDR, PREFILL_SIZE }

  record Setvar(String symbol, SetvarKind kind, String mr, XmlElement el) {}

  static final class Mr {
    XmlElement el;
    String name;
    long size;
    boolean sizeGiven;
    long pageSize;
    boolean pageSizeGiven;
    Long physAddr;
    String prefillPath;
    String prefillBootinfo;
    boolean prefilledFromFile;
    boolean broken;
  }

  static final class Map {
    XmlElement el;
    String mr;
    long vaddr;
    String perms = "rw";
    int permBits = 3;
    boolean cached = true;
    String setvarVaddr;
    String setvarSize;
    String setvarPrefillSize;
    /** mr or vaddr unknown: left out of the address-space checks. */
    boolean broken;
  }

  static final class Irq {
    XmlElement el;
    dev.cpkit.system.Irq.Kind kind = dev.cpkit.system.Irq.Kind.CONVENTIONAL;
    long irq;
    int id;
    String trigger = "level";
    long ioapic;
    long pin;
    long vector;
    String polarity;
    String pcidev;
    long handle;
    String setvarId;

    /** sdf.rs {@code irq_num}: the IRQ number, or the vector on x86. */
    long number() {
      return kind == dev.cpkit.system.Irq.Kind.CONVENTIONAL ? irq : vector;
    }
  }

  static final class IoPort {
    XmlElement el;
    int id;
    long addr;
    long size;
    String setvarId;
    String setvarAddr;
  }

  static final class Cap {
    XmlElement el;
    String type;
    String pd;
    long slot;
  }

  static final class Vcpu {
    XmlElement el;
    long id;
    Integer cpu;
  }

  static final class Vm {
    XmlElement el;
    String name;
    long priority;
    long budget = 1000;
    long period = 1000;
    final List<Vcpu> vcpus = new ArrayList<>();
    final List<Map> maps = new ArrayList<>();
    boolean broken;
  }

  static final class Pd {
    XmlElement el;
    String name;
    Long id;
    String setvarId;
    long priority;
    long budget = 1000;
    long period = 1000;
    boolean passive;
    long stackSize = 0x2000;
    boolean smc;
    int cpu;
    String domain;
    boolean fpu = true;
    String programImage;
    String programImageForSymbols;
    XmlElement programImageEl;
    final List<Map> maps = new ArrayList<>();
    final List<Irq> irqs = new ArrayList<>();
    final List<IoPort> ioPorts = new ArrayList<>();
    final List<Setvar> setvars = new ArrayList<>();
    final List<Cap> caps = new ArrayList<>();
    final List<Pd> children = new ArrayList<>();
    Vm vm;
    /** An attribute of the PD itself was bad: its scheduling or stack values are defaults. */
    boolean broken;
  }

  static final class End {
    XmlElement el;
    Pd pd;
    String pdName;
    int id;
    boolean notify = true;
    boolean pp;
    String setvarId;
  }

  static final class Channel {
    XmlElement el;
    End a;
    End b;
  }

  static final class IoSpace {
    XmlElement el;
    String name;
    MicrokitNumbers.Pci device;
    Long domainId;
    final List<Map> maps = new ArrayList<>();
  }
}
