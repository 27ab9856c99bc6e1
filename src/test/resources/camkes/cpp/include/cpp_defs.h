/* Header for the differential cpp inputs. */
#pragma once
#define CAT(a, b) a ## b
#define XCAT(a, b) CAT(a, b)
#define STR(x) #x
#define XSTR(x) STR(x)
#define VERSION 3
#define VARIADIC(fmt, ...) call(fmt, __VA_ARGS__)
#define EMPTY_ARGS() nothing_here
#define SQUARE(x) ((x) * (x))
