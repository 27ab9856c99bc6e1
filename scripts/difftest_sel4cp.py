#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Differential testing of cpkit's sel4cp / sel4cp-dev readers against the reference parsers.

Subcommands (driven by scripts/difftest-sel4cp.sh):

  gen DIALECT OUT_DIR            write generated SDF variants (*.system) and cases.tsv
  ref TOOL_DIR DIALECT CPUS HYP CASE_DIR OUT_TSV
                                 run the reference parser (TOOL_DIR = the reference
                                 checkout's tool/ directory) over every case, in one process
  compare REF_TSV CPKIT_TSV      print every discrepancy; exit 1 if there is any
  corpus REF_TSV CASE_DIR BOARD DEST_DIR [N [BASELINE_TSV]]
                                 copy N representative cases (one per kind of outcome first)
                                 into DEST_DIR and append their rows to DEST_DIR/expected.tsv;
                                 with BASELINE_TSV only cases whose outcome differs from it

TSV rows are: file, status, output. Status is OK (accepted; output = printed warnings),
ERROR (the message the reference CLI prints) or CRASH (the reference raised something other
than its UserError: the CLI would print a traceback). Text is escaped with \\\\ \\n \\t \\r.

Nothing here is taken from the reference tools: the generator is ours, and the reference is
only imported (from a path given on the command line) to run it.
"""
import contextlib
import io
import os
import random
import re
import sys
from pathlib import Path

# ---------------------------------------------------------------------------------------
# A tiny element tree of our own, serialised with full control over the bytes written.


class E:
    def __init__(self, tag, attrs=(), children=(), text=None, tail=None):
        self.tag = tag
        self.attrs = list(attrs)       # [(name, raw XML value)]
        self.children = list(children)
        self.text = text               # raw text written after the start tag
        self.tail = tail               # raw text written after the end tag

    def copy(self):
        return E(self.tag, list(self.attrs), [c.copy() for c in self.children],
                 self.text, self.tail)

    def get(self, name):
        for k, v in self.attrs:
            if k == name:
                return v
        return None

    def set(self, name, value):
        for i, (k, _) in enumerate(self.attrs):
            if k == name:
                self.attrs[i] = (name, value)
                return
        self.attrs.append((name, value))

    def drop(self, name):
        self.attrs = [(k, v) for k, v in self.attrs if k != name]


def serialise(root, indent="    ", decl=True, newline="\n", quote='"'):
    out = []
    if decl:
        out.append('<?xml version="1.0" encoding="UTF-8"?>' + newline)

    def write(e, depth):
        pad = indent * depth
        attrs = "".join(f" {k}={quote}{v}{quote}" for k, v in e.attrs)
        if not e.children and e.text is None:
            out.append(f"{pad}<{e.tag}{attrs} />")
        else:
            out.append(f"{pad}<{e.tag}{attrs}>")
            if e.text is not None:
                out.append(e.text)
            if e.children:
                out.append(newline)
                for c in e.children:
                    write(c, depth + 1)
                out.append(pad)
            out.append(f"</{e.tag}>")
        if e.tail is not None:
            out.append(e.tail)
        out.append(newline)

    write(root, 0)
    return "".join(out)


def walk(e, path=()):
    yield path, e
    for i, c in enumerate(e.children):
        yield from walk(c, path + (i,))


def at(root, path):
    e = root
    for i in path:
        e = e.children[i]
    return e


def parent_of(root, path):
    return at(root, path[:-1]), path[-1]


# ---------------------------------------------------------------------------------------
# Base systems: every element and attribute of each dialect, valid and without warnings.

def pd(name, attrs=(), children=()):
    return E("protection_domain", [("name", name)] + list(attrs), children)


def base_sel4cp():
    return E("system", [], [
        E("memory_region", [("name", "mr1"), ("size", "0x1000")]),
        E("memory_region", [("name", "mr2"), ("size", "0x200000"), ("page_size", "0x200000"),
                            ("phys_addr", "0x40000000")]),
        E("memory_region", [("name", "mr3"), ("size", "8192"), ("page_size", "4096"),
                            ("phys_addr", "0x9000000")]),
        pd("pd1", [("priority", "100"), ("budget", "1000"), ("period", "2000"), ("pp", "true"),
                   ("passive", "false")], [
            E("program_image", [("path", "pd1.elf")]),
            E("map", [("mr", "mr1"), ("vaddr", "0x4000000"), ("perms", "rw"),
                      ("cached", "true"), ("setvar_vaddr", "buf")]),
            E("map", [("mr", "mr2"), ("vaddr", "0x20000000"), ("perms", "r"),
                      ("cached", "false")]),
            E("irq", [("irq", "33"), ("id", "1")]),
            E("setvar", [("symbol", "paddr"), ("region_paddr", "mr2")]),
        ]),
        pd("pd2", [("priority", "99")], [
            E("map", [("mr", "mr3"), ("vaddr", "0x5000000")]),
            E("program_image", [("path", "pd2.elf")]),
            E("irq", [("irq", "0x22"), ("id", "2")]),
        ]),
        E("channel", [], [E("end", [("pd", "pd1"), ("id", "3")]),
                          E("end", [("pd", "pd2"), ("id", "4")])]),
        E("channel", [], [E("end", [("pd", "pd2"), ("id", "5")]),
                          E("end", [("pd", "pd1"), ("id", "6")])]),
    ])


def base_dev():
    root = base_sel4cp()
    root.children.insert(3, E("memory_region", [("name", "ram"), ("size", "0x400000"),
                                                ("page_size", "0x200000")]))
    vmm = pd("vmm", [("priority", "200"), ("cpu", "0")], [
        E("program_image", [("path", "vmm.elf")]),
        E("virtual_machine", [("name", "linux"), ("id", "0"), ("priority", "100"),
                              ("budget", "100"), ("period", "200"), ("cpu", "0")], [
            E("map", [("mr", "ram"), ("vaddr", "0x40000000"), ("perms", "rwx"),
                      ("cached", "true")]),
        ]),
        pd("child", [("id", "1"), ("priority", "150"), ("cpu", "0"), ("budget", "10"),
                     ("period", "20"), ("pp", "false"), ("passive", "true")], [
            E("program_image", [("path", "child.elf")]),
            E("irq", [("irq", "40"), ("id", "5"), ("trigger", "edge")]),
            pd("grandchild", [("id", "1")], [E("program_image", [("path", "gc.elf")])]),
        ]),
        pd("child2", [("id", "2")], [E("program_image", [("path", "c2.elf")]),
                                      E("irq", [("irq", "41"), ("id", "7"),
                                                ("trigger", "level")])]),
    ])
    root.children.insert(6, vmm)
    root.children.append(E("channel", [], [E("end", [("pd", "vmm"), ("id", "63")]),
                                           E("end", [("pd", "child"), ("id", "0")])]))
    return root


def base_small():
    return E("system", [], [
        E("memory_region", [("name", "m"), ("size", "0x1000")]),
        pd("a", [], [E("program_image", [("path", "a.elf")]),
                     E("map", [("mr", "m"), ("vaddr", "0x1000")])]),
        pd("b", [], [E("program_image", [("path", "b.elf")])]),
        E("channel", [], [E("end", [("pd", "a"), ("id", "0")]),
                          E("end", [("pd", "b"), ("id", "0")])]),
    ])


# ---------------------------------------------------------------------------------------
# Value pools.

NUMBERS = [
    "", " ", "0", "00", "0_0", "1", "-0", "+0", "4096", "04096", "0x1000", "0X1000",
    "0x_1000", "0x__1000", "0x1000_", "0x1_000", "1_000", "1__000", "_1000", "0o10000",
    "0O10", "0o", "0b1", "0B1000000000000", "0b2", "0x", "0xg", "1e3", "1.0", "4096L",
    "0x200_000sd", "+4096", "-4096", " 4096 ", "&#9;4096&#10;", "&#xa0;4096", "4096&#x2003;",
    "&#x661;&#x662;", "&#xff11;&#xff12;", "&#xff11;x", "0x&#xff11;", "&#x200b;1",
    "99999999999999999999999", "0x" + "f" * 40, "-0x1000", "+0x1000", "- 1", "0x 1",
    "0" * 20 + "1", "1" * 4301, "1" * 4300, "0" * 4301, "1" * 4301 + "x", "x" * 250,
    "'1'", "&quot;1&quot;", "&lt;1", "0x1000 0x1000", "&#x85;12", "True", "0b_1", "0_1",
]
BOOLS = ["true", "false", "TRUE", "False", "fAlSe", "yes", "1", "0", "", " true", "true ",
         "tru", "t", "&#x54;rue"]
IDS = ["-1", "0", "1", "62", "63", "64", "65", "100", "254", "255", "256", "0x3f", "0x40",
       "1_0", "010", "0x1", " 5 ", "-0", "+63"]
PRIORITIES = ["-1", "0", "254", "255", "256", "0xfe", "0xff", "1000"]
CPUS = ["-1", "0", "1", "3", "4", "0x0", "0x3", "64"]
PAGE_SIZES = ["0x1000", "0x200000", "0x40000000", "0x0", "0", "-0x1000", "0x2000", "4095",
              "0x3000", "0x200001", "4096"]
SIZES = ["0", "-0x1000", "0x1000", "0x1001", "0x1800", "0x200000", "0x400000", "0xfff",
         "0x10000000000000000", "-1"]
ADDRS = ["0x0", "0x1000", "0x1001", "0x200000", "0x201000", "-0x1000", "0x800", "0x7fffffff000",
         "0xffffffffffffffff000", "-1"]
PERMS = ["", "r", "w", "x", "rw", "rwx", "W", "ww", "wr", "rq", "r w", "RW"]
TRIGGERS = ["level", "edge", "Level", "EDGE", "rising", "", " edge", "level "]
NAMES = ["", " ", "a", "pd1", "pd2", "mr1", "mr2", "vmm", "child", "linux", "x" * 70,
         "na&amp;me", "n&lt;&gt;", "é", "名前", "&#x1F600;", "monitor", "with space"]

UNKNOWN_ATTRS = ["foo", "id", "cpu", "stack_size", "smc", "fpu", "domain", "pd_id", "vm_id",
                 "setvar_size", "setvar_prefill_size", "setvar_id", "path_for_symbols",
                 "notify", "pp", "page_count", "prefill_path", "Name", "NAME", "trigger",
                 "xmlns", "xml:lang", "a:b"]
UNKNOWN_TAGS = ["foo", "vcpu", "ioport", "cspace", "domains", "io_address_space", "end",
                "map", "irq", "setvar", "program_image", "memory_region", "channel",
                "protection_domain", "virtual_machine", "Protection_Domain", "x:y"]


def pool_for(tag, attr):
    if attr in ("size",):
        return SIZES + NUMBERS
    if attr == "page_size":
        return PAGE_SIZES + NUMBERS
    if attr in ("phys_addr", "vaddr"):
        return ADDRS + NUMBERS
    if attr in ("pp", "passive", "cached"):
        return BOOLS
    if attr == "priority":
        return PRIORITIES + NUMBERS
    if attr in ("budget", "period"):
        return ["0", "1", "999", "1000", "1001", "2000", "-5", "0x3e8"] + NUMBERS
    if attr == "cpu":
        return CPUS + NUMBERS
    if attr in ("id", "irq"):
        return IDS + NUMBERS
    if attr == "perms":
        return PERMS
    if attr == "trigger":
        return TRIGGERS
    if attr in ("name", "pd", "mr", "region_paddr", "path", "symbol", "setvar_vaddr"):
        return NAMES
    return NAMES


# ---------------------------------------------------------------------------------------
# Tree mutations.

def tree_mutations(base, dialect):
    """Yields (description, root) pairs, one per mutation of the base tree."""
    for path, e in list(walk(base)):
        where = "/".join(str(i) for i in path) or "root"
        label = f"{where}-{e.tag}"
        for k, _ in e.attrs:
            r = base.copy()
            at(r, path).drop(k)
            yield f"{label}-drop-{k}", r
            for new in ("x" + k, k.upper(), k + "_"):
                r = base.copy()
                t = at(r, path)
                t.attrs = [(new if a == k else a, v) for a, v in t.attrs]
                yield f"{label}-rename-{k}-{new}", r
            for i, v in enumerate(pool_for(e.tag, k)):
                r = base.copy()
                at(r, path).set(k, v)
                yield f"{label}-{k}-v{i}", r
        for a in UNKNOWN_ATTRS:
            if e.get(a) is None:
                r = base.copy()
                at(r, path).attrs.append((a, "1"))
                yield f"{label}-add-{a}", r
                r = base.copy()
                at(r, path).attrs.insert(0, (a, "1"))
                yield f"{label}-addfirst-{a}", r
        # stray text, inside (before the first child) and after the element
        for tx in ("x", " x ", "<![CDATA[x]]>", "<![CDATA[ ]]>", "&#x20;", "&amp;", "<!-- c -->x",
                   "&#160;"):
            r = base.copy()
            at(r, path).text = tx
            yield f"{label}-text-{tx[:6]}", r
            if path:
                r = base.copy()
                at(r, path).tail = tx
                yield f"{label}-tail-{tx[:6]}", r
        if not path:
            continue
        par, idx = parent_of(base, path)
        r = base.copy()
        p2, i2 = parent_of(r, path)
        del p2.children[i2]
        yield f"{label}-delete", r
        r = base.copy()
        p2, i2 = parent_of(r, path)
        p2.children.insert(i2 + 1, p2.children[i2].copy())
        yield f"{label}-duplicate", r
        for front in (True, False):
            r = base.copy()
            p2, i2 = parent_of(r, path)
            c = p2.children.pop(i2)
            if front:
                p2.children.insert(0, c)
            else:
                p2.children.append(c)
            yield f"{label}-move-{'first' if front else 'last'}", r
        for t in UNKNOWN_TAGS:
            r = base.copy()
            at(r, path).tag = t
            yield f"{label}-retag-{t}", r
        # an unknown or misplaced child at every level
        for t in UNKNOWN_TAGS[:8] + ["protection_domain", "virtual_machine", "map"]:
            r = base.copy()
            at(r, path).children.append(E(t, [("name", "zz")]))
            yield f"{label}-child-{t}", r
        # move the element to the root
        r = base.copy()
        p2, i2 = parent_of(r, path)
        c = p2.children.pop(i2)
        r.children.append(c)
        yield f"{label}-toroot", r
    yield "base", base.copy()


def system_mutations(dialect):
    """Whole-system cases: counts, duplicates, collisions, nesting."""
    out = []
    dev = dialect == "sel4cp-dev"

    def small(pds, mrs=(), channels=()):
        return E("system", [], list(mrs) + list(pds) + list(channels))

    def simple_pd(name, *children, attrs=()):
        return pd(name, attrs, [E("program_image", [("path", f"{name}.elf")])] + list(children))

    for n in (0, 1, 62, 63, 64, 70):
        out.append((f"pds-{n}", small([simple_pd(f"p{i}") for i in range(n)])))
    out.append(("empty-system", E("system")))
    out.append(("root-named-other", E("sdf", [], [simple_pd("a")])))
    out.append(("root-attrs", E("system", [("foo", "bar")], [simple_pd("a")])))
    out.append(("mrs-only", small([], [E("memory_region", [("name", "m"), ("size", "0x1000")])])))
    out.append(("dup-pd", small([simple_pd("a"), simple_pd("a")])))
    out.append(("dup-pd-case", small([simple_pd("a"), simple_pd("A")])))
    out.append(("dup-mr", small([simple_pd("a")], [E("memory_region", [("name", "m"), ("size", "0x1000")])] * 2)))
    out.append(("dup-mr-and-pd", small([simple_pd("a"), simple_pd("a")],
                                       [E("memory_region", [("name", "m"), ("size", "0x1000")])] * 2)))
    out.append(("dup-irq", small([simple_pd("a", E("irq", [("irq", "5"), ("id", "1")])),
                                  simple_pd("b", E("irq", [("irq", "0x5"), ("id", "1")]))])))
    out.append(("dup-irq-same-pd", small([simple_pd("a", E("irq", [("irq", "5"), ("id", "1")]),
                                                    E("irq", [("irq", "5"), ("id", "2")]))])))
    out.append(("dup-irq-id", small([simple_pd("a", E("irq", [("irq", "5"), ("id", "1")]),
                                               E("irq", [("irq", "6"), ("id", "1")]))])))
    out.append(("dup-irq-id-hex", small([simple_pd("a", E("irq", [("irq", "5"), ("id", "0x1")]),
                                                   E("irq", [("irq", "6"), ("id", "1")]))])))
    ch = lambda a, ia, b, ib: E("channel", [], [E("end", [("pd", a), ("id", ia)]),
                                               E("end", [("pd", b), ("id", ib)])])
    out.append(("self-channel-same-id", small([simple_pd("a")], [], [ch("a", "4", "a", "4")])))
    out.append(("self-channel", small([simple_pd("a")], [], [ch("a", "4", "a", "5")])))
    out.append(("ch-dup-a", small([simple_pd("a"), simple_pd("b")], [],
                                  [ch("a", "1", "b", "1"), ch("a", "1", "b", "2")])))
    out.append(("ch-dup-b", small([simple_pd("a"), simple_pd("b")], [],
                                  [ch("a", "1", "b", "1"), ch("a", "2", "b", "1")])))
    out.append(("ch-dup-irq", small([simple_pd("a", E("irq", [("irq", "5"), ("id", "3")])),
                                     simple_pd("b")], [], [ch("b", "3", "a", "3")])))
    out.append(("ch-leading-zero", small([simple_pd("a"), simple_pd("b")], [],
                                         [ch("a", "01", "b", "0_2")])))
    out.append(("ch-unknown-pd-a", small([simple_pd("a")], [], [ch("x", "1", "a", "1")])))
    out.append(("ch-unknown-pd-b", small([simple_pd("a")], [], [ch("a", "1", "y", "1")])))
    out.append(("ch-unknown-both", small([simple_pd("a")], [], [ch("x", "1", "y", "1")])))
    out.append(("ch-before-pd-dup", small([simple_pd("a"), simple_pd("a")], [],
                                          [ch("x", "1", "y", "1")])))
    mr = lambda n, s="0x1000", *a: E("memory_region", [("name", n), ("size", s)] + list(a))
    mp = lambda m, v, *a: E("map", [("mr", m), ("vaddr", v)] + list(a))
    out.append(("map-unknown-mr", small([simple_pd("a", mp("nope", "0x1000"))], [mr("m")])))
    out.append(("map-misaligned", small([simple_pd("a", mp("m", "0x1800"))], [mr("m")])))
    out.append(("map-misaligned-big", small([simple_pd("a", mp("m", "0x1000"))],
                                            [mr("m", "0x200000", ("page_size", "0x200000"))])))
    out.append(("map-negative-aligned", small([simple_pd("a", mp("m", "-0x1000"))], [mr("m")])))
    out.append(("map-negative-misaligned", small([simple_pd("a", mp("m", "-0x800"))], [mr("m")])))
    out.append(("map-huge", small([simple_pd("a", mp("m", "0x" + "1" * 30 + "000"))], [mr("m")])))
    out.append(("map-dup-mr-broken", small([simple_pd("a", mp("m", "0x1800"))],
                                           [mr("m"), mr("m", "0x200000", ("page_size", "0x200000"))])))
    out.append(("unused-3", small([simple_pd("a")], [mr("x"), mr("y"), mr("z")])))
    out.append(("unused-dup", small([simple_pd("a")], [mr("x"), mr("x")])))
    out.append(("unused-one-of-two", small([simple_pd("a", mp("x", "0x0"))], [mr("x"), mr("y")])))
    out.append(("map-twice", small([simple_pd("a", mp("x", "0x0"), mp("x", "0x0"))], [mr("x")])))
    out.append(("huge-budget", small([simple_pd("a", attrs=[("budget", "0x" + "f" * 3600),
                                                             ("period", "1")])])))
    out.append(("huge-budget-ok", small([simple_pd("a", attrs=[("budget", "0x" + "f" * 3600),
                                                                ("period", "0x" + "f" * 3601)])])))
    out.append(("huge-irq-dup", small([simple_pd("a", E("irq", [("irq", "0x" + "f" * 3600), ("id", "1")])),
                                       simple_pd("b", E("irq", [("irq", "0x" + "f" * 3600), ("id", "1")]))])))
    out.append(("huge-page-size", small([simple_pd("a")], [mr("m", "0x1000", ("page_size", "0x" + "f" * 3600))])))
    out.append(("huge-size-warn", small([simple_pd("a")], [mr("m", "0x" + "f" * 3600 + "000")])))
    deep = simple_pd("d0")
    cur = deep
    for i in range(1, 40):
        nxt = simple_pd(f"d{i}", attrs=[("id", "1")]) if dev else simple_pd(f"d{i}")
        cur.children.append(nxt)
        cur = nxt
    out.append(("nest-40", small([deep])))
    for depth in (300, 600, 1200):
        txt = ('<system>' + '<protection_domain name="a">' * depth
               + '</protection_domain>' * depth + '</system>')
        out.append((f"raw-nest-{depth}", txt))
        txt = '<system>' + '<x>' * depth + '</x>' * depth + '</system>'
        out.append((f"raw-deep-x-{depth}", txt))
    if dev:
        c = lambda n, i, *ch, attrs=(): pd(n, [("id", i)] + list(attrs),
                                           [E("program_image", [("path", f"{n}.elf")])] + list(ch))
        vm = lambda n, i, *ch, attrs=(): E("virtual_machine", [("name", n), ("id", i)] + list(attrs), list(ch))
        out.append(("child-dup-id", small([simple_pd("p", c("c1", "1"), c("c2", "1"))])))
        out.append(("child-dup-id-hex", small([simple_pd("p", c("c1", "0x4"), c("c2", "4"))])))
        out.append(("child-dup-id-and-dup-name", small([simple_pd("p", c("p", "1"), c("c2", "1"))])))
        out.append(("child-dup-id-nested", small([simple_pd("p", c("c1", "1", c("g1", "3"), c("g2", "3")))])))
        out.append(("child-reuse-parent-id", small([simple_pd("p", c("c1", "1", c("g1", "1")))])))
        out.append(("child-dup-id-later", small([simple_pd("p", c("c1", "1"), c("c2", "2")),
                                                  simple_pd("q", c("d1", "1"), c("d2", "1"))])))
        out.append(("child-dup-id-vs-empty", small([], [mr("m")])))
        out.append(("children-63", small([simple_pd("p", *[c(f"c{i}", str(i)) for i in range(62)])])))
        out.append(("children-64", small([simple_pd("p", *[c(f"c{i}", str(i)) for i in range(63)])])))
        out.append(("dup-vm", small([simple_pd("a", vm("v", "0")), simple_pd("b", vm("v", "0"))])))
        out.append(("dup-vm-pdname", small([simple_pd("a", vm("a", "0"))])))
        out.append(("two-vms", small([simple_pd("a", vm("v", "0"), vm("w", "1"))])))
        out.append(("vm-map-unknown-mr", small([simple_pd("a", vm("v", "0", mp("nope", "0x0")))], [mr("m")])))
        out.append(("vm-map-misaligned", small([simple_pd("a", vm("v", "0", mp("m", "0x800")))], [mr("m")])))
        out.append(("vm-map-w", small([simple_pd("a", vm("v", "0", mp("m", "0x0", ("perms", "w"))))], [mr("m")])))
        out.append(("vm-map-used", small([simple_pd("a", vm("v", "0", mp("m", "0x0")))], [mr("m"), mr("n")])))
        out.append(("vm-map-after-pd-map-err", small([simple_pd("a", vm("v", "0", mp("nope", "0x0")), mp("m", "0x800"))], [mr("m")])))
        out.append(("child-map-err-order", small([simple_pd("a", c("k", "1", mp("m", "0x800")), mp("nope", "0"))], [mr("m")])))
        out.append(("child-irq-dup", small([simple_pd("a", E("irq", [("irq", "9"), ("id", "1")]),
                                                      c("k", "1", E("irq", [("irq", "9"), ("id", "1")])))])))
        out.append(("child-chan-id-reuse", small([simple_pd("a", E("irq", [("irq", "9"), ("id", "1")]),
                                                            c("k", "1"))], [], [ch("k", "1", "a", "2")])))
        out.append(("irq-id-63-vs-end-63", small([simple_pd("a", E("irq", [("irq", "9"), ("id", "63")])),
                                                  simple_pd("b")], [], [ch("a", "63", "b", "1")])))
        out.append(("irq-id-negative", small([simple_pd("a", E("irq", [("irq", "9"), ("id", "-1")]))])))
        out.append(("irq-id-1000", small([simple_pd("a", E("irq", [("irq", "9"), ("id", "1000")]))])))
        out.append(("vm-before-image", small([pd("a", [], [vm("v", "0"), E("program_image", [("path", "x")])])])))
        out.append(("vm-vcpu", small([simple_pd("a", vm("v", "0", E("vcpu", [("id", "0")])))])))
        out.append(("vm-at-root", E("system", [], [simple_pd("a"), vm("v", "0")])))
        out.append(("vm-vm_id", small([simple_pd("a", E("virtual_machine", [("name", "v"), ("vm_id", "0")]))])))
        out.append(("child-pd_id", small([simple_pd("a", pd("k", [("pd_id", "1")], [E("program_image", [("path", "k")])]))])))
        out.append(("top-id", small([simple_pd("a", attrs=[("id", "2")])])))
        out.append(("child-no-image", small([simple_pd("a", pd("k", [("id", "1")]))])))
        out.append(("child-unknown-then-second-vm", small([simple_pd("a", vm("v", "0"), vm("w", "1", E("foo")))])))
        out.append(("vm-map-bad-then-missing", small([simple_pd("a", vm("v", "0", E("map", [("vaddr", "x")])))])))
        out.append(("child-cpu-bad", small([simple_pd("a", c("k", "1", attrs=[("cpu", "2")]))])))
        out.append(("vm-cpu-3", small([simple_pd("a", vm("v", "0", attrs=[("cpu", "3")]))])))
        out.append(("pd-cpu-3", small([simple_pd("a", attrs=[("cpu", "3")])])))
        out.append(("child-budget-cpu-order", small([simple_pd("a", c("k", "1", attrs=[("cpu", "9"), ("budget", "5"), ("period", "1")]))])))
        out.append(("child-budget-id-order", small([simple_pd("a", pd("k", [("budget", "5"), ("period", "1")], [E("program_image", [("path", "k")])]))])))
        out.append(("vm-priority-300", small([simple_pd("a", vm("v", "0", attrs=[("priority", "300"), ("budget", "9"), ("period", "1")]))])))
    return out


# ---------------------------------------------------------------------------------------
# Text and byte level mutations: XML syntax errors, encodings, line endings.

def text_mutations(base_text, rng, count):
    out = []
    n = len(base_text)
    special = [m.start() for m in re.finditer(r'[<>"=/&!?\-\n]', base_text)]
    inserts = ["<", ">", "&", "&;", "&foo;", "&#0;", "&#x110000;", "&#xD800;", "&#65;", "&#x41",
               "]]>", "<!-- -- -->", "<!---->", "<?pi x?>", "<?xml version='1.0'?>", "<!DOCTYPE x>",
               "<![CDATA[x]]>", "<![CDATA[", "\x01", "\x0b", "\x7f", "\u00e9", "\u4e2d", "\U0001F600",
               "\ufeff", "\t", "\r", "\r\n", "'", '"', "=", "/", "</x>", "<x>", "<1>", "< x>",
               "&amp", "&#;", "&#x;", "<!x>", "\ufffe", "\x85", "\u2028"]
    for i in range(count):
        pos = rng.choice(special) if special and rng.random() < 0.7 else rng.randrange(n + 1)
        kind = rng.random()
        if kind < 0.15:
            out.append((f"trunc-{pos}", base_text[:pos]))
        elif kind < 0.25:
            out.append((f"del-{pos}", base_text[:pos] + base_text[pos + 1:]))
        else:
            ins = rng.choice(inserts)
            out.append((f"ins-{pos}-{ord(ins[0]):x}", base_text[:pos] + ins + base_text[pos:]))
    return out


def byte_cases(base_text):
    b = base_text.encode("utf-8")
    body = base_text.split("?>", 1)[1].lstrip("\n")
    cases = [
        ("bom-utf8", b"\xef\xbb\xbf" + b),
        ("bom-utf8-nodecl", b"\xef\xbb\xbf" + body.encode()),
        ("bom-twice", b"\xef\xbb\xbf\xef\xbb\xbf" + body.encode()),
        ("utf16le-bom", b"\xff\xfe" + body.encode("utf-16-le")),
        ("utf16be-bom", b"\xfe\xff" + body.encode("utf-16-be")),
        ("utf16le-bom-decl", b"\xff\xfe" + base_text.replace("UTF-8", "UTF-16").encode("utf-16-le")),
        ("utf16-nobom", body.encode("utf-16-le")),
        ("latin1-decl", base_text.replace("UTF-8", "ISO-8859-1").replace("pd1.elf", "pd\xe9.elf")
         .encode("latin-1")),
        ("latin1-decl-name", base_text.replace("UTF-8", "ISO-8859-1").replace('"pd2"', '"p\xe9"')
         .replace('"pd2"', '"p\xe9"').encode("latin-1")),
        ("ascii-decl-8bit", base_text.replace("UTF-8", "US-ASCII").replace("pd1.elf", "p\xe9").encode("latin-1")),
        ("unknown-encoding", base_text.replace("UTF-8", "klingon").encode()),
        ("utf16-decl-utf8-bytes", base_text.replace("UTF-8", "UTF-16").encode()),
        ("empty", b""),
        ("only-ws", b"  \n\n  "),
        ("only-decl", b'<?xml version="1.0"?>\n'),
        ("only-comment", b"<!-- x -->\n"),
        ("crlf", base_text.replace("\n", "\r\n").encode()),
        ("cr", base_text.replace("\n", "\r").encode()),
        ("tabs", base_text.replace("    ", "\t").encode()),
        ("decl-late", b"\n" + b),
        ("decl-space", b" " + b),
        ("junk-after", b + b"x"),
        ("second-root", b + b"<system/>"),
        ("comment-after", b + b"<!-- end -->\n<?pi?>\n"),
        ("text-before", b"x" + body.encode()),
        ("decl-bad-version", base_text.replace('version="1.0"', 'version="2.0"').encode()),
        ("decl-standalone", base_text.replace('encoding="UTF-8"', 'standalone="yes"').encode()),
        ("decl-no-version", base_text.replace('version="1.0" ', '').encode()),
        ("doctype", b'<?xml version="1.0"?>\n<!DOCTYPE system>\n' + body.encode()),
        ("doctype-entity", (b'<?xml version="1.0"?>\n<!DOCTYPE system [<!ENTITY n "pd9">]>\n'
                            + body.replace('"pd2"', '"&n;"').encode())),
        ("doctype-entity-undefined", (b'<?xml version="1.0"?>\n<!DOCTYPE system [<!ENTITY n "x">]>\n'
                                      + body.replace('"pd2"', '"&m;"').encode())),
        ("doctype-external", (b'<?xml version="1.0"?>\n<!DOCTYPE system SYSTEM "x.dtd">\n'
                              + body.replace('"pd2"', '"&m;"').encode())),
        ("entity-undefined", body.replace('"pd2"', '"&m;"').encode()),
        ("entity-undefined-text", body.replace("<channel>", "<channel>&m;", 1).encode()),
        ("charref-name", body.replace('"pd2"', '"&#112;d2"').encode()),
        ("nonascii-before-bad", body.replace("<channel>", "<!-- \u00e9\u00e9\u4e2d\U0001F600 --><channel x>", 1).encode()),
        ("nonascii-line-bad", body.replace("<channel>", "<!--\u00e9\u4e2d\U0001F600--><1>", 1).encode()),
        ("nonascii-attr-bad", body.replace('name="pd2"', 'name="\u00e9\u4e2d\U0001F600" <', 1).encode()),
        ("nonascii-elem-col", body.replace("<channel>", "<!--\u00e9\u4e2d\U0001F600--><channel>", 1).replace('pd="pd1"', 'pd="pdX"', 1).encode()),
    ]
    for bad, label in ((b"\xff", "ff"), (b"\xc3", "c3-trunc"), (b"\xc3(", "c3-bad"),
                       (b"\xed\xa0\x80", "surrogate"), (b"\xf4\x90\x80\x80", "too-big"),
                       (b"\xc0\xaf", "overlong"), (b"\x80", "cont"), (b"\xef\xbf\xbe", "fffe")):
        for where in ("attr", "text", "comment", "name", "start"):
            if where == "attr":
                t = b.replace(b"pd1.elf", b"pd1" + bad + b".elf", 1)
            elif where == "text":
                t = b.replace(b"<channel>", b"<channel>" + bad, 1)
            elif where == "comment":
                t = b.replace(b"<channel>", b"<!-- " + bad + b" --><channel>", 1)
            elif where == "name":
                t = b.replace(b"<channel>", b"<chan" + bad + b"nel>", 1)
            else:
                t = bad + b
            cases.append((f"badutf8-{label}-{where}", t))
    return cases


# ---------------------------------------------------------------------------------------

def slug(s):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", s)[:60]


def gen(dialect, out_dir):
    rng = random.Random(4242 if dialect == "sel4cp" else 2424)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    bases = [("base", base_dev() if dialect == "sel4cp-dev" else base_sel4cp()),
             ("small", base_small())]
    if dialect == "sel4cp":
        bases.append(("devsyn", base_dev()))   # dev syntax must fail in sel4cp
    cases = []
    for bname, base in bases:
        for desc, root in tree_mutations(base, dialect):
            cases.append((f"{bname}-{desc}", serialise(root).encode("utf-8")))
    for desc, root in system_mutations(dialect):
        text = root if isinstance(root, str) else serialise(root, decl=False)
        cases.append((f"sys-{desc}", text.encode("utf-8")))
    base_text = serialise(bases[0][1])
    for desc, text in text_mutations(base_text, rng, 1500):
        cases.append((f"xml-{desc}", text.encode("utf-8", "surrogatepass")))
    for desc, data in byte_cases(base_text):
        cases.append((f"bytes-{desc}", data))
    # styles: single quotes, no declaration, compact
    for desc, text in (("squote", serialise(bases[0][1], quote="'")),
                       ("compact", serialise(bases[0][1], indent="", newline="")),
                       ("nodecl", serialise(bases[0][1], decl=False))):
        cases.append((f"style-{desc}", text.encode()))
    seen = set()
    rows = []
    for i, (desc, data) in enumerate(cases):
        name = f"{i:05d}-{slug(desc)}.system"
        if data in seen:
            continue
        seen.add(data)
        (out / name).write_bytes(data)
        rows.append(f"{name}\t{desc}\n")
    (out / "cases.tsv").write_text("".join(rows), encoding="utf-8", errors="backslashreplace")
    print(f"{len(rows)} cases written to {out}")


# ---------------------------------------------------------------------------------------
# Running the reference.

def escape(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def unescape(s):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), s)


def ref(tool_dir, dialect, num_cpus, hyp, case_dir, out_path):
    out_path = os.path.abspath(out_path)
    sys.path.insert(0, os.path.abspath(tool_dir))
    # sysxml forces the pure-Python ElementTree itself; import it before anything else does.
    from sel4coreplat import sysxml
    from sel4coreplat.util import UserError
    if dialect == "sel4cp":
        plat = sysxml.PlatformDescription(page_sizes=(0x1000, 0x200000))
    else:
        plat = sysxml.PlatformDescription(page_sizes=(0x1000, 0x200000), num_cpus=int(num_cpus),
                                          kernel_is_hypervisor=hyp.lower() in ("1", "true", "yes"))
    os.chdir(case_dir)
    rows = []
    for name in sorted(n for n in os.listdir(".") if n.endswith(".system")):
        buf = io.StringIO()
        status = "OK"
        try:
            with contextlib.redirect_stdout(buf):
                sysxml.xml2system(Path(name), plat)
            text = buf.getvalue()
        except UserError as e:
            status, text = "ERROR", str(e) + "\n"
        except BaseException as e:  # the reference CLI would print a traceback here
            status, text = "CRASH", f"{type(e).__name__}: {str(e)[:300]}\n"
        rows.append(f"{name}\t{status}\t{escape(text)}\n")
    with open(out_path, "w", encoding="utf-8", errors="backslashreplace") as f:
        f.writelines(rows)


def read_tsv(path):
    rows = {}
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            rows[cells[0]] = (cells[1], unescape(cells[2]))
    return rows


# Cases where cpkit differs on purpose or cannot match yet (docs/differential-testing.md):
# cpkit refuses DOCTYPEs (design: no DTDs), and it counts columns in UTF-16 units, so a
# character outside the BMP earlier on the line shifts the column by one.
KNOWN = re.compile(r"bytes-doctype|bytes-nonascii-(before-bad|line-bad|attr-bad|elem-col)")


def same(r, c):
    """Whether cpkit's outcome c matches the reference's r (see the module comment)."""
    if r[0] == "CRASH":
        return c[0] == "ERROR"
    if r[0] != c[0]:
        return False
    if r[0] == "OK":
        return sorted(r[1].splitlines()) == sorted(c[1].splitlines())
    return r[1] == c[1]


def compare(ref_path, cpkit_path):
    r, c = read_tsv(ref_path), read_tsv(cpkit_path)
    bad = 0
    known = 0
    for name in sorted(r):
        if KNOWN.search(name) and name in c and not same(r[name], c[name]):
            known += 1
            continue
        if name not in c:
            print(f"{name}: missing in cpkit output")
            bad += 1
        elif not same(r[name], c[name]):
            bad += 1
            print(f"{name}\n  ref:   {r[name][0]} {r[name][1]!r}\n  cpkit: {c[name][0]} {c[name][1]!r}")
    kinds = {}
    for v in r.values():
        kinds[v[0]] = kinds.get(v[0], 0) + 1
    print(f"{len(r)} cases ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
          f"{bad} discrepancies, {known} known differences")
    return 1 if bad else 0


def kind_of(name, status, text):
    """A coarse class of an outcome, for picking representative corpus cases."""
    text = text.replace(name, "F")
    if text.startswith("XML parse error"):
        # one kind per sort of damage, so that many expat errors are kept
        m = re.match(r"\d+-(xml-(ins|del|trunc)(-\d+-(\w+))?|bytes-.*|sys-.*|.*)\.system$", name)
        return "XML " + re.sub(r"-\d+", "", m.group(1)) if m else "XML"
    if status != "ERROR":
        return status + ("-warn" if text else "")
    t = re.sub(r"'[^']*'", "'_'", text)
    t = re.sub(r"\d+", "N", t)
    t = re.sub(r":N\.N", "", t)
    return t


def corpus(ref_path, case_dir, board, dest, limit=300, baseline=None):
    rows = {k: v for k, v in read_tsv(ref_path).items() if not KNOWN.search(k)}
    if baseline:
        # for a second board, only the cases whose outcome the board changes
        base = read_tsv(baseline)
        rows = {k: v for k, v in rows.items() if base.get(k) != v}
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    existing = set()
    exp = dest / "expected.tsv"
    if exp.exists():
        existing = {l.split("\t")[0] for l in exp.read_text(encoding="utf-8").splitlines()}
    rng = random.Random(7)
    by_kind = {}
    for name in sorted(rows):
        by_kind.setdefault(kind_of(name, *rows[name]), []).append(name)
    chosen = []
    # one per kind first, then round-robin for variety, small files only
    pools = [sorted(v, key=lambda n: (os.path.getsize(os.path.join(case_dir, n)), n))
             for _, v in sorted(by_kind.items())]
    while len(chosen) < limit and any(pools):
        for p in pools:
            while p and os.path.getsize(os.path.join(case_dir, p[0])) > 8000:
                p.pop(0)
            if p and len(chosen) < limit:
                chosen.append(p.pop(rng.randrange(min(len(p), 5))))
    with open(exp, "a", encoding="utf-8") as f:
        if not existing:
            f.write("# file\tboard\tstatus\toutput (recorded from the reference parser by"
                    " scripts/difftest-sel4cp.sh)\n")
        for name in sorted(chosen):
            target = f"{board}-{name}" if board != "-" else name
            if target in existing:
                continue
            data = Path(case_dir, name).read_bytes()
            # the file name appears in messages: rewrite it as the corpus name
            status, text = rows[name]
            (dest / target).write_bytes(data)
            f.write(f"{target}\t{board}\t{status}\t{escape(text.replace(name, target))}\n")
    print(f"{len(chosen)} cases from {len(by_kind)} kinds of outcome added to {dest}")


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "gen":
        gen(argv[2], argv[3])
    elif cmd == "ref":
        ref(*argv[2:8])
    elif cmd == "compare":
        sys.exit(compare(argv[2], argv[3]))
    elif cmd == "corpus":
        corpus(argv[2], argv[3], argv[4], argv[5], int(argv[6]) if len(argv) > 6 else 300,
               argv[7] if len(argv) > 7 else None)
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
