#!/usr/bin/python3
"""Writes foxBMS 2 cell-voltage (0x250) and cell-temperature (0x260) frames as a candump log,
packed by hand from the byte layout of PROTOCOLS.md 5 (Motorola bit numbering), independently of
PackGrade's DBC code. Used by tests/core/pack_snapshot_test.cpp.

usage: foxbms_flag_frames.py OUT.log SPEC.json
SPEC: {"cells_mv": [...], "temps_c": [...], "valid_flag": 1,
       "invalid_cells": [k, ...], "invalid_temps": [k, ...], "rounds": 2}
A value listed as invalid keeps its number but gets the flag's other value. Slots past the last
cell or sensor of a frame stay all 0 (value and flag), as foxBMS 2 leaves them; frames past the
last cell or sensor are not written, as foxBMS 2 does not send them.
"""
import json
import sys


def put_motorola(data, start_bit, length, value):
    """Sets `length` bits of `value` (msb first) from DBC start bit `start_bit` (Motorola)."""
    value &= (1 << length) - 1
    pos = start_bit
    for i in range(length):
        bit = (value >> (length - 1 - i)) & 1
        byte, bit_in_byte = divmod(pos, 8)
        if bit:
            data[byte] |= 1 << bit_in_byte
        else:
            data[byte] &= ~(1 << bit_in_byte) & 0xFF
        pos = (byte + 1) * 8 + 7 if bit_in_byte == 0 else pos - 1


VOLTAGE_START = [11, 30, 33, 52]  # 13-bit unsigned mV
VOLTAGE_FLAG = [12, 13, 14, 15]
TEMP_START = [23, 31, 39, 47, 55, 63]  # 8-bit signed degC
TEMP_FLAG = [8, 9, 10, 11, 12, 13]


def frames(values, per_frame, starts, flags, width, valid_flag, invalid):
    out = []
    for mux in range((len(values) + per_frame - 1) // per_frame):
        data = bytearray(8)
        put_motorola(data, 7, 8, mux)
        for k in range(per_frame):
            index = mux * per_frame + k
            if index >= len(values):
                break  # an unused slot: all 0
            put_motorola(data, starts[k], width, int(round(values[index])))
            flag = valid_flag if index not in invalid else 1 - valid_flag
            put_motorola(data, flags[k], 1, flag)
        out.append(bytes(data))
    return out


def main():
    out_path, spec_path = sys.argv[1], sys.argv[2]
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    valid = int(spec.get("valid_flag", 1))
    cells = frames(spec["cells_mv"], 4, VOLTAGE_START, VOLTAGE_FLAG, 13, valid,
                   set(spec.get("invalid_cells", [])))
    temps = frames(spec["temps_c"], 6, TEMP_START, TEMP_FLAG, 8, valid,
                   set(spec.get("invalid_temps", [])))
    t = 1.0
    with open(out_path, "w", encoding="ascii") as log:
        for _ in range(int(spec.get("rounds", 2))):
            for can_id, group in ((0x250, cells), (0x260, temps)):
                for data in group:
                    log.write("(%.6f) can0 %03X#%s\n" % (t, can_id, data.hex().upper()))
                    t += 0.01


if __name__ == "__main__":
    main()
