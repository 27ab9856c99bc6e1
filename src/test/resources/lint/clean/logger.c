// SPDX-License-Identifier: BSD-2-Clause
#include <sel4cp.h>

void init(void) {}
void notified(sel4cp_channel ch) { if (ch == CH_CLIENT) return; }
sel4cp_msginfo protected(sel4cp_channel ch, sel4cp_msginfo m) { (void)ch; return m; }
