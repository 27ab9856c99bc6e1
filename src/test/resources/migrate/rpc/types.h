/* SPDX-License-Identifier: BSD-2-Clause */
/* Types for the RPC round-trip test: an enum, a struct that fits a register, a wide one. */
#pragma once
#include <stdint.h>

typedef enum { RED = -1, GREEN = 7, BLUE = 1000 } colour_t;
typedef struct { int16_t x; int16_t y; int32_t z; } point_t;
typedef struct { int64_t a; int64_t b; int64_t c; } big_t;
