/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A driver of dtb.camkes's Driver component written the libplatsupport way: post_init takes
 * the interrupt operations from camkes_io_ops() and registers one handler per timer interrupt
 * with its own token; the UART keeps CAmkES's uart_irq_handle(). Each handler records what it
 * was given and acknowledges through the function it was handed.
 */
#include <camkes.h>
#include <camkes/io.h>
#include <camkes/irq.h>
#include <platsupport/io.h>
#include <platsupport/irq.h>

struct seen {
    int calls;
    void *data;
    int ack_result;
};

struct seen timer_a, timer_b;
int token_a, token_b;
int uart_calls;
long uart_number;
ps_io_ops_t io_ops;
irq_id_t id_a = PS_INVALID_IRQ_ID, id_b = PS_INVALID_IRQ_ID;

static void record(struct seen *s, void *data, ps_irq_acknowledge_fn_t ack, void *ack_data) {
    s->calls++;
    s->data = data;
    s->ack_result = ack(ack_data);
}

void on_timer_a(void *data, ps_irq_acknowledge_fn_t ack, void *ack_data) {
    record(&timer_a, data, ack, ack_data);
}

void on_timer_b(void *data, ps_irq_acknowledge_fn_t ack, void *ack_data) {
    record(&timer_b, data, ack, ack_data);
}

void uart_irq_handle(ps_irq_t *irq) {
    uart_calls++;
    uart_number = irq->irq.number;
    uart_irq_acknowledge(irq);
}

void post_init(void) {
    if (camkes_io_ops(&io_ops) != 0) return;
    ps_irq_t a = { .type = PS_INTERRUPT, .irq = { .number = 67 } };
    ps_irq_t b = { .type = PS_TRIGGER, .trigger = { .number = 68, .trigger = PS_LEVEL_TRIGGERED } };
    id_a = ps_irq_register(&io_ops.irq_ops, a, on_timer_a, &token_a);
    id_b = ps_irq_register(&io_ops.irq_ops, b, on_timer_b, &token_b);
}
