#!/usr/bin/env python3
"""Writes the small synthetic .gt3x fixtures the GT3X and zip tests read.

Usage: python3 Tests/Fixtures/wearables/make_fixtures.py  (from the repository root, or any
folder: files are written beside this script). Uses only the standard library.

synthetic_activity2.gt3x  deflated zip: info.txt (10 Hz, scale 256, 6 s) and log.bin with a
                          PARAMETERS record, ACTIVITY2 records for seconds 0, 1 and 4, an idle
                          sleep event, and a 1-byte activity record at second 5.
                          Sample i of second s is x = 256*s + i, y = -10*i, z = 256 (raw counts).
nhanes_layout.gt3x        stored zip holding only activity.bin and info.txt (the older layout).
bad_separator.gt3x        as synthetic_activity2.gt3x, but the third record starts with 1F, not 1E
                          (at log.bin byte 86); the zip's CRC is right, so only the log is wrong.
truncated_record.gt3x     as synthetic_activity2.gt3x, with log.bin cut 10 bytes into the third
                          record's payload.
"""
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
START = 1704067200  # 2024-01-01 00:00:00, device local time
TICKS = 621355968000000000 + START * 10_000_000
RATE = 10


def record(rtype, ts, payload):
    head = bytes([0x1E, rtype]) + struct.pack("<IH", ts, len(payload))
    x = 0
    for b in head + payload:
        x ^= b
    return head + payload + bytes([(~x) & 0xFF])


def activity2(second):
    return b"".join(struct.pack("<hhh", 256 * second + i, -10 * i, 256) for i in range(RATE))


def zip_bytes_time():
    return (2024, 1, 1, 0, 0, 0)


def write_zip(name, entries, method):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", compression=method) as z:
        for entry, data in entries:
            info = zipfile.ZipInfo(entry, date_time=zip_bytes_time())
            info.compress_type = method
            z.writestr(info, data)


def main():
    info = "\n".join([
        "Serial Number: MOS0SYNTHETIC",
        "Device Type: wGT3XBT",
        f"Sample Rate: {RATE}",
        f"Start Date: {TICKS}",
        f"Last Sample Time: {TICKS + 6 * 10_000_000}",
        "TimeZone: 01:00:00",
        "Acceleration Scale: 256.0",
        "Acceleration Min: -8.0",
        "Acceleration Max: 8.0",
        "Limb: Wrist",
    ]) + "\n"
    params = struct.pack("<HHI", 0, 55, 0x09400000)  # ACCEL_SCALE = 256
    log = b"".join([
        record(0x15, START, params),
        record(0x1A, START + 0, activity2(0)),
        record(0x1A, START + 1, activity2(1)),
        record(0x03, START + 2, bytes([0x09])),
        b"\x00\x00",  # padding between records, which ActiGraph documents
        record(0x03, START + 4, bytes([0x08])),
        record(0x1A, START + 4, activity2(4)),
        record(0x1A, START + 5, bytes([0x00])),
    ])
    write_zip("synthetic_activity2.gt3x", [("log.bin", log), ("info.txt", info.encode())], zipfile.ZIP_DEFLATED)
    third = len(record(0x15, START, params)) + len(record(0x1A, START, activity2(0)))
    bad = bytearray(log)
    bad[third] = 0x1F
    write_zip("bad_separator.gt3x", [("log.bin", bytes(bad)), ("info.txt", info.encode())], zipfile.ZIP_DEFLATED)
    write_zip("truncated_record.gt3x", [("log.bin", log[:third + 8 + 10]), ("info.txt", info.encode())],
              zipfile.ZIP_DEFLATED)
    write_zip("nhanes_layout.gt3x", [("activity.bin", b"\x00" * 16), ("info.txt", info.encode())], zipfile.ZIP_STORED)


if __name__ == "__main__":
    main()
