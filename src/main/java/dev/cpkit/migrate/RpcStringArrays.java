// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

/**
 * Arrays of strings over RPC (camkes-tool's {@code size_t x_sz, char **x} in,
 * {@code size_t *x_sz, char ***x} out/inout, {@code const size_t *x_sz, char ***x} refin).
 *
 * <p>Layout in the connection's buffer, at an 8-aligned offset: a table of one 64-bit word
 * per element, the buffer offset of that element's NUL-terminated text or all ones for a NULL
 * element, followed by the texts (each 8-aligned, as single strings are). Two registers carry
 * the table's offset and the element count, as for any other array. The receiver rewrites the
 * table in place into pointers (a word each, 64-bit targets only) and hands it to the code.
 *
 * <p>What does not fit is cut off, as for strings and arrays: the table is cut to the words
 * that fit, a text that does not fit whole is cut short (still NUL-terminated), and the array
 * ends before the first non-NULL element with no byte of room left.
 */
final class RpcStringArrays {
  private RpcStringArrays() {}

  /** The two C helpers, emitted once per glue file whose procedures use arrays of strings. */
  static void helpers(CWriter w) {
    w.line("/*");
    w.line(" * Arrays of strings in an RPC buffer: at `off`, a table of *n 64-bit offsets of the");
    w.line(" * NUL-terminated texts (all ones for NULL), then the texts. Stores what fits, cuts");
    w.line(" * *n to it and returns the next free offset.");
    w.line(" */");
    w.open("static __attribute__((unused)) uint64_t camkes_strsput(char *buf, uint64_t off,"
        + " char *const *src, uint64_t *n) {");
    w.line("uint64_t room = off < CAMKES_RPC_BUF_SIZE ? (CAMKES_RPC_BUF_SIZE - off) / 8 : 0;");
    w.line("if (src == NULL) *n = 0;");
    w.line("if (*n > room) *n = room;");
    w.line("uint64_t at = off + *n * 8;");
    w.open("for (uint64_t i = 0; i < *n; i++) {");
    w.line("uint64_t o = UINT64_MAX;");
    w.open("if (src[i] != NULL) {");
    w.open("if (at >= CAMKES_RPC_BUF_SIZE) {");
    w.line("*n = i;");
    w.line("break;");
    w.close("}");
    w.line("o = at;");
    w.line("at += camkes_strput(buf + at, src[i], CAMKES_RPC_BUF_SIZE - at);");
    w.close("}");
    w.line("__builtin_memcpy(buf + off + i * 8, &o, 8);");
    w.close("}");
    w.line("return at;");
    w.close("}");
    w.blank();
    w.line("/* Turns such a table into pointers in place (cutting *n to the buffer). */");
    w.open("static __attribute__((unused)) char **camkes_strsget(char *buf, uint64_t off,"
        + " uint64_t *n) {");
    w.line("_Static_assert(sizeof(char *) == 8, \"RPC string tables hold 64-bit words\");");
    w.line("uint64_t room = off < CAMKES_RPC_BUF_SIZE ? (CAMKES_RPC_BUF_SIZE - off) / 8 : 0;");
    w.line("if (*n > room) *n = room;");
    w.open("for (uint64_t i = 0; i < *n; i++) {");
    w.line("uint64_t o;");
    w.line("__builtin_memcpy(&o, buf + off + i * 8, 8);");
    w.line("char *p = o < CAMKES_RPC_BUF_SIZE ? buf + o : NULL;");
    w.line("__builtin_memcpy(buf + off + i * 8, &p, 8);");
    w.close("}");
    w.line("return (char **)(void *)(buf + off);");
    w.close("}");
    w.blank();
  }

  /**
   * Sender: stores {@code count} strings from {@code ptr} at {@code off} (a C lvalue, advanced
   * past them) and sets registers {@code mr} (table offset) and {@code mr + 1} (count).
   */
  static void put(CWriter w, String api, String count, String ptr, String off, int mr) {
    w.open("{");
    w.line("uint64_t camkes_n = " + count + ";");
    w.line(api + "_mr_set(" + mr + ", " + off + ");");
    w.line(off + " = camkes_strsput(camkes_buf, " + off + ", " + ptr + ", &camkes_n);");
    w.line(api + "_mr_set(" + (mr + 1) + ", camkes_n);");
    w.close("}");
  }

  /**
   * Receiver: the table named by registers {@code mr} and {@code mr + 1} as {@code char **}
   * into {@code dst} and its count into {@code count} (C lvalues, already declared).
   */
  static void get(CWriter w, String api, String dst, String count, int mr) {
    w.open("{");
    w.line("uint64_t camkes_n = " + api + "_mr_get(" + (mr + 1) + ");");
    w.line(dst + " = camkes_strsget(camkes_buf, " + api + "_mr_get(" + mr + "), &camkes_n);");
    w.line(count + " = (size_t)camkes_n;");
    w.close("}");
  }
}
