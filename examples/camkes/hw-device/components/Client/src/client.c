/* SPDX-License-Identifier: BSD-2-Clause */
/* The client counts the driver's data-ready events. */
#include <camkes.h>

static int events;

static void on_ready(void *arg) {
    (void)arg;
    printf("client: event %d\n", ++events);
    ready_reg_callback(on_ready, NULL);
}

int run(void) {
    return ready_reg_callback(on_ready, NULL);
}
