/* SPDX-License-Identifier: BSD-2-Clause */
/* The network stack's side: sends a frame and prints the driver's MAC address. */
#include <camkes.h>

int run(void) {
    uint8_t m[6];
    ethdriver_mac(&m[0], &m[1], &m[2], &m[3], &m[4], &m[5]);
    printf("lwip: mac %02x:%02x:%02x:%02x:%02x:%02x, tx %d (demo %d)\n", m[0], m[1], m[2], m[3],
           m[4], m[5], ethdriver_tx(64), LWIP_DEMO);
    return 0;
}
