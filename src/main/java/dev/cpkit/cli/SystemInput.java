// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

import dev.cpkit.diag.HumanRenderer;
import dev.cpkit.sdf.Sdf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Shared by {@code graph} and {@code analyse}: read and validate one SDF (printing its errors
 * when it is invalid), and write an output file atomically.
 */
final class SystemInput {
  private SystemInput() {}

  /** The checked file; on errors they are printed and a CliException(1) is thrown. */
  static Sdf.Result load(Path file, Sdf.Options options, PrintWriter err) {
    byte[] bytes = SdfOptions.read(file, options.dialect());
    Sdf.Result result = Sdf.check(file.toString(), bytes, options);
    if (!result.ok()) {
      err.print(new HumanRenderer(true).render(result.diagnostics()));
      err.flush();
      throw new CliException(Main.INPUT_ERRORS, "'" + file + "' is not a valid " + options
          .dialect() + " system description; fix the errors above (see cpkit check)");
    }
    return result;
  }

  /** Writes {@code text} to {@code dest} through a temporary file, or to out when null. */
  static void emit(String text, Path dest, PrintWriter out) {
    if (dest == null) {
      out.print(text);
      out.flush();
      return;
    }
    try {
      Path dir = dest.toAbsolutePath().getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        throw new CliException(Main.IO_ERROR, "cannot write '" + dest + "': directory '" + dir
            + "' does not exist");
      }
      Path tmp = Files.createTempFile(dir, ".cpkit-out", ".tmp");
      Files.writeString(tmp, text);
      // Temporary files are created private; a report or page is meant to be shared.
      try {
        Files.setPosixFilePermissions(tmp, Files.exists(dest)
            ? Files.getPosixFilePermissions(dest)
            : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep what it gives
      }
      Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliException(Main.IO_ERROR, "cannot write '" + dest + "': "
          + SdfOptions.describe(e));
    }
  }
}
