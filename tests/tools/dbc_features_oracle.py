#!/usr/bin/python3
"""Independent truth for two features.dbc messages that candied cannot decode.

Writes random frames of `Floats` (BO_ 300, SIG_VALTYPE_ IEEE floats) and `Diag` (BO_ 513,
SG_MUL_VAL_ extended multiplexing), one JSON object per line: the payload as hex and the signals
that must be present with their physical values. Floats are packed by Python's struct module
(IEEE 754 in the byte order the DBC gives); the Diag rules are the SG_MUL_VAL_ lines of
features.dbc read by hand and written out below. Nothing here uses PackGrade code.

usage: dbc_features_oracle.py COUNT SEED
"""
import json
import random
import struct
import sys


def floats_frame(rng):
    # F32 0|32@1- float (little-endian, bytes 0-3), F64 32|64@1- double x2 + 1 (bytes 4-11),
    # MotoF32 103|32@0- float (big-endian: MSB at byte 12 bit 7, bytes 12-15).
    f32 = struct.unpack('<f', struct.pack('<f', rng.uniform(-1e6, 1e6)))[0]
    f64 = rng.uniform(-1e12, 1e12)
    moto = struct.unpack('>f', struct.pack('>f', rng.uniform(-1e3, 1e3)))[0]
    payload = struct.pack('<f', f32) + struct.pack('<d', f64) + struct.pack('>f', moto)
    return {'id': 300, 'hex': payload.hex(),
            'signals': {'F32': f32, 'F64': f64 * 2 + 1, 'MotoF32': moto}}


def diag_frame(rng):
    # Service M 0|8; Sub m1M 8|8 (present when Service = 1, SG_MUL_VAL_ Sub Service 1-1);
    # Voltage 16|16 x0.01 when Sub = 16; Temp 16|8 signed when Sub in 17 or 20-22;
    # Ranged 24|8 when Service in 3-5.
    service = rng.choice([0, 1, 1, 1, 2, 3, 4, 5, 6, rng.randrange(256)])
    sub = rng.choice([16, 17, 20, 21, 22, 18, 19, 23, rng.randrange(256)])
    rest = bytes(rng.randrange(256) for _ in range(6))
    payload = bytes([service, sub]) + rest
    signals = {'Service': float(service)}
    if service == 1:
        signals['Sub'] = float(sub)
        if sub == 16:
            signals['Voltage'] = int.from_bytes(payload[2:4], 'little') * 0.01
        if sub == 17 or 20 <= sub <= 22:
            signals['Temp'] = float(int.from_bytes(payload[2:3], 'little', signed=True))
    if 3 <= service <= 5:
        signals['Ranged'] = float(payload[3])
    return {'id': 513, 'hex': payload.hex(), 'signals': signals}


def main():
    count, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    for _ in range(count):
        print(json.dumps(floats_frame(rng)))
        print(json.dumps(diag_frame(rng)))


if __name__ == '__main__':
    main()
