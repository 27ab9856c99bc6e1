/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The server of the round trip: echoes a into b, decrements c, returns a ^ 1. Strings and
 * arrays it returns live in static storage (a PD has no malloc); the glue copies them out.
 */
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

int s_m_arrays(size_t xs_sz, const int32_t *xs, size_t *ys_sz, uint16_t **ys, size_t *zs_sz,
               int64_t **zs) {
    static int64_t out[5];
    int sum = 0;
    for (size_t i = 0; i < xs_sz; i++) sum += xs[i];
    /* inout: doubled in place, and one element shorter */
    for (size_t i = 0; i < *ys_sz; i++) (*ys)[i] = (uint16_t)((*ys)[i] * 2);
    *ys_sz = *ys_sz - 1;
    for (size_t i = 0; i < 5; i++) out[i] = -(int64_t)i * 1000000000000LL;
    *zs_sz = 5;
    *zs = out;
    return sum;
}

char *s_m_strings(const char *a, char **b, char **c) {
    static char bb[64], rb[64];
    size_t n = strlen(a);
    for (size_t i = 0; i < n; i++) bb[i] = a[n - 1 - i];
    bb[n] = '\0';
    *b = bb;
    for (char *p = *c; *p != '\0'; p++) if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32);
    snprintf(rb, sizeof(rb), "%s|%s", a, *c);
    return rb;
}

void s_m_structs(size_t ps_sz, const point_t *ps, size_t *bs_sz, big_t **bs) {
    static big_t out[4];
    size_t n = ps_sz < 4 ? ps_sz : 4;
    for (size_t i = 0; i < n; i++) {
        out[i].a = ps[i].x;
        out[i].b = ps[i].y;
        out[i].c = (int64_t)ps[i].z * 1000000;
    }
    *bs_sz = n;
    *bs = out;
}

int s_m_empty(size_t xs_sz, const int *xs, char **s) {
    (void)xs;
    *s = NULL;
    return (int)xs_sz + 100;
}

int s_m_ref(const size_t *xs_sz, uint8_t **xs) {
    int sum = 0;
    for (size_t i = 0; i < *xs_sz; i++) sum += (*xs)[i];
    return sum;
}

/* Arrays of strings: a code from xs and ys; zs = xs reversed; ws upper-cased in place, then
 * grown by "added" and a NULL element. */
int s_m_names(size_t xs_sz, char **xs, const size_t *ys_sz, char ***ys, size_t *zs_sz,
              char ***zs, size_t *ws_sz, char ***ws) {
    static char *rev[8], *grown[10];
    static char added[] = "added";
    int code = (int)xs_sz * 100 + (int)*ys_sz * 10;
    if (*ys_sz > 0 && (*ys)[0] != NULL && strcmp((*ys)[0], "r0") == 0) code += 1;
    for (size_t i = 0; i < xs_sz && i < 8; i++) rev[i] = xs[xs_sz - 1 - i];
    *zs_sz = xs_sz < 8 ? xs_sz : 8;
    *zs = rev;
    size_t n = *ws_sz < 8 ? *ws_sz : 8;
    for (size_t i = 0; i < n; i++) {
        grown[i] = (*ws)[i];
        for (char *p = grown[i]; p != NULL && *p != '\0'; p++)
            if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32);
    }
    grown[n] = added;
    grown[n + 1] = NULL;
    *ws_sz = n + 2;
    *ws = grown;
    return code;
}

/* How many arrived, and the length of the last (9999 for NULL). */
int s_m_count(size_t xs_sz, char **xs) {
    if (xs_sz == 0) return 0;
    return (int)xs_sz * 10000 + (xs[xs_sz - 1] == NULL ? 9999 : (int)strlen(xs[xs_sz - 1]));
}

/* n strings of len 'x's: more than the buffer holds. */
void s_m_many(int n, int len, size_t *zs_sz, char ***zs) {
    static char text[2000];
    static char *out[16];
    for (int i = 0; i < len && i < 1999; i++) text[i] = 'x';
    text[len < 1999 ? len : 1999] = '\0';
    for (int i = 0; i < n && i < 16; i++) out[i] = text;
    *zs_sz = (size_t)(n < 16 ? n : 16);
    *zs = out;
}
