#!/usr/bin/python3
"""Writes a deterministic candump -l log of N frames, shaped like a BMS bus: mostly 8-byte
standard frames at a few dozen ids, some 29-bit (J1939) and CAN FD frames.
usage: make_candump_log.py N OUT.log"""
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
ids = [rng.randrange(0x100, 0x7FF) for _ in range(40)]
# J1939 parameter groups from a handful of source addresses, as on a heavy-duty pack bus
ext_ids = [0x18000000 | (pgn << 8) | sa for pgn in (0xFECA, 0xFEF7, 0xF004, 0xFEEE, 0xFF10) for sa in (0x00, 0xF4, 0xF5)]
t = 1795500000.0
lines = []
for i in range(n):
    t += 0.0002
    k = rng.random()
    if k < 0.85:
        frame = "%03X#%s" % (rng.choice(ids), rng.randbytes(8).hex().upper())
    elif k < 0.95:
        frame = "%08X#%s" % (rng.choice(ext_ids), rng.randbytes(8).hex().upper())
    else:
        frame = "%03X##1%s" % (rng.choice(ids), rng.randbytes(32).hex().upper())
    lines.append("(%.6f) can0 %s\n" % (t, frame))
with open(out, "w") as f:
    f.writelines(lines)
