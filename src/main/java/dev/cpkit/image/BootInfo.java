// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import java.util.List;

/** The emulated kernel boot info: initial-task cap counts and untypeds in boot order. */
public record BootInfo(
    int fixedCapCount,
    long schedControlCap,
    long pagingCapCount,
    long pageCapCount,
    List<UntypedObject> untypeds,
    long firstAvailableCap) {}
