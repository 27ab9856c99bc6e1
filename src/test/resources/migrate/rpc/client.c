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

    printf("passes %d fails %d\n", passes, fails);
    return 0;
}
