/* SPDX-License-Identifier: BSD-2-Clause */
/* Sensor signals a sample each round; it runs in domain 0. */
#include <camkes.h>

int run(void) {
    for (int i = 0; i < 3; i++) ready_emit();
    return 0;
}
