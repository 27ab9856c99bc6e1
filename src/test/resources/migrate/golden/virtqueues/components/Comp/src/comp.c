/* SPDX-License-Identifier: BSD-2-Clause */
/* Each side puts a greeting in its send queue's data region and tells the peer. */
#include <camkes.h>

static void received(void *arg) {
    (void)arg;
    printf("%s: received '%s'\n", get_instance_name(), (const char *)recv_data);
    recv_reg_callback(received, NULL);
}

int run(void) {
    snprintf((char *)send_data, SEND_DATA_SIZE, "hello from %s", get_instance_name());
    recv_reg_callback(received, NULL);
    send_notify();
    return 0;
}
