// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

/**
 * One line of MIGRATION.md: a CAmkES construct, how it became seL4CP, and what is left to do.
 *
 * @param construct the CAmkES construct, in CAmkES words ({@code connection seL4SharedData c1})
 * @param result what was generated, in seL4CP words
 * @param todo what the user must do, or "" when nothing
 * @param location {@code file:line} of the construct, or "" when it has none
 */
public record ReportEntry(String construct, Kind kind, String result, String todo,
    String location) {}
