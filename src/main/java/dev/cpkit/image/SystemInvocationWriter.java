// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import static dev.cpkit.image.InvocationKind.CNODE_MINT;
import static dev.cpkit.image.SystemBuilder.CAP_ADDRESS_BITS;
import static dev.cpkit.image.SystemBuilder.CAP_MASK;
import static dev.cpkit.image.SystemBuilder.RIGHTS_ALL;

import java.util.List;
import java.util.Map;

/**
 * Appends to the system invocation list and hands out the monitor's system CNode slots, in
 * order, after those the objects' retypes used; also writes mints into the PDs' CNodes. The
 * caps it makes are named in {@link #names} for the report.
 */
final class SystemInvocationWriter {
  final Map<Long, String> names;
  private final List<Invocation> invocations;
  private final long root;
  private final long systemCnode;
  private final int cnodeBits;
  private final int pdCnodeBits;
  private long slot;

  SystemInvocationWriter(List<Invocation> invocations, Map<Long, String> names, long root,
      long systemCnode, int cnodeBits, int pdCnodeBits, long firstSlot) {
    this.invocations = invocations;
    this.names = names;
    this.root = root;
    this.systemCnode = systemCnode;
    this.cnodeBits = cnodeBits;
    this.pdCnodeBits = pdCnodeBits;
    this.slot = firstSlot;
  }

  void add(Invocation i) {
    invocations.add(i);
  }

  /** The list itself, for writers that append to it directly ({@link PagingPlan}). */
  List<Invocation> invocations() {
    return invocations;
  }

  /** The monitor's root CNode, through which every cap is addressed. */
  long root() {
    return root;
  }

  /** The cap address of the next free system CNode slot. */
  long nextCap() {
    return CAP_MASK | slot;
  }

  /** The number of system CNode slots used so far. */
  long slotsUsed() {
    return slot;
  }

  /** Claims the next {@code n} slots; returns the cap address of the first. */
  long claim(long n) {
    long first = CAP_MASK | slot;
    slot += n;
    return first;
  }

  /** A mint of {@code src} into the next free system CNode slot (not yet claimed). */
  Invocation mintToNextSlot(long src, long rights, long badge) {
    return Invocation.of(CNODE_MINT, systemCnode, slot, cnodeBits, root, src, CAP_ADDRESS_BITS,
        rights, badge);
  }

  /** A mint of {@code src} into a PD's CNode. */
  Invocation mintToPd(KernelObject cnode, long pdSlot, long src, long badge) {
    return Invocation.of(CNODE_MINT, cnode.capAddr(), pdSlot, pdCnodeBits, root, src,
        CAP_ADDRESS_BITS, RIGHTS_ALL, badge);
  }

  /** The size of the encoded list. */
  long dataSize() {
    long size = 0;
    for (Invocation i : invocations) size += InvocationEncoder.sizeOf(i);
    return size;
  }
}
