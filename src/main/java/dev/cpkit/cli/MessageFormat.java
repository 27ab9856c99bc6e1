// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.diag.Diagnostic;
import dev.cpkit.diag.HumanRenderer;
import dev.cpkit.diag.JsonRenderer;
import dev.cpkit.diag.ReferenceRenderer;
import dev.cpkit.diag.ReferenceText;
import java.io.PrintWriter;
import java.util.List;

/** {@code --message-format}: how a command prints its diagnostics. */
public enum MessageFormat {
  human,
  sel4cp,
  json;

  /**
   * Prints diagnostics. {@code human} and {@code json} go to stderr; {@code sel4cp} imitates
   * the reference tool of the dialect, stream included.
   */
  public void print(List<Diagnostic> diagnostics, ReferenceText.LocationStyle style,
      PrintWriter out, PrintWriter err) {
    switch (this) {
      case human -> err.print(new HumanRenderer(true).render(diagnostics));
      case json -> err.print(new JsonRenderer().render(diagnostics));
      case sel4cp -> {
        ReferenceRenderer.Output o = new ReferenceRenderer(style).render(diagnostics);
        out.print(o.stdout());
        err.print(o.stderr());
      }
    }
    out.flush();
    err.flush();
  }
}
