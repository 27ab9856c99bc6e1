/* SPDX-License-Identifier: BSD-2-Clause */
/* The client of the round trip: calls every method and checks every value that comes back. */
#include <camkes.h>

int passes, fails;
int server_voids(void);

#define CHECK(N, T, A, C) do { \
        T b_; T c_ = (C); T r_ = c_m_##N((A), &b_, &c_); \
        if (b_ != (T)(A) || c_ != (T)((T)(C) - 1) || r_ != (T)((A) ^ 1)) { \
            printf("FAIL %s\n", #N); fails++; \
        } else { passes++; } \
    } while (0)

int run(void) {
    CHECK(int8, int8_t, INT8_MIN, INT8_MIN + 5);
    CHECK(int8, int8_t, INT8_MAX, -1);
    CHECK(int16, int16_t, INT16_MIN, INT16_MAX);
    CHECK(int32, int32_t, INT32_MIN, -7);
    CHECK(int64, int64_t, INT64_MIN, INT64_MAX);
    CHECK(int64, int64_t, -2, INT64_MIN + 1);
    CHECK(uint8, uint8_t, UINT8_MAX, 0);
    CHECK(uint16, uint16_t, UINT16_MAX, 1);
    CHECK(uint32, uint32_t, UINT32_MAX, 0x80000000u);
    CHECK(uint64, uint64_t, UINT64_MAX, 0x8000000000000000ull);
    CHECK(int, int, -123456, INT32_MAX);
    CHECK(unsigned, unsigned int, UINT32_MAX, 3u);
    CHECK(char, char, 'z', 'a');
    CHECK(schar, signed char, -128, 127);
    CHECK(uchar, unsigned char, 255, 128);
    CHECK(bool, bool, true, true);
    CHECK(size, size_t, SIZE_MAX, 5);
    CHECK(uintptr, uintptr_t, UINTPTR_MAX - 1, 77);

    colour_t cb, cc = RED;
    colour_t cr = c_m_colour(BLUE, &cb, &cc);
    if (cb == BLUE && cc == BLUE && cr == GREEN) passes++; else { printf("FAIL colour\n"); fails++; }

    point_t pa = { -3, 4, 100000 }, pb, pc = { 9, 8, 7 };
    point_t pr = c_m_point(pa, &pb, &pc);
    if (pb.x == -3 && pb.y == 4 && pb.z == 100000 && pc.x == 10 && pc.y == 8 && pc.z == 7
        && pr.x == 3 && pr.y == 4 && pr.z == 100001) passes++;
    else { printf("FAIL point\n"); fails++; }

    big_t ba = { INT64_MIN, 2, INT64_MAX }, bb, bc = { 40, 2, 0 };
    big_t br = c_m_big(ba, &bb, &bc);
    if (bb.a == INT64_MIN && bb.b == 2 && bb.c == INT64_MAX && bc.a == 40 && bc.b == 2
        && bc.c == 42 && br.a == INT64_MAX && br.b == 2 && br.c == INT64_MIN) passes++;
    else { printf("FAIL big\n"); fails++; }

    int64_t r = -40;
    int sr = c_m_string("hello", 7, &r);
    if (sr == 5000 + 7 - 40) passes++; else { printf("FAIL string %d\n", sr); fails++; }

    c_m_void();
    c_m_void();
    if (server_voids() == 2) passes++; else { printf("FAIL void\n"); fails++; }
    int32_t xs[] = { 1, -2, 30000, INT32_MAX - 30000 };
    uint16_t ysin[] = { 1, 300, 32767 };
    uint16_t *ys = ysin;
    size_t ys_sz = 3, zs_sz = 0;
    int64_t *zs = NULL;
    int ar = c_m_arrays(4, xs, &ys_sz, &ys, &zs_sz, &zs);
    if (ar == 1 - 2 + INT32_MAX && ys_sz == 2 && ys[0] == 2 && ys[1] == 600 && zs_sz == 5
        && zs != NULL && zs[0] == 0 && zs[4] == -4000000000000LL) passes++;
    else { printf("FAIL arrays %d %zu %zu\n", ar, ys_sz, zs_sz); fails++; }

    char cin[] = "mixed Case", *c = cin, *b = NULL;
    char *sr2 = c_m_strings("hello", &b, &c);
    if (b != NULL && strcmp(b, "olleh") == 0 && strcmp(c, "MIXED CASE") == 0
        && strcmp(sr2, "hello|MIXED CASE") == 0) passes++;
    else { printf("FAIL strings\n"); fails++; }

    point_t ps[] = { { -1, 2, 3 }, { 4, -5, -6 } };
    big_t *bs = NULL;
    size_t bs_sz = 0;
    c_m_structs(2, ps, &bs_sz, &bs);
    if (bs_sz == 2 && bs[0].a == -1 && bs[0].b == 2 && bs[0].c == 3000000 && bs[1].a == 4
        && bs[1].b == -5 && bs[1].c == -6000000) passes++;
    else { printf("FAIL structs\n"); fails++; }

    char *none = cin;
    if (c_m_empty(0, NULL, &none) == 100 && none == NULL) passes++;
    else { printf("FAIL empty\n"); fails++; }

    uint8_t bytes[] = { 1, 2, 250 }, *bp = bytes;
    size_t bn = 3;
    if (c_m_ref(&bn, &bp) == 253) passes++; else { printf("FAIL ref\n"); fails++; }

    /* arrays of strings, every direction, NULL elements; the caller's texts stay untouched */
    char x0[] = "alpha", x2[] = "gamma", w0[] = "low", w1[] = "mid";
    char *xs2[] = { x0, NULL, x2 }, *ysa[] = { "r0", "r1" }, *wsa[] = { w0, NULL, w1 };
    char **ys2 = ysa, **ws = wsa, **zs2 = NULL;
    size_t ys2_sz = 2, ws_sz = 3, zs2_sz = 0;
    int nc = c_m_names(3, xs2, &ys2_sz, &ys2, &zs2_sz, &zs2, &ws_sz, &ws);
    if (nc == 321 && zs2_sz == 3 && strcmp(zs2[0], "gamma") == 0 && zs2[1] == NULL
        && strcmp(zs2[2], "alpha") == 0 && ws_sz == 5 && strcmp(ws[0], "LOW") == 0
        && ws[1] == NULL && strcmp(ws[2], "MID") == 0 && strcmp(ws[3], "added") == 0
        && ws[4] == NULL && strcmp(w0, "low") == 0 && xs2[1] == NULL) passes++;
    else { printf("FAIL names %d %zu %zu\n", nc, zs2_sz, ws_sz); fails++; }

    /* empty arrays of strings (and NULL array pointers) */
    char **none2 = NULL, **ws0 = NULL;
    size_t n0 = 0, ws0_sz = 0;
    zs2_sz = 99;
    nc = c_m_names(0, NULL, &n0, &none2, &zs2_sz, &zs2, &ws0_sz, &ws0);
    if (nc == 0 && zs2_sz == 0 && ws0_sz == 2 && strcmp(ws0[0], "added") == 0 && ws0[1] == NULL)
        passes++;
    else { printf("FAIL names empty %d %zu %zu\n", nc, zs2_sz, ws0_sz); fails++; }

    char *cs[] = { "a", "bb", NULL };
    if (c_m_count(3, cs) == 39999 && c_m_count(0, NULL) == 0) passes++;
    else { printf("FAIL count\n"); fails++; }

    /* too large for the buffer: a table of 10 words, three whole texts of 1000, the fourth
     * cut to the 991 bytes left, the rest dropped */
    static char kilo[1001];
    for (int i = 0; i < 1000; i++) kilo[i] = 'k';
    char *big[10];
    for (int i = 0; i < 10; i++) big[i] = kilo;
    int over = c_m_count(10, big);
    if (over == 40991) passes++; else { printf("FAIL overflow in %d\n", over); fails++; }
    /* a table longer than the buffer: cut to its 512 words; NULL elements need no text */
    static char *nulls[600];
    over = c_m_count(600, nulls);
    if (over == 512 * 10000 + 9999) passes++; else { printf("FAIL table %d\n", over); fails++; }

    /* and back: a table of 6 words, four whole texts, the fifth cut to 15 bytes */
    char **many = NULL;
    size_t many_sz = 0;
    c_m_many(6, 1000, &many_sz, &many);
    if (many_sz == 5 && strlen(many[0]) == 1000 && strlen(many[3]) == 1000
        && strlen(many[4]) == 15) passes++;
    else { printf("FAIL overflow out %zu\n", many_sz); fails++; }
    c_m_many(0, 5, &many_sz, &many);
    if (many_sz == 0) passes++; else { printf("FAIL many none %zu\n", many_sz); fails++; }

    printf("passes %d fails %d\n", passes, fails);
    return 0;
}
