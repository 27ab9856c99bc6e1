// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

/** An allocated kernel object: its type, original cap (slot and address) and physical address. */
public record KernelObject(int type, long capSlot, long capAddr, long physAddr, String name) {}
