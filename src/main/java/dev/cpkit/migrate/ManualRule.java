// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;

/** Connectors with no seL4CP equivalent: reported with what to do, nothing generated. */
final class ManualRule implements ConnectionRule {
  private final String todo;

  ManualRule(String todo) {
    this.todo = todo;
  }

  @Override
  public void apply(Context ctx, CamkesModel.Connection c) {
    ctx.report.add(ConnectionRule.construct(c), Kind.MANUAL, "nothing generated", todo, c.span());
    ctx.warning(Code.MIG104, "connection '" + c.name() + "' (" + c.connector()
        + ") has no seL4CP equivalent and needs manual work", c.span(), todo);
  }
}
