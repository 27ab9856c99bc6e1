/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fake seL4CP/Microkit runtime for the ps_irq_register round trip: irq_ack records the
 * channel, main() runs init() and delivers the driver's interrupts through notified(), then
 * checks what the handlers saw and acknowledged. Build with -DMICROKIT for the Microkit API.
 */
#ifdef MICROKIT
#include <microkit.h>
#define API(name) microkit_##name
typedef microkit_channel channel_t;
#else
#include <sel4cp.h>
#define API(name) sel4cp_##name
typedef sel4cp_channel channel_t;
bool have_signal;
#endif
#include <stdio.h>
#include CAMKES_PD_HEADER

struct seen {
    int calls;
    void *data;
    int ack_result;
};

extern struct seen timer_a, timer_b;
extern int token_a, token_b, uart_calls;
extern long uart_number;
extern ps_io_ops_t io_ops;
extern irq_id_t id_a, id_b;
void on_timer_a(void *data, ps_irq_acknowledge_fn_t ack, void *ack_data);

static int passes, fails;
static channel_t acks[32];
static int nacks;

void API(irq_ack)(channel_t ch) {
    if (nacks < 32) acks[nacks] = ch;
    nacks++;
}
void API(notify)(channel_t ch) { (void)ch; }
void API(dbg_putc)(int c) { putchar(c); }
void API(dbg_puts)(const char *s) { fputs(s, stdout); }

#define CHECK(c) \
    do { if (c) passes++; else { fails++; printf("FAIL line %d: %s\n", __LINE__, #c); } } while (0)

/* the acks since the last call: exactly the one channel given, or none (-1) */
static int acked_once(int ch) {
    int ok = ch < 0 ? nacks == 0 : nacks == 1 && acks[0] == (channel_t)ch;
    nacks = 0;
    return ok;
}

static int no_register(void *cookie, irq_id_t id) { (void)cookie; return id; }

int main(void) {
    init();
    /* registration: the irq id is the <irq id>; each registration acknowledges its line */
    CHECK(id_a == IRQ_TIMER_67);
    CHECK(id_b == IRQ_TIMER_68);
    CHECK(nacks == 2 && acks[0] == IRQ_TIMER_67 && acks[1] == IRQ_TIMER_68);
    nacks = 0;

    /* each channel reaches its handler with its token; the handler's ack acks that channel */
    notified(IRQ_TIMER_67);
    CHECK(timer_a.calls == 1 && timer_a.data == &token_a && timer_a.ack_result == 0);
    CHECK(timer_b.calls == 0);
    CHECK(acked_once(IRQ_TIMER_67));
    notified(IRQ_TIMER_68);
    CHECK(timer_b.calls == 1 && timer_b.data == &token_b && timer_b.ack_result == 0);
    CHECK(timer_a.calls == 1);
    CHECK(acked_once(IRQ_TIMER_68));
    /* the UART was not registered: uart_irq_handle() as before */
    notified(IRQ_UART_33);
    CHECK(uart_calls == 1 && uart_number == 33);
    CHECK(acked_once(IRQ_UART_33));

    /* refused registrations, with libplatsupport's error codes, and no ack */
    ps_irq_t unknown = { .type = PS_INTERRUPT, .irq = { .number = 99 } };
    CHECK(ps_irq_register(&io_ops.irq_ops, unknown, on_timer_a, NULL) == -ENOENT);
    ps_irq_t again = { .type = PS_INTERRUPT, .irq = { .number = 68 } };
    CHECK(ps_irq_register(&io_ops.irq_ops, again, on_timer_a, NULL) == -ENOENT);
    ps_irq_t edge = { .type = PS_TRIGGER,
                      .trigger = { .number = 33, .trigger = PS_EDGE_TRIGGERED } };
    CHECK(ps_irq_register(&io_ops.irq_ops, edge, on_timer_a, NULL) == -ENOENT);
    ps_irq_t msi = { .type = PS_MSI };
    CHECK(ps_irq_register(&io_ops.irq_ops, msi, on_timer_a, NULL) == -ENOENT);
    ps_irq_t uart = { .type = PS_INTERRUPT, .irq = { .number = 33 } };
    CHECK(ps_irq_register(&io_ops.irq_ops, uart, NULL, NULL) == -EINVAL);
    CHECK(ps_irq_register(NULL, uart, on_timer_a, NULL) == -EINVAL);
    ps_irq_ops_t empty = { 0 };
    CHECK(ps_irq_register(&empty, uart, on_timer_a, NULL) == -EINVAL);
    ps_irq_ops_t partial = { .cookie = &empty, .irq_unregister_fn = no_register };
    CHECK(ps_irq_register(&partial, uart, on_timer_a, NULL) == -ENOSYS);
    CHECK(camkes_io_ops(NULL) != 0);
    CHECK(acked_once(-1));

    /* unregister: the line is acknowledged, later interrupts go to timer_irq_handle(),
       whose default acknowledges them */
    CHECK(ps_irq_unregister(&io_ops.irq_ops, id_a) == 0);
    CHECK(acked_once(IRQ_TIMER_67));
    notified(IRQ_TIMER_67);
    CHECK(timer_a.calls == 1);
    CHECK(acked_once(IRQ_TIMER_67));
    CHECK(ps_irq_unregister(&io_ops.irq_ops, id_a) == -ENOENT);
    CHECK(ps_irq_unregister(&io_ops.irq_ops, -1) == -EINVAL);
    CHECK(ps_irq_unregister(&io_ops.irq_ops, IRQ_UART_33) == -ENOENT);
    CHECK(acked_once(-1));
    /* registered again (PS_PER_CPU on cpu 0 matches too), with another token */
    ps_irq_t per_cpu = { .type = PS_PER_CPU, .cpu = { .number = 67 } };
    CHECK(ps_irq_register(&io_ops.irq_ops, per_cpu, on_timer_a, &token_b) == IRQ_TIMER_67);
    nacks = 0;
    notified(IRQ_TIMER_67);
    CHECK(timer_a.calls == 2 && timer_a.data == &token_b);
    CHECK(acked_once(IRQ_TIMER_67));
    /* a channel that is not an interrupt: nothing */
    notified(60);
    CHECK(acked_once(-1) && timer_a.calls == 2 && timer_b.calls == 1 && uart_calls == 1);

    printf("passes %d fails %d\n", passes, fails);
    return fails == 0 ? 0 : 1;
}
