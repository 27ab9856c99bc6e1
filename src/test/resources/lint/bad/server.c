// SPDX-License-Identifier: BSD-2-Clause
#include <sel4cp.h>

void init(void) {}
void notified(sel4cp_channel ch) { (void)ch; }
