// Decodes CAN payloads with the npm package `candied` (an independent DBC parser and decoder)
// and prints the result as JSON, for tests/can/dbc_candied_test.cpp to compare with PackGrade's
// decoder.
//
//   node candied_decode.mjs FILE.dbc REQUEST.json
//   REQUEST: {"frames": [{"message": "MessageName", "data": [byte, ...]}, ...]}
//   prints:  {"candied": version, "parse_errors": [line, ...],
//             "frames": [{"message": name, "found": bool,
//                         "signals": {name: {"raw": n, "value": n, "min": n, "max": n,
//                                            "multiplex": "" | "M" | "mN" | "mNM"}}}]}
//
// Two adaptations, both for documented limits of candied 2.2.0 (docs/notes-dbc.md):
// - candied reads the start bit of a Motorola (@0) signal as the position of its least
//   significant bit (bit-dream/candied issue #59), while the DBC format gives the most
//   significant one. The start bit is converted to candied's convention before decoding;
//   candied still does the bit extraction, sign and scaling itself.
// - candied splits the file on '\n' and fails on the '\r' of CRLF files, so '\r' is removed.
// Every signal is decoded, multiplexed or not: candied does not select by multiplexer value.
import { Can, Dbc } from 'candied';
import fs from 'fs';

// MSB-first position of a DBC "sawtooth" bit number (bit 7 of byte 0 is 0).
const linear = (bit) => 8 * Math.floor(bit / 8) + (7 - (bit % 8));

// The sawtooth number of the signal's least significant bit, which candied expects.
function candiedMotorolaStart(signal) {
    const lsb = linear(signal.startBit) + signal.length - 1;
    return 8 * Math.floor(lsb / 8) + (7 - (lsb % 8));
}

function decodeFrame(can, message, data) {
    const signals = {};
    for (const signal of message.signals.values()) {
        const adapted = { ...signal };
        if (signal.endian === 'Motorola')
            adapted.startBit = candiedMotorolaStart(signal);
        const bound = can.decodeSignal(data, adapted);
        signals[signal.name] = {
            raw: Number.isFinite(bound.rawValue) ? bound.rawValue : null,
            value: Number.isFinite(bound.value) ? bound.value : null,
            min: signal.min,
            max: signal.max,
            multiplex: signal.multiplex ?? '',
        };
    }
    return signals;
}

function main() {
    const [dbcPath, requestPath] = process.argv.slice(2);
    if (!dbcPath || !requestPath) {
        process.stderr.write('usage: node candied_decode.mjs FILE.dbc REQUEST.json\n');
        process.exit(2);
    }
    const text = fs.readFileSync(dbcPath, 'latin1').replace(/\r/g, '');
    const dbc = new Dbc();
    const database = dbc.load(text);
    const can = new Can();
    can.database = database;
    const request = JSON.parse(fs.readFileSync(requestPath, 'utf8'));
    const frames = request.frames.map(({ message, data }) => {
        const m = database.messages.get(message);
        return m ? { message, found: true, signals: decodeFrame(can, m, data) } : { message, found: false, signals: {} };
    });
    const pkg = JSON.parse(fs.readFileSync(new URL('./node_modules/candied/package.json', import.meta.url), 'utf8'));
    process.stdout.write(JSON.stringify({ candied: pkg.version, parse_errors: [...dbc.errors.keys()], frames }));
}

main();
