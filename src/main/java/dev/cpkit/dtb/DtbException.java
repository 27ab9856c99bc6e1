// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.dtb;

/**
 * A device tree that cannot be read or queried. The message is complete and meant for users
 * (it names the byte offset in the blob where that helps); callers never need a stack trace.
 */
public final class DtbException extends Exception {
  private static final long serialVersionUID = 1L;
  private final long offset;

  public DtbException(String message) {
    this(message, -1);
  }

  /** @param offset byte offset in the blob the problem was found at, or -1 */
  public DtbException(String message, long offset) {
    super(offset < 0 ? message : "at offset 0x" + Long.toHexString(offset) + ": " + message);
    this.offset = offset;
  }

  /** Byte offset in the blob, or -1 when the problem is not tied to one. */
  public long offset() {
    return offset;
  }
}
