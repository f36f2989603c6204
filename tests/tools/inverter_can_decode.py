#!/usr/bin/python3
"""Independent decode of an inverter "CAN-BMS" candump log (PROTOCOLS.md section 3): python-can
reads the log, the byte layout is taken from the protocol notes, not from PackGrade's DBC.
Prints one JSON object with the last values seen."""
import json
import struct
import sys

import can


def main(path):
    out = {"frames": 0}
    with can.LogReader(path) as reader:
        for msg in reader:
            out["frames"] += 1
            data = bytes(msg.data)
            if msg.arbitration_id == 0x356 and len(data) >= 6:
                volts, amps, temp = struct.unpack_from("<hhh", data)
                out.update(voltage_v=volts * 0.01, current_raw_a=amps * 0.1, temperature_c=temp * 0.1)
            elif msg.arbitration_id == 0x355 and len(data) >= 4:
                soc, soh = struct.unpack_from("<HH", data)
                out.update(soc_pct=soc, soh_pct=soh)
            elif msg.arbitration_id == 0x35E:
                out["name"] = data.decode("ascii", "replace").rstrip(" \0")
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
