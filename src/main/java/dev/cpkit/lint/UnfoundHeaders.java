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

  private static final Pattern STANDARD_NAMES = Pattern.compile(
      "_.*|U?INT\\w*|SIZE_\\w*|PTRDIFF_\\w*|WCHAR_\\w*|WINT_\\w*|SIG_ATOMIC_\\w*|NULL|true|false"
          + "|bool|offsetof|assert|E[A-Z0-9]+|EOF|BUFSIZ|PRI\\w+|SCN\\w+|[A-Z]+_(MAX|MIN|BIT)"
          + "|RAND_MAX|EXIT_\\w+|va_\\w+|alignas|alignof|noreturn");
  private static final Pattern API_NAMES = Pattern.compile(
      "CONFIG_\\w*|seL4_\\w*|SEL4\\w*|LIBSEL4\\w*|sel4cp_\\w*|SEL4CP\\w*|microkit_\\w*"
          + "|MICROKIT\\w*|[A-Z]+_(MAX|MIN)|" + STANDARD_NAMES.pattern());

  /** The names header {@code spelled} (as in the include, without quotes) may define. */
  static Predicate<String> mayDefine(String spelled) {
    String base = spelled.substring(spelled.lastIndexOf('/') + 1);
    if (STANDARD.contains(spelled)) return n -> STANDARD_NAMES.matcher(n).matches();
    if (API.contains(base)) return n -> API_NAMES.matcher(n).matches();
    return n -> true;
  }
}
