// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

/**
 * Stable diagnostic codes of {@code cpkit migrate}, documented in docs/migrate.md. Errors stop
 * the migration (nothing is written); warnings are also listed in MIGRATION.md.
 */
public enum Code {
  /** The CAmkES input did not resolve (the front end's errors are shown too). */
  MIG001,
  /** A connector that has no migration rule. */
  MIG002,
  /** Virtual machines need a dialect with {@code virtual_machine}. */
  MIG003,
  /** A PD needs more channel and irq ids than the dialect allows. */
  MIG004,
  /** Explicit priorities break the protected-call rule (server above every client). */
  MIG005,
  /** A cycle of RPC calls: no priorities can satisfy the protected-call rule. */
  MIG006,
  /** A region larger than the address space, or a size that is not a number. */
  MIG007,
  /** MCS budget larger than period. */
  MIG008,
  /** A setting has a value of the wrong kind (a size that is a string, ...). */
  MIG009,
  /** The generated system description fails {@code cpkit check} (a cpkit bug). */
  MIG010,
  /** Output would overwrite a file cpkit migrate did not write (use --force). */
  MIG011,
  /** A hardware component lacks the address or interrupt number a connection needs. */
  MIG012,
  /** A domain, or the domain schedule, beyond what the board's kernel is configured for. */
  MIG013,
  /** Priority 255 lowered to 254. */
  MIG100,
  /** Per-interface priorities differ and collapse to one PD priority. */
  MIG101,
  /** A PD name shortened to fit the dialect. */
  MIG102,
  /** A component's sources were not found. */
  MIG103,
  /** Something the user must finish by hand (see MIGRATION.md). */
  MIG104,
  /** A passive setting that cannot be honoured. */
  MIG105,
  /** A hardware device's physical address lies in the board's RAM. */
  MIG106,
  /** Domains not generated (multicore board), or a schedule read only in part. */
  MIG107;
}
