// SPDX-License-Identifier: BSD-2-Clause
/* Included by driver.c: lint-c follows quoted includes. Board-specific ids under an #ifdef
 * on a macro the board header (not found: no -I) may define have two values, so lint-c does
 * not judge calls that use them. */
#pragma once
#include <stdint.h>
#include <board/config.h>

#define UART_IRQ (7)
#ifdef BOARD_A
#define SPARE_CH 2
#else
#define SPARE_CH 5
#endif
#define TO_CLIENT ((sel4cp_channel)1)
