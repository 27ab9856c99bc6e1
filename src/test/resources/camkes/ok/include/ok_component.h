/* Component body fragments, as camkes-vm's VM_INIT_DEF() does. */
#define WORKER_BODY(n) \
    control; \
    uses Echo IFACE(n); \
    attribute int id = n;
