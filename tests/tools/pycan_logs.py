#!/usr/bin/python3
"""Independent writer and reader for PackGrade's log tests, using python-can (Debian python3-can).

  pycan_logs.py write SEED COUNT OUT.log OUT.asc TRUTH.json
      random frames (classic, extended, FD, remote, error) written with python-can's
      CanutilsLogWriter and ASCWriter; TRUTH.json lists them as python-can holds them.
  pycan_logs.py read IN.log TRUTH.json
      reads a candump log with python-can's CanutilsLogReader and lists the frames it found.
"""
import json
import random
import sys

import can


def message_to_dict(m):
    return {
        "t": round(m.timestamp, 6),
        "id": m.arbitration_id,
        "ext": bool(m.is_extended_id),
        "fd": bool(m.is_fd),
        "brs": bool(m.bitrate_switch),
        "rtr": bool(m.is_remote_frame),
        "err": bool(m.is_error_frame),
        "len": m.dlc,
        "data": bytes(m.data).hex().upper(),
    }


def random_message(rng, t):
    kind = rng.random()
    fd_lengths = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64]
    if kind < 0.05:
        return can.Message(timestamp=t, is_error_frame=True, arbitration_id=rng.choice([0x40, 0x4, 0x20]),
                           data=bytes([0, rng.choice([0x04, 0x10, 0x20]), 0, 0, 0, 0, 0, 0]))
    ext = rng.random() < 0.3
    arb = rng.randrange(0, 0x20000000 if ext else 0x800)
    if kind < 0.10:
        return can.Message(timestamp=t, arbitration_id=arb, is_extended_id=ext, is_remote_frame=True,
                           dlc=rng.randrange(0, 9))
    if kind < 0.30:
        n = rng.choice(fd_lengths)
        return can.Message(timestamp=t, arbitration_id=arb, is_extended_id=ext, is_fd=True,
                           bitrate_switch=rng.random() < 0.5, data=bytes(rng.randrange(256) for _ in range(n)))
    n = rng.randrange(0, 9)
    return can.Message(timestamp=t, arbitration_id=arb, is_extended_id=ext,
                       data=bytes(rng.randrange(256) for _ in range(n)))


def write(seed, count, log_path, asc_path, truth_path):
    rng = random.Random(seed)
    t = 1700000000.0 + rng.random()
    messages = []
    for _ in range(count):
        t += rng.choice([0.0001, 0.001, 0.01, 0.1])
        messages.append(random_message(rng, round(t, 6)))
    with can.CanutilsLogWriter(log_path, channel="vcan0") as w:
        for m in messages:
            w.on_message_received(m)
    asc = can.ASCWriter(asc_path, channel=1)
    for m in messages:
        asc.on_message_received(m)
    asc.stop()
    with open(truth_path, "w") as f:
        json.dump([message_to_dict(m) for m in messages], f)


def read(log_path, truth_path):
    with open(truth_path, "w") as f:
        json.dump([message_to_dict(m) for m in can.CanutilsLogReader(log_path)], f)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6])
    elif sys.argv[1] == "read":
        read(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: see the docstring")
