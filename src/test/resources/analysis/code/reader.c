/* SPDX-License-Identifier: BSD-2-Clause */
/* Copies a length-prefixed message from input to output: input is only read. */
#include <stdint.h>
#include <sel4cp.h>

#define DRIVER 0

uintptr_t input;
uintptr_t output;
uintptr_t scratch;

static volatile uint8_t *cursor;

void init(void)
{
    cursor = (volatile uint8_t *)scratch; /* a copy: cpkit cannot follow it */
}

void notified(sel4cp_channel ch)
{
    switch (ch) {
    case DRIVER: {
        uint32_t n = ((volatile uint32_t *)input)[0];
        for (uint32_t i = 0; i < n && i < 64; i++) {
            ((volatile char *)output)[i] = ((volatile char *)input)[4 + i];
        }
        if (input != 0) {
            sel4cp_notify(DRIVER);
        }
        break;
    }
    default:
        break;
    }
}
