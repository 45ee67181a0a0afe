"""Zip interoperability for tests/serialize/zip_test.cpp.

argv[1]: an archive wick wrote; every record is read back with CRC checks and reported as
"<name> <size> ok". argv[2]: where to write a zip the way Python's zipfile does (deflated,
unaligned, no data descriptors) under a folder that is not named after the file.
"""
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    if bad is not None:
        raise SystemExit("bad CRC in " + bad)
    for info in z.infolist():
        data = z.read(info.filename)
        print(info.filename, len(data), "ok")

with zipfile.ZipFile(sys.argv[2], "w", compression=zipfile.ZIP_DEFLATED) as z:
    z.writestr("whatever/version", b"3\n")
    z.writestr("whatever/big", b"q" * 100000)
    z.writestr("whatever/stored", b"plain", compress_type=zipfile.ZIP_STORED)
