#!/usr/bin/env python3
"""Lists import cycles between the top-level modules of a crate.

    scripts/module_cycles.py crates/gazette-core/src [src ...]

A module's edges are the `crate::<module>` paths its files name (and
`super::<module>` from a child file). Prints each cycle found and exits 1 if
there is one; the test suite runs it on every crate (tests/architecture.rs).
"""
import os
import re
import sys


def modules(src):
    """Top-level module name → the files that make it up."""
    out = {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs") or f == "tests.rs":
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), src)
            top = rel.split(os.sep)[0]
            name = top[:-3] if top.endswith(".rs") else top
            if name in ("lib", "main"):
                continue
            out.setdefault(name, []).append(os.path.join(dirpath, f))
    return out


def edges(src):
    mods = modules(src)
    graph = {m: set() for m in mods}
    for m, files in mods.items():
        for path in files:
            text = open(path, encoding="utf-8").read()
            # Leave out test modules: they may use anything.
            text = text.split("#[cfg(test)]")[0]
            # Leave out comments: a doc link is no import.
            text = re.sub(r"//[^\n]*", "", text)
            for other in re.findall(r"crate::([a-z_]+)", text):
                if other in graph and other != m:
                    graph[m].add(other)
            for group in re.findall(r"use crate::\{([^}]*)\}", text):
                for other in re.findall(r"\b([a-z_]+)\b", group):
                    if other in graph and other != m:
                        graph[m].add(other)
    return graph


def cycles(graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def main():
    bad = False
    for src in sys.argv[1:]:
        for comp in cycles(edges(src)):
            bad = True
            print(f"{src}: import cycle between {', '.join(comp)}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
