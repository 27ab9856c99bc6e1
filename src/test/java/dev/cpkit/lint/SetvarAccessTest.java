// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpkit.codegen.TestSystems;
import dev.cpkit.diag.SourceFile;
import dev.cpkit.system.Dialect;
import dev.cpkit.system.SystemDescription;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How code uses a setvar pointer: each form of read, write and escape, one per line. */
class SetvarAccessTest {
  static final SystemDescription SYSTEM = TestSystems.parse("t.system", """
      <system>
          <memory_region name="buf" size="0x1000" />
          <protection_domain name="pd" priority="100">
              <program_image path="pd.elf" />
              <map mr="buf" vaddr="0x2000000" perms="rw" setvar_vaddr="buf" />
          </protection_domain>
      </system>
      """, Dialect.SEL4CP);

  static SetvarAccess.Kind access(String body) {
    String c = "#include <stdint.h>\nstruct msg { uint32_t len; char text[60]; };\n"
        + "volatile struct msg *buf;\nint x;\nchar local[64];\nvoid init(void) {\n"
        + body + "\n}\n";
    PdCode code = PdCode.load(SYSTEM, "pd", List.of(new SourceFile("pd.c", c)),
        CLint.Options.defaults());
    return SetvarAccess.of(code, "buf", 0x2000000, 0x1000).kind();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "x = buf->len + 1;                          | READ_ONLY",
      "x = buf[0].len;                            | UNKNOWN",
      "if (buf->len > 3) x = 1;                   | READ_ONLY",
      "x = ((volatile char *)buf)[4];             | READ_ONLY",
      "x = *(volatile uint32_t *)buf;             | READ_ONLY",
      "memcpy(local, (const void *)buf, 4);       | READ_ONLY",
      "printf(\"%s\", (const char *)buf);         | READ_ONLY",
      "if (buf) x = 1;                            | UNUSED",
      "if (buf != 0) x = 1;                       | UNUSED",
      "buf->len = 0;                              | WRITES",
      "buf->len += 1;                             | WRITES",
      "++buf->len;                                | WRITES",
      "buf->len++;                                | WRITES",
      "((volatile char *)buf)[4] = 1;             | WRITES",
      "*(volatile uint32_t *)buf = 1;             | WRITES",
      "memcpy((void *)buf, local, 4);             | WRITES",
      "memset((void *)buf, 0, 4);                 | WRITES",
      "snprintf((char *)buf, 64, \"%d\", x);      | WRITES",
      "x = buf->len; buf->len = 0;                | WRITES",
      "volatile struct msg *p = buf;              | UNKNOWN",
      "x = (int)(uintptr_t)(buf + 1);             | UNKNOWN",
      "send(buf);                                 | UNKNOWN",
      "x = *(&buf->len);                          | UNKNOWN",
      "buf = 0;                                   | UNKNOWN",
      "x = buf->text[0];                          | READ_ONLY",
      "x = strlen(buf->text);                     | READ_ONLY",
      "x = use(buf->text);                        | UNKNOWN",
      "x = *(volatile int *)0x2000010;            | UNKNOWN",
      "if (x) buf->len = 0;                       | WRITES",
      "if (x) x = ((volatile char *)buf)[1];      | READ_ONLY",
      "return (void)(char *)buf;                  | UNKNOWN",
      "x = 0;                                     | UNUSED"
  })
  void classifies(String body, SetvarAccess.Kind expected) {
    assertThat(access(body)).isEqualTo(expected);
  }
}
