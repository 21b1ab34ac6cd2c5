#!/usr/bin/env python3
"""Assembles the Windows zip staff download from a built stationcal.exe.

    python3 scripts/windows_zip.py target/x86_64-pc-windows-gnu/dist/stationcal.exe OUT_DIR

writes OUT_DIR/stationcal-VERSION-windows-x64.zip and prints its path:

    stationcal-VERSION-windows-x64/
        stationcal.exe
        使用说明.txt      UTF-8 with a byte-order mark, CRLF (any Notepad reads it)
        sample/           the bundled sample, CRLF, as `init` writes it on Windows

Names inside the zip are UTF-8 with the zip's UTF-8 flag set (Python's
zipfile does that for any non-ASCII name), which Explorer on Windows 10/11,
7-Zip and Bandizip read. Entries are in a fixed order with the time of
SOURCE_DATE_EPOCH when set, so the same inputs give the same zip.
Nothing else goes in: the wine smoke test's stub DLL is never shipped.
"""

import os
import re
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE_FILES = ["station.ron", "screenings.ron", "service-days.ron", "lectures.ron", "events.ron"]
README_NAME = "使用说明.txt"


def version() -> str:
    text = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    m = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not m:
        sys.exit("no version in Cargo.toml")
    return m.group(1)


def crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def entries(exe: Path, top: str) -> list[tuple[str, bytes]]:
    """What goes into the zip, in order: (name inside, bytes)."""
    guide = (REPO / "assets/windows" / README_NAME).read_bytes()
    if not guide.startswith(b"\xef\xbb\xbf"):
        guide = b"\xef\xbb\xbf" + guide
    out = [
        (f"{top}/stationcal.exe", exe.read_bytes()),
        (f"{top}/{README_NAME}", crlf(guide)),
    ]
    for name in SAMPLE_FILES:
        out.append((f"{top}/sample/{name}", crlf((REPO / "assets/sample" / name).read_bytes())))
    return out


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    exe, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    if exe.read_bytes()[:2] != b"MZ":
        sys.exit(f"{exe} is not a Windows program")
    top = f"stationcal-{version()}-windows-x64"
    out_dir.mkdir(parents=True, exist_ok=True)
    zip_path = out_dir / f"{top}.zip"
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip times start in 1980
    tmp = zip_path.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in entries(exe, top):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    tmp.replace(zip_path)
    print(zip_path)


if __name__ == "__main__":
    main()
