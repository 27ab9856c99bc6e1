/* SPDX-License-Identifier: BSD-2-Clause */
/* Ping writes a message into sharedbuf_1, signals n1 and prints Pong's answer on n2. */
#include <camkes.h>

static int rounds;

static void on_ready(void *arg) {
    (void)arg;
    printf("ping: pong says '%s'\n", (const char *)sharedbuf_2);
    if (++rounds < 3) {
        snprintf((char *)sharedbuf_1, 64, "ping %d", rounds);
        n1_emit();
        n2_reg_callback(on_ready, NULL);
    }
}

int run(void) {
    strcpy((char *)sharedbuf_1, "ping 0");
    n2_reg_callback(on_ready, NULL);
    n1_emit();
    return 0;
}
