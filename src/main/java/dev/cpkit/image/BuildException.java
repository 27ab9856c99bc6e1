// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.image;

import dev.cpkit.diag.SourceSpan;

/**
 * A build that cannot go on because of its inputs (system, SDK or program images). It carries
 * cpkit's own message and code ({@code IMG###}, listed in docs/image-build.md) and, separately,
 * the exact text the reference sel4cp tool prints in the same situation, so that
 * {@code --message-format sel4cp} can reproduce it.
 */
public final class BuildException extends RuntimeException {
  private final String code;
  private final String reference;
  private final boolean referenceToStderr;
  private final String hint;
  private final boolean usage;
  private final boolean crash;
  private final String referenceDump;
  private final String partialReport;
  private SourceSpan span;

  private BuildException(String code, String message, String reference, boolean toStderr,
      String hint, boolean usage, boolean crash, String dump, String partialReport) {
    super(message);
    this.usage = usage;
    this.crash = crash;
    this.referenceDump = dump;
    this.partialReport = partialReport;
    this.code = code;
    this.reference = reference;
    this.referenceToStderr = toStderr;
    this.hint = hint;
  }

  /** An error the reference reports as a user error: its text on stdout. */
  public static BuildException user(String code, String message, String reference) {
    return new BuildException(code, message, reference, false, null, false, false, null, null);
  }

  /** A bad command-line value (argparse's usage error in the reference: exit 2, stderr). */
  public static BuildException usage(String code, String message, String reference) {
    return new BuildException(code, message, reference, true, null, true, false, null, null);
  }

  /**
   * An error on which the reference crashes (an assert, a KeyError, a generic Exception): it
   * prints a traceback on stderr whose last line is {@code reference}.
   */
  public static BuildException crash(String code, String message, String reference) {
    return new BuildException(code, message, reference, true, null, false, true, null, null);
  }

  public BuildException withHint(String h) {
    return new BuildException(code, getMessage(), reference, referenceToStderr, h, usage, crash,
        referenceDump, partialReport).at(span);
  }

  /** The same error, preceded in the reference's output by {@code dump} on stderr. */
  public BuildException withReferenceDump(String dump) {
    return new BuildException(code, getMessage(), reference, referenceToStderr, hint, usage,
        crash, dump, partialReport).at(span);
  }

  /**
   * The same error, raised after the report was complete: the reference writes the report
   * before it builds the loader image, so it leaves the report behind when the image fails.
   */
  public BuildException withPartialReport(String report) {
    return new BuildException(code, getMessage(), reference, referenceToStderr, hint, usage,
        crash, referenceDump, report).at(span);
  }

  /**
   * Whether the reference dies with a Python traceback here; {@link #reference()} is then the
   * traceback's last line, and cpkit's {@code sel4cp} format prints a located error instead.
   */
  public boolean isCrash() {
    return crash;
  }

  /** What the reference prints on stderr before its error line, or null. */
  public String referenceDump() {
    return referenceDump;
  }

  /**
   * The same error, located at an element of the system description (the region, map or
   * setvar it is about); a null span leaves it unlocated. Returns this exception.
   */
  public BuildException at(SourceSpan where) {
    if (span == null) span = where;
    return this;
  }

  /** The element the error is about, or null. */
  public SourceSpan span() {
    return span;
  }

  /** The report the reference would already have written when it failed, or null. */
  public String partialReport() {
    return partialReport;
  }

  /** Whether this is a usage error (exit status 2) rather than an input error (1). */
  public boolean isUsage() {
    return usage;
  }

  public String code() {
    return code;
  }

  /** What the reference tool prints, or null when its output is not reproduced. */
  public String reference() {
    return reference;
  }

  public boolean referenceToStderr() {
    return referenceToStderr;
  }

  /** A suggestion for the human format, or null. */
  public String hint() {
    return hint;
  }
}
