// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.dtb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compiles device tree source with the system {@code dtc} ({@code dtc -I dts -O dtb}). */
public final class Dtc {
  private Dtc() {}

  /** Generous: dtc compiles a full SoC tree in milliseconds; a hang must not hang cpkit. */
  private static final long TIMEOUT_SECONDS = 60;

  /** Compiles {@code dts} with the {@code dtc} on the PATH. */
  public static Fdt compile(Path dts) throws DtbException {
    return compile("dtc", dts);
  }

  /**
   * Compiles {@code dts} with {@code executable}.
   *
   * @throws DtbException when dtc is not installed, fails (its messages are included) or
   *     produces something that is not a device tree
   */
  public static Fdt compile(String executable, Path dts) throws DtbException {
    Process p;
    try {
      p = new ProcessBuilder(List.of(executable, "-q", "-I", "dts", "-O", "dtb", "-o", "-", dts.toString()))
          .redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new DtbException("cannot run '" + executable + "' to compile " + dts
          + " (install device-tree-compiler, or pass a compiled blob with --dtb)");
    }
    try {
      p.getOutputStream().close();
      byte[][] streams = new byte[2][];
      Thread errReader = new Thread(() -> streams[1] = drain(p.getErrorStream()));
      errReader.start();
      streams[0] = drain(p.getInputStream());
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new DtbException(executable + " did not finish compiling " + dts + " within " + TIMEOUT_SECONDS + " s");
      }
      errReader.join();
      String err = new String(streams[1] == null ? new byte[0] : streams[1], StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        throw new DtbException(executable + " failed on " + dts + " (exit " + p.exitValue() + ")"
            + (err.isEmpty() ? "" : ":\n" + err));
      }
      return Fdt.parse(streams[0]);
    } catch (IOException e) {
      throw new DtbException("reading the output of " + executable + ": " + e.getMessage());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new DtbException(executable + " was interrupted");
    }
  }

  private static byte[] drain(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      // The exit status reports the failure; a partial stream is then irrelevant.
    }
    return out.toByteArray();
  }
}
