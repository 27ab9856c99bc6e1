// SPDX-License-Identifier: BSD-2-Clause
/**
 * A small reader for flattened device trees (DTB): {@link dev.cpkit.dtb.Fdt} parses a blob into
 * {@link dev.cpkit.dtb.Node}s and {@link dev.cpkit.dtb.Property}s, with {@code reg} decoding
 * ({@link dev.cpkit.dtb.Reg}, through {@code ranges}) and CAmkES' Arm interrupt numbering
 * ({@link dev.cpkit.dtb.Interrupt}); {@link dev.cpkit.dtb.Dtc} compiles .dts sources with dtc.
 * Used by the CAmkES front end for {@code dtb(...)} queries and by the migrator.
 */
package dev.cpkit.dtb;
