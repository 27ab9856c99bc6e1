// SPDX-License-Identifier: BSD-2-Clause
/* Channel helpers in the style of sDDF's config headers: ids built by function-like
 * macros from a base, nested and rescanned. */
#pragma once

#define ETH_IRQ_CH 0
#define ETH_VIRT_BASE 1
#define ETH_VIRT_CH(n) (ETH_VIRT_BASE + (n))
#define RX_CH ETH_VIRT_CH(RX_INDEX)
#define TX_CH ETH_VIRT_CH(TX_INDEX)
#define RX_INDEX 0
#define TX_INDEX 1
#define CH_OF(dir) dir##_CH
#define DEBUG_PRINT(fmt, ...) sel4cp_dbg_puts(fmt)
