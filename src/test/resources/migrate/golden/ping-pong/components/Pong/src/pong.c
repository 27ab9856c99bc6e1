/* SPDX-License-Identifier: BSD-2-Clause */
/* Pong answers every message from Ping through sharedbuf_2. */
#include <camkes.h>

static void on_done(void *arg) {
    (void)arg;
    snprintf((char *)sharedbuf_2, 64, "pong after '%s'", (const char *)sharedbuf_1);
    n2_emit();
    n1_reg_callback(on_done, NULL);
}

int run(void) {
    n1_reg_callback(on_done, NULL);
    return 0;
}
