/* SPDX-License-Identifier: BSD-2-Clause */
/* The server of the round trip: echoes a into b, decrements c, returns a ^ 1. */
#include <camkes.h>

#define SCALAR(N, T) \
    T s_m_##N(T a, T *b, T *c) { *b = a; *c = (T)(*c - 1); return (T)(a ^ 1); }
SCALAR(int8, int8_t)
SCALAR(int16, int16_t)
SCALAR(int32, int32_t)
SCALAR(int64, int64_t)
SCALAR(uint8, uint8_t)
SCALAR(uint16, uint16_t)
SCALAR(uint32, uint32_t)
SCALAR(uint64, uint64_t)
SCALAR(int, int)
SCALAR(unsigned, unsigned int)
SCALAR(char, char)
SCALAR(schar, signed char)
SCALAR(uchar, unsigned char)
SCALAR(bool, bool)
SCALAR(size, size_t)
SCALAR(uintptr, uintptr_t)

colour_t s_m_colour(colour_t a, colour_t *b, colour_t *c) {
    *b = a;
    *c = *c == RED ? BLUE : RED;
    return GREEN;
}

point_t s_m_point(point_t a, point_t *b, point_t *c) {
    *b = a;
    c->x = (int16_t)(c->x + 1);
    point_t r = { (int16_t)-a.x, a.y, a.z + 1 };
    return r;
}

big_t s_m_big(big_t a, big_t *b, big_t *c) {
    *b = a;
    c->c = c->a + c->b;
    big_t r = { a.c, a.b, a.a };
    return r;
}

int s_m_string(const char *s, int n, const int64_t *r) {
    return (int)strlen(s) * 1000 + n + (int)*r + (int)s_get_sender_id();
}

static int voids;
void s_m_void(void) { voids++; }
int server_voids(void) { return voids; }
