// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.cli;

/** A user-facing failure with its exit code (I/O errors, bad option values). */
public final class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
