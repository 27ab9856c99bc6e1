// SPDX-License-Identifier: BSD-2-Clause
/* The ring sizes and board revision, behind an include guard: included twice by
 * eth_board.c, read once. */
#ifndef ETH_BOARD_H
#define ETH_BOARD_H

#define ETH_RING_SIZE 512
#define BOARD_REV 1

#endif /* ETH_BOARD_H */
