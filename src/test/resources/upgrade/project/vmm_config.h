// SPDX-License-Identifier: BSD-2-Clause
#pragma once
#include "sel4cp.h"

#define VMM_CH_LIMIT SEL4CP_MAX_CHANNELS
static inline void vmm_kick(sel4cp_id vm) { sel4cp_vm_stop(vm); }
