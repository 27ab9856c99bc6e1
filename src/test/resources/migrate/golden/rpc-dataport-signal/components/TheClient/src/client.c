/* SPDX-License-Identifier: BSD-2-Clause */
/* The client writes a block through the shared buffer, then reads it back. */
#include <camkes.h>

static void written(void *arg) {
    (void)arg;
    int len = 0;
    driver_read(&len);
    printf("client: driver holds %d bytes: %s\n", len, (const char *)driver_buf);
}

int run(void) {
    const char *msg = "hello, driver";
    strcpy((char *)driver_buf, msg);
    driver_reg_callback(written, NULL);
    driver_write((int)strlen(msg) + 1);
    uint8_t code = 0;
    uint32_t counter = 0;
    driver_status(&code, &counter);
    printf("client: status %u after %u call(s)\n", code, (unsigned)counter);
    return 0;
}
