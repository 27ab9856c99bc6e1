// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a CAmkES application shaped like the largest corpus apps (camkes-vm-examples'
 * vm_multi and the global-components servers) but bigger: {@code vms} virtual machines, each
 * with virtqueues to its neighbour, a serial and a time server shared N-to-1, passthrough
 * devices with dtb(...) queries, cpp macros for the per-VM boilerplate, a compound component
 * with exports, groups, and a few hundred settings. Only constructs both cpkit and the
 * reference camkes-tool parser accept, so both can be timed on the same files.
 */
public final class LargeCamkes {
  private LargeCamkes() {}

  /** Writes the application under {@code dir} and returns the top-level file (needs -I dir/include). */
  public static Path write(Path dir, int vms) {
    try {
      Files.createDirectories(dir.resolve("include"));
      Files.createDirectories(dir.resolve("lib"));
      Files.writeString(dir.resolve("include/bench_vm.h"), header());
      Files.writeString(dir.resolve("lib/bench_interfaces.camkes"), interfaces());
      Files.writeString(dir.resolve("lib/bench_components.camkes"), components());
      Path top = dir.resolve("bench_system.camkes");
      Files.writeString(top, system(vms));
      return top;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String header() {
    return """
        /* Per-VM boilerplate, as camkes-vm's configurations/vm.h provides it. */
        #pragma once
        #define VM_RAM_SIZE 0x10000000
        #define VM_BASE_PRIO 100
        #define VM_IFACES(n) \\
            dataport Buf(4096) vq_##n##_send; \\
            dataport Buf(4096) vq_##n##_recv; \\
            emits Notify vq_##n##_send_ready; \\
            consumes Notify vq_##n##_recv_ready;
        #define VM_GENERAL_CONFIG(vm, id, core) \\
            vm.base_prio = VM_BASE_PRIO + (id); \\
            vm.num_vcpus = 1; \\
            vm.affinity = core; \\
            vm.cnode_size_bits = 23; \\
            vm.simple_untyped24_pool = 12; \\
            vm.ram_size = VM_RAM_SIZE; \\
            vm.ram_base = 0x40000000 + (id) * VM_RAM_SIZE; \\
            vm.kernel_image = "linux-" #vm; \\
            vm.kernel_cmdline = "console=ttyAMA0 root=/dev/vda rw vm=" #id; \\
            vm.heap_size = 0x40000; \\
            vm._priority = VM_BASE_PRIO + (id) - 1; \\
            vm.mmios = ["0x8040000:0x1000:12", "0x8030000:0x1000:12"]; \\
            vm.untyped_mmios = ["0x8040000:12", "0x40000000:29"]; \\
            vm.vm_address_config = { "ram_base" : 0x40000000, "ram_paddr_base" : 0x40000000, \\
                "ram_size" : VM_RAM_SIZE, "dtb_addr" : 0x4f000000, "initrd_addr" : 0x4d700000, \\
                "kernel_entry_addr" : -1 }; \\
            vm.vm_image_config = { "kernel_name" : "linux", "dtb_name" : "linux-dtb", \\
                "initrd_name" : "linux-initrd", "kernel_bootcmdline" : "", \\
                "kernel_stdout" : "/pl011@9000000", "provide_initrd" : true, \\
                "generate_dtb" : true, "provide_dtb" : false, "map_one_to_one" : false, \\
                "clean_cache" : false };
        #define VM_CONNECT_SERIAL(vm) \\
            connection seL4RPCCall vm##_putchar(from vm.putchar, to serial.processed_putchar); \\
            connection seL4Notification vm##_getchar_ready(from serial.getchar_ready, to vm.getchar_ready);
        #define VM_CONNECT_TIME(vm) \\
            connection seL4RPCCall vm##_timer(from vm.timer, to time_server.the_timer); \\
            connection seL4Notification vm##_timer_ready(from time_server.timer_notification, to vm.timer_ready);
        """;
  }

  private static String interfaces() {
    return """
        /* Procedures of a VM system, after global-components' interfaces/. */
        procedure PutChar {
            void put_char(in uint8_t c);
            void put_string(in string s, in int len);
        };
        procedure Timer {
            include <stdint.h>;
            int oneshot_absolute(in int id, in uint64_t ns);
            int oneshot_relative(in int id, in uint64_t ns);
            int periodic(in int id, in uint64_t ns);
            int stop(in int id);
            unsigned int completed();
            uint64_t time();
            uint64_t tsc_frequency();
        };
        procedure VMStatus {
            int status(out int state, out uint64_t uptime);
            int set_vcpus(in int count, refin int mask);
            void log(in string text);
        };
        procedure Block {
            int read(in uint64_t sector, in int count, out int done);
            int write(in uint64_t sector, in int count, inout int flags);
            uint64_t capacity();
        };
        """;
  }

  private static String components() {
    return """
        import "bench_interfaces.camkes";
        #include "bench_vm.h"

        struct vm_region {
            int base;
            int size;
            string name;
        };

        component SerialServer {
            control;
            has mutex serial_lock;
            provides PutChar processed_putchar;
            provides PutChar raw_putchar;
            emits Notify getchar_ready;
            dataport Buf(4096) serial_getchar;
            attribute int heap_size = 8192;
            attribute string default_console = "serial0";
        }

        component TimeServer {
            control;
            has semaphore time_sem;
            provides Timer the_timer;
            emits Notify timer_notification;
            attribute int timers_per_client = 4;
            attribute int heap_size = 8192;
        }

        component Uart {
            hardware;
            dataport Buf(4096) mem;
            emits Irq irq;
        }

        component VM {
            control;
            uses PutChar putchar;
            consumes Notify getchar_ready;
            uses Timer timer;
            consumes Notify timer_ready;
            maybe uses Block block;
            provides VMStatus status;
            VM_IFACES(0)
            VM_IFACES(1)
            attribute int base_prio;
            attribute int num_vcpus = 1;
            attribute int ram_size;
            attribute int ram_base;
            attribute string kernel_image;
            attribute string kernel_cmdline;
            attribute string mmios[];
            attribute string untyped_mmios[];
            attribute { int ram_base; int ram_paddr_base; int ram_size; int dtb_addr;
                int initrd_addr; int kernel_entry_addr; } vm_address_config;
            attribute vm_region regions[] = [];
        }

        component StorageDriver {
            control;
            provides Block block;
            dataport Buf(4096) mem;
            consumes Irq irq;
            attribute int queue_depth = 32;
        }

        component BlockBackend {
            provides Block block;
            composition {
                component StorageDriver driver;
                component Uart device;
                connection seL4HardwareMMIO dev_mem(from driver.mem, to device.mem);
                connection seL4HardwareInterrupt dev_irq(from device.irq, to driver.irq);
                export driver.block -> block;
            }
            configuration {
                device.mem_paddr = 0x9100000;
                device.mem_size = 0x1000;
                device.irq_irq_number = 79;
                driver.queue_depth = 64;
            }
        }
        """;
  }

  private static String system(int vms) {
    StringBuilder b = new StringBuilder();
    b.append("""
        /* Generated by cpkit's LargeCamkes: a VM system larger than any corpus application. */
        import <std_connector.camkes>;
        import "lib/bench_components.camkes";
        #include "bench_vm.h"

        assembly {
            composition {
                component SerialServer serial;
                component TimeServer time_server;
                component Uart uart;
                component BlockBackend storage;
                connection seL4HardwareMMIO uart_mem(from serial.serial_getchar, to uart.mem);
        """);
    for (int i = 0; i < vms; i++) {
      b.append("        component VM vm").append(i).append(";\n");
    }
    for (int i = 0; i < vms; i++) {
      String vm = "vm" + i;
      String next = "vm" + ((i + 1) % vms);
      b.append("        VM_CONNECT_SERIAL(").append(vm).append(")\n");
      b.append("        VM_CONNECT_TIME(").append(vm).append(")\n");
      for (int q = 0; q < 2; q++) {
        b.append("        connection seL4SharedData ").append(vm).append("_vq").append(q)
            .append("(from ").append(vm).append(".vq_").append(q).append("_send, to ").append(next)
            .append(".vq_").append(q).append("_recv);\n");
        b.append("        connection seL4Notification ").append(vm).append("_vq").append(q)
            .append("_ready(from ").append(vm).append(".vq_").append(q).append("_send_ready, to ")
            .append(next).append(".vq_").append(q).append("_recv_ready);\n");
      }
      if (i % 2 == 0) {
        b.append("        connection seL4RPCCall ").append(vm).append("_block(from ").append(vm)
            .append(".block, to storage.block);\n");
      }
    }
    b.append("""
            }
            configuration {
                uart.mem_paddr = 0x9000000;
                uart.mem_size = 0x1000;
                uart.irq_irq_number = 33;
                uart.dtb = dtb({"path" : "/pl011@9000000"});
                serial.heap_size = 0x10000;
                serial.priority = 250;
                time_server.timers_per_client = 2;
                time_server.priority = 251;
        """);
    for (int i = 0; i < vms; i++) {
      String vm = "vm" + i;
      b.append("        VM_GENERAL_CONFIG(").append(vm).append(", ").append(i).append(", ").append(i % 4)
          .append(")\n");
      b.append("        ").append(vm).append(".dtb = dtb([{\"path\" : \"/pl011@9000000\"}, {\"path\" : \"/timer\"}, {}]);\n");
      b.append("        ").append(vm).append(".regions = [{\"base\" : 0x").append(Integer.toHexString(0x50000000 + i * 0x100000))
          .append(", \"size\" : 0x100000, \"name\" : \"shm").append(i).append("\"}];\n");
      b.append("        ").append(vm).append("_vq0.size = 8192;\n");
      b.append("        ").append(vm).append(".putchar_attributes = \"").append(i + 1).append("\";\n");
      b.append("        ").append(vm).append(".timer_attributes = ").append(i + 1).append(";\n");
      b.append("        ").append(vm).append(".timer_global_endpoint = \"").append(vm).append("_timer\";\n");
      b.append("        ").append(vm).append(".timer_badge = ").append(1 << (i % 24)).append(";\n");
    }
    b.append("    }\n}\n");
    return b.toString();
  }

  /** Writes the application into a directory given on the command line (for the reference). */
  public static void main(String[] args) {
    Path top = write(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 16);
    System.out.println(top);
  }
}
