// SPDX-License-Identifier: BSD-2-Clause
/* The rx virtualiser names its channels with const globals rather than #defines. */
#include <stdint.h>
#include <sel4cp.h>

#define DRIVER_BASE 0

static const sel4cp_channel DRIVER = DRIVER_BASE;
const int CLIENT_CH = DRIVER_BASE + 3;
static const uint64_t RX_BATCH = DRIVER_BASE + 16, SPARE = DRIVER + 5;
static const char *name = "virt_rx";
static const volatile int VOL = 0;
static int counter = 0;
static const int TABLE[] = {0, 1};

void init(void)
{
    sel4cp_notify(DRIVER);
    sel4cp_notify(CLIENT_CH);
    sel4cp_notify(SPARE);
    sel4cp_notify(counter);
    sel4cp_notify(VOL);
    sel4cp_notify(TABLE[1]);
    sel4cp_notify(RX_BATCH - 16);
}

static void forward(void)
{
    const sel4cp_channel CLIENT_CH = 0;
    sel4cp_notify(CLIENT_CH);
}

void notified(sel4cp_channel ch)
{
    if (ch == DRIVER) {
        forward();
    }
}
