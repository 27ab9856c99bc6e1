/* SPDX-License-Identifier: BSD-2-Clause */
/* Logger counts samples; it runs in domain 1. */
#include <camkes.h>

int run(void) {
    for (int i = 0; i < 3; i++) {
        ready_wait();
        printf("logger: sample %d\n", i);
    }
    return 0;
}
