// SPDX-License-Identifier: BSD-2-Clause
#pragma once
#include "microkit.h"

#define VMM_CH_LIMIT MICROKIT_MAX_CHANNELS
static inline void vmm_kick(microkit_child vm) { microkit_vcpu_stop(vm); }
