// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * libplatsupport's interrupt interface for a PD with seL4DTBHardware interrupts: the types and
 * {@code ps_irq_register}/{@code ps_irq_unregister} of {@code platsupport/irq.h} as far as
 * drivers use them (in {@code include/<pd>.h}), and in the glue the implementation CAmkES's
 * libsel4camkes gives {@code camkes_io_ops()}/{@code camkes_irq_ops()} over the interrupts the
 * seL4DTBHardware template allocated (its {@code _allocated_irqs} section; here a table of the
 * PD's {@code <irq>}s). Registration matches a {@code ps_irq_t} as libsel4camkes does (number;
 * trigger and cpu 0 for {@code PS_TRIGGER}/{@code PS_PER_CPU}); the irq id is the {@code <irq>}
 * id. A notification goes to the registered callback, else to {@code <iface>_irq_handle()}.
 */
final class PsIrqWriter {
  static final String TABLE = "camkes_allocated_irqs";

  private PsIrqWriter() {}

  /** The header part: libplatsupport's shapes (member names as in platsupport/irq.h). */
  static void header(CWriter w) {
    w.line("#ifndef CAMKES_PS_IRQ_T");
    w.line("#define CAMKES_PS_IRQ_T");
    w.line("/* libplatsupport's interrupt interface (platsupport/irq.h, io.h), as far as drivers"
        + " use it */");
    for (String[] e : new String[][] {{"ENOENT", "2"}, {"EINVAL", "22"}, {"ENOSYS", "38"}}) {
      w.line("#ifndef " + e[0]);
      w.line("#define " + e[0] + " " + e[1]);
      w.line("#endif");
    }
    w.line("#define PS_INVALID_IRQ_ID -1");
    w.line("typedef enum irq_type { PS_NONE, PS_MSI, PS_IOAPIC, PS_INTERRUPT, PS_TRIGGER,"
        + " PS_PER_CPU, PS_OTHER } irq_type_t;");
    w.line("typedef irq_type_t ps_irq_type_t;");
    w.line("typedef enum irq_trigger_type { PS_LEVEL_TRIGGERED, PS_EDGE_TRIGGERED }"
        + " irq_trigger_type_t;");
    w.open("typedef struct {");
    w.line("irq_type_t type;");
    w.open("union {");
    w.line("struct { long number; } irq;");
    w.line("struct { long number; long trigger; } trigger;");
    w.line("struct { long number; long trigger; long cpu_idx; } cpu;");
    w.line("void *other;");
    w.close("};");
    w.close("} ps_irq_t;");
    w.line("typedef int irq_id_t;");
    w.line("typedef int (*ps_irq_acknowledge_fn_t)(void *ack_data);");
    w.line("typedef void (*irq_callback_fn_t)(void *data, ps_irq_acknowledge_fn_t acknowledge_fn,"
        + " void *ack_data);");
    w.line("typedef irq_id_t (*ps_irq_register_fn_t)(void *cookie, ps_irq_t irq,"
        + " irq_callback_fn_t callback, void *callback_data);");
    w.line("typedef int (*ps_irq_unregister_fn_t)(void *cookie, irq_id_t irq_id);");
    w.line("typedef struct { void *cookie; ps_irq_register_fn_t irq_register_fn;"
        + " ps_irq_unregister_fn_t irq_unregister_fn; } ps_irq_ops_t;");
    w.line("/* only the interrupt operations: the other members of libplatsupport's ps_io_ops_t"
        + " have no seL4CP implementation here */");
    w.line("typedef struct ps_io_ops { ps_irq_ops_t irq_ops; } ps_io_ops_t;");
    w.open("static inline int ps_irq_register(ps_irq_ops_t *irq_ops, ps_irq_t irq,"
        + " irq_callback_fn_t callback, void *callback_data) {");
    w.line("if (irq_ops == NULL || irq_ops->cookie == NULL) return -EINVAL;");
    w.line("if (irq_ops->irq_register_fn == NULL) return -ENOSYS;");
    w.line("return irq_ops->irq_register_fn(irq_ops->cookie, irq, callback, callback_data);");
    w.close("}");
    w.open("static inline int ps_irq_unregister(ps_irq_ops_t *irq_ops, irq_id_t irq_id) {");
    w.line("if (irq_ops == NULL || irq_ops->cookie == NULL) return -EINVAL;");
    w.line("if (irq_ops->irq_unregister_fn == NULL) return -ENOSYS;");
    w.line("return irq_ops->irq_unregister_fn(irq_ops->cookie, irq_id);");
    w.close("}");
    w.line("/* CAmkES's (camkes/io.h, camkes/irq.h): fill in the interrupt operations; 0 on"
        + " success */");
    w.line("int camkes_io_ops(ps_io_ops_t *ops);");
    w.line("int camkes_irq_ops(ps_irq_ops_t *irq_ops);");
    w.line("#endif");
  }

