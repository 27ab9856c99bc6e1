/* SPDX-License-Identifier: BSD-2-Clause */
/* The driver keeps the last block the client wrote and reports how often it was called. */
#include <camkes.h>

static char block[256];
static int stored;

int client_write(int len) {
    if (len < 0 || len > (int)sizeof(block)) return -1;
    memcpy(block, (const void *)client_buf(client_get_sender_id()), (size_t)len);
    stored = len;
    client_emit(client_get_sender_id());
    return len;
}

int client_read(int *len) {
    memcpy((void *)client_buf(client_get_sender_id()), block, (size_t)stored);
    *len = stored;
    return 0;
}

void client_status(uint8_t *code, uint32_t *counter) {
    *code = stored > 0;
    *counter += 1;
}
