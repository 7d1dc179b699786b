#!/usr/bin/env python3
"""Finds the innermost matmul loop in a disassembly and counts its instructions per step of 12 FMAs.

Reads lines with an address and an instruction, as `objdump -d` or `perf annotate --stdio` print them, from the
files named (or standard input); a loop is a backward conditional jump and the instructions from its target to it.
Prints the loop that holds the most FMAs, then the counts. Used by c2-loop.sh and openblas-loop.sh (PERFORMANCE.md).
"""
import re
import sys

LINE = re.compile(r"^\s*(?:[\d.]+\s*:\s*)?([0-9a-f]+):\s+(?:(?:[0-9a-f]{2}\s)+\s*)?([a-z][a-z0-9]*)\b(.*)$")
JUMP = re.compile(r"^j(?!mp)[a-z]+$")


def instructions(lines):
    out = []
    for line in lines:
        m = LINE.match(line)
        if m and m.group(2) not in ("file", "format", "disassembly", "percent"):
            out.append((int(m.group(1), 16), m.group(2), m.group(3).strip()))
    return out


def loops(code):
    """(first address, last address) of every backward conditional jump's loop."""
    found = []
    for addr, op, args in code:
        target = re.search(r"\b(?:0x)?([0-9a-f]+)\b", args)
        if JUMP.match(op) and target and int(target.group(1), 16) < addr:
            found.append((int(target.group(1), 16), addr))
    return found


def best_loop(code):
    """The innermost loop (no other loop inside it) with the most FMAs: the kernel's k loop."""
    spans = loops(code)
    best = None
    for lo, hi in spans:
        if any((a, b) != (lo, hi) and lo <= a and b <= hi for a, b in spans):
            continue
        body = [c for c in code if lo <= c[0] <= hi]
        fmas = sum(1 for c in body if c[1].startswith("vfmadd"))
        if fmas and (best is None or fmas > best[1]):
            best = (body, fmas)
    return best


def main():
    text = []
    for name in sys.argv[1:] or ["-"]:
        text += (sys.stdin if name == "-" else open(name, errors="replace")).read().splitlines()
    found = best_loop(instructions(text))
    if not found:
        sys.exit("loop_stats: no loop with an FMA in the input")
    body, fmas = found
    for addr, op, args in body:
        print(f"  {addr:x}: {op} {args}")
    steps = fmas / 12
    print(f"{len(body)} instructions, {fmas} FMAs: {len(body) / steps:.1f} instructions per step of 12 FMAs "
          f"({sum(1 for c in body if c[1].startswith('v')) / steps:.1f} vector, "
          f"{sum(1 for c in body if not c[1].startswith('v')) / steps:.1f} other)")


if __name__ == "__main__":
    main()
