// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

/**
 * Tokens that are not an integer constant expression this module can evaluate: a variable, a
 * macro it does not expand ({@code #}, variadic, a bad {@code ##}), an ambiguous or undecidable
 * name, a syntax error, or input past the size and nesting bounds. The only failure the
 * evaluation raises; the public entry points turn it into "not judged".
 */
final class NotConstant extends RuntimeException {
  NotConstant() {
    super(null, null, false, false);
  }
}
