/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel's domain schedule: lengths in kernel ticks (KernelTimerTickMS, 2 ms by default). */
#include <object/structures.h>
#include <model/statedata.h>

const dschedule_t ksDomSchedule[] = {
    { .domain = 0, .length = 5 },   /* sensor: 10 ms */
    { .domain = 1, .length = 2 },   /* logger:  4 ms */
    { .domain = 0, .length = 1 },
};

const word_t ksDomScheduleLength = sizeof(ksDomSchedule) / sizeof(dschedule_t);
