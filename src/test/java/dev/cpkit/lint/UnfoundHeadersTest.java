// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which names a header that was not found may define, for #if after it. */
class UnfoundHeadersTest {
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "stdint.h,            UINT64_MAX,         true",
      "stdint.h,            INT_LEAST8_MIN,     true",
      "stdint.h,            UINT32_C,           true",
      "stdint.h,            INTERRUPT_MODE,     false",
      "stdint.h,            BOARD_A,            false",
      "stdint.h,            ENABLE_DEBUG,       false",
      "stdint.h,            ENABLE,             false",
      "errno.h,             ENOMEM,             true",
      "limits.h,            CHAR_BIT,           true",
      "inttypes.h,          PRIx64,             true",
      "inttypes.h,          PRIORITY,           false",
      "stdbool.h,           true,               true",
      "stddef.h,            __STDC_VERSION__,   true",
      "sel4cp.h,            CONFIG_DEBUG_BUILD, true",
      "sel4cp.h,            seL4_PageBits,      true",
      "microkit.h,          MICROKIT_MAX_CHANNELS, true",
      "sel4cp.h,            UINT64_MAX,         true",
      "sel4cp.h,            BOARD_A,            false",
      "sel4cp.h,            ENABLE,             false",
      "include/microkit.h,  CONFIG_X,           true",
      "board.h,             BOARD_A,            true",
      "sddf/network/queue.h, ANYTHING,          true"
  })
  void mayDefine(String header, String name, boolean may) {
    assertThat(UnfoundHeaders.mayDefine(header).test(name)).isEqualTo(may);
  }
}
