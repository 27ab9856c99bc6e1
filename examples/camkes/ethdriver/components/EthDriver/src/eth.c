/* SPDX-License-Identifier: BSD-2-Clause */
/* A pretend Ethernet driver: counts frames and answers with a fixed MAC address. */
#include <camkes.h>

static int frames;

int client_tx(int len) {
    eth_lock_lock();
    frames++;
    eth_lock_unlock();
    return promiscuous_mode ? len : 0;
}

int client_rx(int *len) {
    *len = frames;
    return 0;
}

void client_mac(uint8_t *b1, uint8_t *b2, uint8_t *b3, uint8_t *b4, uint8_t *b5, uint8_t *b6) {
    *b1 = 0x02; *b2 = 0x00; *b3 = 0x00; *b4 = 0x00; *b5 = 0xaa; *b6 = 0x01;
}