  /** The glue part; after the {@code <iface>_irq_handle} definitions. */
  static void glue(CWriter w, PdView v, String api) {
    w.line("/* The PD's seL4DTBHardware interrupts, for ps_irq_register (CAmkES's"
        + " _allocated_irqs) */");
    w.open("typedef struct {");
    w.line("ps_irq_t irq;");
    w.line("unsigned int channel;");
    w.line("void (*handle)(ps_irq_t *irq);");
    w.line("irq_callback_fn_t callback;");
    w.line("void *callback_data;");
    w.close("} camkes_allocated_irq_t;");
    w.blank();
    w.open("static camkes_allocated_irq_t " + TABLE + "[] = {");
    for (var e : v.dtbIrqs.entrySet()) {
      for (PdPlan.IrqUse i : e.getValue()) {
        w.line("{ .irq = { .type = PS_INTERRUPT, .irq = { .number = " + i.irq() + " } },"
            + " .channel = " + PdView.irqConst(i) + ", .handle = " + e.getKey() + "_irq_handle },");
      }
    }
    w.close("};");
    w.line("#define CAMKES_ALLOCATED_IRQS (sizeof " + TABLE + " / sizeof " + TABLE + "[0])");
    w.blank();
    w.line("/* an allocated interrupt is described by PS_INTERRUPT: as in libsel4camkes, a"
        + " PS_TRIGGER or PS_PER_CPU request matches it with trigger and cpu 0 */");
    w.open("static bool camkes_irq_matches(const ps_irq_t *have, const ps_irq_t *want) {");
    w.open("switch (want->type) {");
    w.line("case PS_INTERRUPT: return want->irq.number == have->irq.number;");
    w.line("case PS_TRIGGER: return want->trigger.number == have->irq.number"
        + " && want->trigger.trigger == 0;");
    w.line("case PS_PER_CPU: return want->cpu.number == have->irq.number && want->cpu.trigger == 0"
        + " && want->cpu.cpu_idx == 0;");
    w.line("default: return false;");
    w.close("}");
    w.close("}");
    w.blank();
    w.line("/* the acknowledge function handed to callbacks; ack_data is a ps_irq_t */");
    w.open("static int camkes_irq_acknowledge(void *ack_data) {");
    w.line("const ps_irq_t *irq = ack_data;");
    w.line("if (irq == NULL) return -1;");
    w.open("for (size_t i = 0; i < CAMKES_ALLOCATED_IRQS; i++) {");
    w.open("if (" + TABLE + "[i].irq.irq.number == irq->irq.number) {");
    w.line(api + "_irq_ack(" + TABLE + "[i].channel);");
    w.line("return 0;");
    w.close("}");
    w.close("}");
    w.line("return -1;");
    w.close("}");
    w.blank();
    w.open("static irq_id_t camkes_irq_register(void *cookie, ps_irq_t irq, irq_callback_fn_t"
        + " callback, void *callback_data) {");
    w.line("(void)cookie;");
    w.line("if (callback == NULL) return -EINVAL;");
    w.open("for (size_t i = 0; i < CAMKES_ALLOCATED_IRQS; i++) {");
    w.line("camkes_allocated_irq_t *e = &" + TABLE + "[i];");
    w.line("if (e->callback != NULL || !camkes_irq_matches(&e->irq, &irq)) continue;");
    w.line("e->callback = callback;");
    w.line("e->callback_data = callback_data;");
    w.line("/* as libsel4camkes: acknowledge, so the line is unmasked for the new handler */");
    w.line(api + "_irq_ack(e->channel);");
    w.line("return (irq_id_t)e->channel;");
    w.close("}");
    w.line("/* not one of this PD's interrupts, or registered already */");
    w.line("return -ENOENT;");
    w.close("}");
    w.blank();
    w.open("static int camkes_irq_unregister(void *cookie, irq_id_t irq_id) {");
    w.line("(void)cookie;");
    w.line("if (irq_id < 0) return -EINVAL;");
    w.open("for (size_t i = 0; i < CAMKES_ALLOCATED_IRQS; i++) {");
    w.line("camkes_allocated_irq_t *e = &" + TABLE + "[i];");
    w.line("if (e->callback == NULL || e->channel != (unsigned int)irq_id) continue;");
    w.line("e->callback = NULL;");
    w.line("e->callback_data = NULL;");
    w.line(api + "_irq_ack(e->channel);");
    w.line("return 0;");
    w.close("}");
    w.line("return -ENOENT;");
    w.close("}");
    w.blank();
    w.open("int camkes_irq_ops(ps_irq_ops_t *irq_ops) {");
    w.line("if (irq_ops == NULL) return -EINVAL;");
    w.line("irq_ops->cookie = " + TABLE + ";");
    w.line("irq_ops->irq_register_fn = camkes_irq_register;");
    w.line("irq_ops->irq_unregister_fn = camkes_irq_unregister;");
    w.line("return 0;");
    w.close("}");
    w.blank();
    w.open("int camkes_io_ops(ps_io_ops_t *ops) {");
    w.line("if (ops == NULL) return -1;");
    w.line("return camkes_irq_ops(&ops->irq_ops);");
    w.close("}");
    w.blank();
    w.line("/* a registered callback takes precedence over <iface>_irq_handle() */");
    w.open("static void camkes_irq_arrived(camkes_allocated_irq_t *e) {");
    w.open("if (e->callback != NULL) {");
    w.line("e->callback(e->callback_data, camkes_irq_acknowledge, &e->irq);");
    w.line("return;");
    w.close("}");
    w.line("ps_irq_t irq = e->irq;");
    w.line("e->handle(&irq);");
    w.close("}");
    w.blank();
  }

  /** The {@code case} lines of {@code notified()}: the table entry of each interrupt. */
  static List<String> cases(PdView v) {
    List<String> out = new ArrayList<>();
    int k = 0;
    for (var e : v.dtbIrqs.entrySet()) {
      for (PdPlan.IrqUse i : e.getValue()) {
        out.add("case " + PdView.irqConst(i) + ": camkes_irq_arrived(&" + TABLE + "[" + k++
            + "]); break;");
      }
    }
    return out;
  }
}
