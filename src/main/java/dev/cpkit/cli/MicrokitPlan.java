// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.diag.ReferenceText;
import dev.cpkit.image.BuildException;
import dev.cpkit.image.ImageType;
import dev.cpkit.image.microkit.MicrokitBuild;
import dev.cpkit.image.microkit.MicrokitSdk;
import dev.cpkit.sdf.Sdf;
import dev.cpkit.system.Dialect;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code cpkit build --dialect microkit}: the part of a Microkit 2.x build cpkit does. It
 * checks the SDK and the system in Microkit's order, emulates the kernel boot, prints the plan
 * and stops with IMG129 (exit status 2) without writing a file: the image needs a capDL spec
 * in rust-sel4's serialised form, which cpkit cannot produce (docs/microkit-build.md).
 */
final class MicrokitPlan {
  private MicrokitPlan() {}

  static int run(BuildCommand.Request r, PrintWriter out, PrintWriter err) {
    Path root = MicrokitSdk.root(r.sdk, BuildCommand.env);
    ImageType type = r.imageType == null ? null : ImageType.parse(r.imageType);
    MicrokitBuild.Request req = new MicrokitBuild.Request(root, r.board, r.config,
        r.searchPaths, Path.of("").toAbsolutePath(), type, null);
    MicrokitBuild.checkFiles(req);
    // Microkit checks the system file after the SDK's files and before it reads them
    if (!Files.exists(r.system)) {
      throw BuildException.user("IMG008", "system description file '" + r.system
          + "' does not exist", "microkit: error: system description file '" + r.system
          + "' does not exist");
    }
    MicrokitBuild.SdkFacts facts = MicrokitBuild.readSdk(req);
    byte[] bytes = SdfOptions.read(r.system, Dialect.MICROKIT);
    Sdf.Options options = new Sdf.Options(Dialect.MICROKIT, facts.board(), r.searchPaths);
    if (r.format == MessageFormat.sel4cp) options = options.withoutLint();
    Sdf.Result parsed = Sdf.check(r.system.toString(), bytes, options);
    r.format.print(parsed.diagnostics(), ReferenceText.LocationStyle.RUST, out, err);
    if (!parsed.ok()) return Main.INPUT_ERRORS;
    MicrokitBuild.run(parsed.system(), req, out);
    // run always stops with IMG129; this is not reached
    return Main.USAGE;
  }
}
