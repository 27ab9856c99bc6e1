// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;

/** Migrates the connections of one family of connectors (one class per family). */
interface ConnectionRule {
  void apply(Context ctx, CamkesModel.Connection c);

  /** "connection seL4SharedData name" as the report names a connection. */
  static String construct(CamkesModel.Connection c) {
    return "connection " + c.connector() + " " + c.name();
  }
}
