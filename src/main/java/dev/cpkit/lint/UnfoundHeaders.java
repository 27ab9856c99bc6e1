// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What an {@code #include} that was not found may define, for conditions after it: a C
 * standard header only the standard's names, the libsel4cp / libmicrokit API header only its
 * own, seL4's and the kernel configuration's names ({@code CONFIG_*}); any other header
 * anything. A condition on a name an unfound header may define cannot be decided.
 */
final class UnfoundHeaders {
  private UnfoundHeaders() {}

  private static final Set<String> STANDARD = Set.of("assert.h", "ctype.h", "errno.h",
      "inttypes.h", "limits.h", "stdalign.h", "stdarg.h", "stdbool.h", "stddef.h", "stdint.h",
      "stdio.h", "stdlib.h", "stdnoreturn.h", "string.h");
  private static final Set<String> API = Set.of("sel4cp.h", "microkit.h");

  private static final Pattern STANDARD_NAMES = Pattern.compile(String.join("|",
      "_\\w*", "U?INT(8|16|32|64|PTR|MAX|_LEAST\\d+|_FAST\\d+)?_(MAX|MIN|C)",
      "(SIZE|PTRDIFF|WCHAR|WINT|SIG_ATOMIC)_(MAX|MIN)", "(S|U)?CHAR_(BIT|MIN|MAX)",
      "U?(SHRT|LONG|LLONG)_(MIN|MAX)", "MB_LEN_MAX", "(PRI|SCN)[diouxX]\\w*", "NULL", "true",
      "false", "bool", "offsetof", "assert", "static_assert", "EOF", "BUFSIZ", "RAND_MAX",
      "EXIT_(SUCCESS|FAILURE)", "va_\\w+", "alignas", "alignof", "noreturn", "FILE",
      "SEEK_(SET|CUR|END)", "stdin", "stdout", "stderr", "errno", "E[A-Z0-9]+"));
  private static final Pattern API_NAMES = Pattern.compile(String.join("|",
      "CONFIG_\\w*", "seL4_\\w*", "SEL4\\w*", "LIBSEL4\\w*", "sel4cp_\\w*", "SEL4CP\\w*",
      "microkit_\\w*", "MICROKIT\\w*", STANDARD_NAMES.pattern()));

  /** The names header {@code spelled} (as in the include, without quotes) may define. */
  static Predicate<String> mayDefine(String spelled) {
    String base = spelled.substring(spelled.lastIndexOf('/') + 1);
    if (STANDARD.contains(spelled)) {
      boolean errno = spelled.equals("errno.h");
      return n -> STANDARD_NAMES.matcher(n).matches()
          && (errno || !n.matches("E[A-Z0-9]+") || n.equals("EOF"));
    }
    if (API.contains(base)) {
      return n -> API_NAMES.matcher(n).matches() && (!n.matches("E[A-Z0-9]+") || n.equals("EOF"));
    }
    return n -> true;
  }
}
