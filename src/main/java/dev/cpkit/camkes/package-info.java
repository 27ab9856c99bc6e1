// SPDX-License-Identifier: BSD-2-Clause
/**
 * The CAmkES front end: C preprocessor, lexer, parser, imports and resolution of CAmkES
 * applications into a {@link dev.cpkit.camkes.CamkesModel}.
 *
 * <p>Public API: {@link dev.cpkit.camkes.CamkesFrontEnd#load} (and {@code loadText}) returning
 * a {@code Result(model, diagnostics)}, the model records in {@link dev.cpkit.camkes.CamkesModel}
 * and {@link dev.cpkit.camkes.Value}, and {@link dev.cpkit.camkes.ModelPrinter} for
 * {@code cpkit camkes dump}. Everything else (preprocessors, lexer, parser, AST, resolver
 * passes) is package-private. Diagnostic codes (CAM###) are listed in docs/camkes.md.
 */
package dev.cpkit.camkes;
