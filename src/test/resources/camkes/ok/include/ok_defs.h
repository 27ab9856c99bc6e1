/* Macros used by the ok cases: object-like, function-like, stringify and paste. */
#ifndef OK_DEFS_H
#define OK_DEFS_H
#define SERVER_PRIORITY (200 + 2)
#define RPC(name, a, b) connection seL4RPCCall name(from a, to b);
#define LABEL(x) #x
#define IFACE(n) iface_ ## n
#define EMPTY
#endif
