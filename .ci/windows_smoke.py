#!/usr/bin/env python3
"""Smoke test of the Windows zip under wine: the real stationcal.exe, end to end.

    python3 .ci/windows_smoke.py dist/stationcal-VERSION-windows-x64.zip

Run by .ci/windows-smoke after it has built the zip; needs wine64, the mingw
C compiler (for the test-only bcryptprimitives.dll stub) and tmux. Exits 1
with what failed, 0 when everything passed.

What it checks, with the program unpacked into a folder whose name has
Chinese characters and a space, and Windows paths (Z:\\...\\石化 日程) given
with backslashes:

- the zip holds exactly the documented layout (no stub DLL), the guide is
  UTF-8 with a byte-order mark and CRLF, the sample CRLF;
- --version; init into `石化 日程` (CRLF files, as on Windows), init again
  refused (exit 2); the default data folder (%APPDATA%) and a data_dir with
  forward slashes in the settings file;
- check: clean on the sample, on Notepad-style copies (BOM + CRLF) and on the
  network sample; every case of the broken-file corpus gives the exit code
  and, byte for byte, the reviewed message of tests/it/cli/snapshots (cases whose
  message holds the operating system's own words are checked by key words);
- list --json parses and is the same for LF, CRLF and BOM copies; the network
  lists every site;
- print --format html|text|ics written to backslash paths, absolute and
  relative, with what is in them;
- the TUI in a pseudo-terminal (tmux): it starts, a screening is skipped
  with the keys staff use and saved with Ctrl-S into a BOM + CRLF file (one
  CRLF line added, mark kept, backup made), `p` `h` hands the page to the
  Windows shell, which reaches the host's opener through wine (a stand-in
  that records the file:// address), and `q` quits with exit code 0.

Wine draws the TUI through its own console emulation, which misplaces wide
characters, so the screen is only searched for words, never compared.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = ["station.ron", "screenings.ron", "service-days.ron", "lectures.ron", "events.ron"]
BOM = b"\xef\xbb\xbf"
TIMEOUT = 60  # seconds for one wine command; generous for a loaded CI machine

failures: list[str] = []


def check(ok: bool, what: str, detail: str = "") -> bool:
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)
        if detail:
            print("     " + detail.rstrip().replace("\n", "\n     "), flush=True)
    return ok


def find_tool(*names: str) -> str:
    for n in names:
        p = shutil.which(n) or (n if os.access(n, os.X_OK) else None)
        if p:
            return p
    sys.exit(f"none of {names} found")


def crlf_only(data: bytes) -> bool:
    return data.count(b"\n") == data.count(b"\r\n") and b"\n" in data


def to_crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


class Wine:
    """Runs stationcal.exe under wine in a private prefix and environment."""

    def __init__(self, work: Path, exe: Path):
        self.exe = exe
        self.loader = find_tool("wine64", "/usr/lib/wine/wine64", "wine")
        self.server = find_tool("wineserver", "/usr/lib/wine/wineserver")
        self.bin = work / "bin"
        self.bin.mkdir()
        # Nothing from the host's environment that the program reads leaks
        # in (wine passes the Unix environment to Windows programs).
        self.env = {
            "PATH": f"{self.bin}:/usr/bin:/bin",
            "HOME": str(work / "home"),
            "USER": "staff",
            "WINEPREFIX": str(work / "prefix"),
            "WINEDEBUG": "-all",
            # No X display: console programs need none, and wineboot then
            # skips its windows instead of waiting for them.
            "DISPLAY": "",
            # Wine turns the command line into Windows UTF-16 with the Unix
            # locale's charset: without UTF-8 here, 石化 becomes garbage.
            "LC_ALL": "C.UTF-8",
            # No Mono or Gecko installers in a fresh prefix.
            "WINEDLLOVERRIDES": "mscoree,mshtml=",
            "TERM": "xterm-256color",
        }
        (work / "home").mkdir()

    @staticmethod
    def path(p: Path) -> str:
        """A Unix path as the Windows program sees it: Z:\\... with backslashes."""
        return "Z:" + str(p).replace("/", "\\")

    def boot(self) -> None:
        start = time.monotonic()
        # The server is kept running until stop(): otherwise every command
        # starts wine's server and services again (3 s instead of 0.3 s).
        Path(self.env["WINEPREFIX"]).mkdir(exist_ok=True)
        subprocess.run([self.server, "-p"], env=self.env, timeout=60)
        r = subprocess.run([self.loader, "wineboot", "--init"], env=self.env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        check(r.returncode == 0, f"wineboot ({time.monotonic() - start:.0f} s)")

    def run(self, *args: str, cwd: Path | None = None, env: dict | None = None):
        """Exit code, stdout and stderr bytes. Output goes through files, not
        pipes: wine's background services inherit the first command's
        handles, and a pipe would then not end until they do."""
        e = dict(self.env, **(env or {}))
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            r = subprocess.run([self.loader, str(self.exe), *args], env=e, cwd=cwd or self.exe.parent,
                               stdin=subprocess.DEVNULL, stdout=out, stderr=err, timeout=TIMEOUT)
            out.seek(0)
            err.seek(0)
            return r.returncode, out.read(), err.read()

    def appdata(self) -> Path:
        users = Path(self.env["WINEPREFIX"]) / "drive_c/users"
        found = [u for u in users.iterdir() if (u / "AppData/Roaming").is_dir() and u.name != "Public"]
        if len(found) != 1:
            sys.exit(f"no single user profile in {users}: {found}")
        return found[0] / "AppData"

    def stop(self) -> None:
        subprocess.run([self.server, "-k"], env=self.env, timeout=60)


def unpack(zip_path: Path, into: Path) -> Path:
    version = (REPO / "Cargo.toml").read_text(encoding="utf-8").split('version = "', 1)[1].split('"', 1)[0]
    top = f"stationcal-{version}-windows-x64"
    with zipfile.ZipFile(zip_path) as z:
        names = sorted(z.namelist())
        want = sorted([f"{top}/stationcal.exe", f"{top}/使用说明.txt"] + [f"{top}/sample/{n}" for n in SAMPLE])
        check(names == want, "zip layout", f"got {names}\nwant {want}")
        z.extractall(into)
    root = into / top
    guide = (root / "使用说明.txt").read_bytes()
    check(guide.startswith(BOM) and crlf_only(guide) and "Windows 终端".encode() in guide,
          "使用说明.txt: UTF-8 with mark, CRLF")
    for n in SAMPLE:
        data = (root / "sample" / n).read_bytes()
        check(data == to_crlf((REPO / "assets/sample" / n).read_bytes()), f"zip sample/{n} is the sample in CRLF")
    exe = root / "stationcal.exe"
    check(exe.read_bytes()[:2] == b"MZ", "stationcal.exe is a Windows program")
    return exe


def build_stub(next_to: Path) -> None:
    gcc = find_tool("x86_64-w64-mingw32-gcc")
    out = next_to / "bcryptprimitives.dll"
    subprocess.run([gcc, "-shared", "-O2", "-s", "-o", str(out),
                    str(REPO / ".ci/wine/bcryptprimitives.c"), "-ladvapi32"], check=True)
    imports = b"bcryptprimitives.dll" in (next_to / "stationcal.exe").read_bytes().lower()
    print(f"note stub bcryptprimitives.dll built (the exe imports it: {imports})")


def basic_commands(w: Wine, work: Path) -> Path:
    version = (REPO / "Cargo.toml").read_text(encoding="utf-8").split('version = "', 1)[1].split('"', 1)[0]
    rc, out, err = w.run("--version")
    check(rc == 0 and out == f"stationcal {version}\n".encode(), "--version", f"{rc} {out!r} {err!r}")

    folder = work / "石化 日程"
    rc, out, err = w.run("init", w.path(folder))
    check(rc == 0 and out == f"已在 {w.path(folder)} 写入示例日程\n".encode(), "init into 石化 日程",
          f"{rc} {out.decode(errors='replace')} {err.decode(errors='replace')}")
    for n in SAMPLE:
        data = (folder / n).read_bytes() if (folder / n).exists() else b""
        check(data == to_crlf((REPO / "assets/sample" / n).read_bytes()), f"init wrote {n} with CRLF")
    rc, out, err = w.run("init", w.path(folder))
    check(rc == 2 and "文件已存在，未作任何改动".encode() in err and not out,
          "init again refuses (exit 2)", f"{rc} {err.decode(errors='replace')}")

    rc, out, err = w.run("--dir", w.path(folder), "check")
    check(rc == 0 and out == "没有发现问题\n".encode() and not err, "check on the sample",
          f"{rc} {out.decode(errors='replace')} {err.decode(errors='replace')}")

    # As Notepad saves: a mark, and CRLF (already).
    notepad = work / "记事本 保存"
    shutil.copytree(folder, notepad)
    for n in SAMPLE:
        p = notepad / n
        p.write_bytes(BOM + p.read_bytes())
    rc, out, err = w.run("--dir", w.path(notepad), "check")
    check(rc == 0 and out == "没有发现问题\n".encode(), "check on BOM + CRLF files", f"{rc} {out!r} {err!r}")

    week = ["list", "--json", "--from", "2026-11-23", "--days", "7"]
    lists = {}
    for name, d in [("LF", REPO / "assets/sample"), ("CRLF", folder), ("BOM+CRLF", notepad)]:
        rc, out, err = w.run("--dir", w.path(d), *week)
        try:
            lists[name] = json.loads(out)
        except ValueError as e:
            check(False, f"list --json parses ({name})", f"{e}: {out[:300]!r} {err!r}")
            continue
        check(rc == 0, f"list --json exit 0 ({name})", err.decode(errors="replace"))
    if "LF" in lists:
        items = lists["LF"]
        titles = {(i["date"], i["title"]) for i in items}
        check(len(items) >= 5 and ("2026-11-25", "焦裕禄") in titles
              and all("2026-11-23" <= i["date"] <= "2026-11-29" for i in items),
              "list --json: the week of 2026-11-23, with 焦裕禄 on the 25th", json.dumps(items, ensure_ascii=False)[:400])
        check(all(v == items for v in lists.values()), "list --json is the same for LF, CRLF and BOM files")
    return folder


def printing(w: Wine, folder: Path) -> None:
    out_dir = folder / "打印 输出"
    out_dir.mkdir()
    html = out_dir / "周程 本周.html"
    rc, out, err = w.run("--dir", w.path(folder), "print", "--week", "2026-11-25", "--format", "html",
                         "--output", w.path(html))
    page = html.read_text(encoding="utf-8") if html.exists() else ""
    check(rc == 0 and "<html" in page and "焦裕禄" in page and w.path(html).encode() in out,
          "print --format html to a backslash path", f"{rc} {out!r} {err.decode(errors='replace')}")
    # A relative backslash path, from the schedule folder.
    rc, out, err = w.run("--dir", ".", "print", "--week", "2026-11-25", "--format", "text",
                         "--output", "打印 输出\\群发.txt", cwd=folder)
    text = (out_dir / "群发.txt").read_text(encoding="utf-8") if (out_dir / "群发.txt").exists() else ""
    check(rc == 0 and "焦裕禄" in text and "11月25日" in text, "print --format text to a relative backslash path",
          f"{rc} {out!r} {err.decode(errors='replace')}")
    ics = out_dir / "手机 日历.ics"
    rc, out, err = w.run("--dir", w.path(folder), "print", "--week", "2026-11-25", "--format", "ics",
                         "--output", w.path(ics))
    cal = ics.read_bytes() if ics.exists() else b""
    check(rc == 0 and cal.startswith(b"BEGIN:VCALENDAR\r\n") and cal.endswith(b"END:VCALENDAR\r\n")
          and "焦裕禄".encode() in cal.replace(b"\r\n ", b""), "print --format ics", f"{rc} {err!r}")
    try:
        import icalendar  # installed by .ci/run for the print tests
    except ImportError:
        print("note icalendar not installed: the ICS file is not parsed")
    else:
        events = icalendar.Calendar.from_ical(cal).walk("VEVENT")
        check(len(events) >= 5, f"ICS parses ({len(events)} events)")
    # The default HTML name, in the folder given.
    rc, out, err = w.run("--dir", w.path(folder), "print", "--week", "2026-11-25", "--output", w.path(out_dir))
    check(rc == 0 and (out_dir / "周程-2026-W48.html").is_file(), "print into a folder: 周程-2026-W48.html",
          f"{rc} {out!r} {err!r}")


def network(w: Wine, work: Path) -> None:
    net = work / "街道 网络"
    rc, out, err = w.run("init", "--network", w.path(net))
    check(rc == 0 and (net / "network.ron").is_file(), "init --network", f"{rc} {out!r} {err!r}")
    rc, out, err = w.run("--dir", w.path(net), "check")
    check(rc == 0 and out == "没有发现问题\n".encode(), "check on the network sample",
          f"{rc} {out.decode(errors='replace')} {err.decode(errors='replace')}")
    rc, out, err = w.run("--dir", w.path(net), "list", "--json", "--from", "2026-11-23", "--days", "7")
    try:
        sites = {i["site"] for i in json.loads(out)}
    except (ValueError, KeyError, TypeError) as e:
        check(False, "list --json on the network parses", f"{e} {out[:300]!r} {err!r}")
        return
    check(rc == 0 and len(sites) == 6, f"list --json on the network: {len(sites)} sites", str(sites))
    rc, out, err = w.run("--dir", w.path(net), "print", "--week", "2026-11-25", "--output", w.path(net))
    check(rc == 0 and (net / "周程-2026-W48.html").is_file(), "print the network week", f"{rc} {err!r}")


def sync(w: Wine, work: Path) -> None:
    """Several computers, with the git built into the exe (no git on the PC):
    the three-command set-up on a shared folder, an edit sent and received,
    and who changed it."""
    config = work / "同步 设置.ron"
    config.write_bytes(BOM + to_crlf('(\n    name: "王老师",\n)\n'.encode()))
    env = {"STATIONCAL_CONFIG": w.path(config)}
    a, b, shared = work / "中心 电脑", work / "笔记本 电脑", work / "共享 盘" / "石化.git"
    shared.parent.mkdir()
    rc, out, err = w.run("init", "--git", "--remote", w.path(shared), w.path(a), env=env)
    said = (out + err).decode(errors="replace")
    check(rc == 0 and (a / ".git").is_dir() and (shared / "HEAD").is_file(),
          "init --git --remote to a shared folder", f"{rc} {said}")
    rc, out, err = w.run("clone", w.path(shared), w.path(b), env=env)
    said = (out + err).decode(errors="replace")
    same = (b / "events.ron").is_file() and (b / "events.ron").read_bytes() == (a / "events.ron").read_bytes()
    check(rc == 0 and same, "clone the shared folder", f"{rc} {said}")
    if not same:
        return
    p = a / "events.ron"
    p.write_bytes(p.read_bytes().replace('title: "读书沙龙",'.encode(), 'title: "读书沙龙（Windows）",'.encode()))
    rc, out, err = w.run("--dir", w.path(a), "sync", env=env)
    check(rc == 0, "sync sends an edit", f"{rc} {(out + err).decode(errors='replace')}")
    rc, out, err = w.run("--dir", w.path(b), "sync", env=env)
    got = "读书沙龙（Windows）".encode() in (b / "events.ron").read_bytes()
    check(rc == 0 and got, "sync receives it", f"{rc} {(out + err).decode(errors='replace')}")
    rc, out, err = w.run("--dir", w.path(b), "history", "--entry", "E03", env=env)
    said = out.decode(errors="replace")
    check(rc == 0 and "王老师" in said and "读书沙龙（Windows）" in said, "history --entry names who and what", said)


def default_folders(w: Wine, work: Path) -> None:
    rc, out, err = w.run("init")
    appdata = w.appdata()
    data = appdata / "Roaming/stationcal/stationcal/data/schedule"
    check(rc == 0 and (data / "station.ron").is_file(), "init with no folder: %APPDATA%\\stationcal\\stationcal\\data\\schedule",
          f"{rc} {out.decode(errors='replace')} {err.decode(errors='replace')}")
    rc, out, err = w.run("check")
    check(rc == 0 and out == "没有发现问题\n".encode(), "check reads the default folder", f"{rc} {out!r} {err!r}")
    # The settings file in %APPDATA%, data_dir written with / as on Windows.
    config = appdata / "Roaming/stationcal/stationcal/config/config.ron"
    config.parent.mkdir(parents=True, exist_ok=True)
    missing = work / "没有 这个文件夹"
    wanted = w.path(missing).replace("\\", "/")
    config.write_bytes(BOM + to_crlf(f'(\n    data_dir: "{wanted}",\n)\n'.encode()))
    rc, out, err = w.run("check")
    said = (out + err).decode(errors="replace")
    check(rc == 2 and "无法打开日程文件夹" in said and wanted in said,
          "data_dir with / in config.ron (BOM, CRLF) is used", f"{rc} {said}")
    config.unlink()


def snapshot_body(name: str) -> str | None:
    p = REPO / "tests/it/cli/snapshots" / f"it__cli__check_corpus__{name}.snap"
    if not p.exists():
        return None
    text = p.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else None


def corpus_case(case: str, root: Path) -> Path:
    """The schedule folder of a case, as tests/it/cli/check_corpus.rs sets it up."""
    src = REPO / "tests/fixtures/broken" / case
    if (src / "NOFOLDER").exists():
        return root / "no-such-folder"
    d = root / "schedule"
    shutil.copytree(REPO / "tests/fixtures/broken/_base", d)
    for f in src.iterdir():
        if f.name in ("expected.txt", "NOFOLDER"):
            continue
        if f.name == "DELETE":
            for line in f.read_text(encoding="utf-8").split():
                (d / line).unlink()
        elif f.name == "SPARSE":
            name, size = f.read_text(encoding="utf-8").split()
            with open(d / name, "wb") as fh:
                fh.truncate(int(size))
        else:
            shutil.copy(f, d / f.name)
    return d


def broken_corpus(w: Wine, work: Path) -> None:
    cases = sorted(p.name for p in (REPO / "tests/fixtures/broken").iterdir() if p.name != "_base")
    bad = []
    for case in cases:
        root = work / "corpus" / case
        root.mkdir(parents=True)
        d = corpus_case(case, root)
        expected = (REPO / "tests/fixtures/broken" / case / "expected.txt").read_text(encoding="utf-8").splitlines()
        want_code = int(expected[0].removeprefix("exit: "))
        for lang in ["zh", "en"]:
            snap = snapshot_body(f"{lang}_{case}")
            if lang == "en" and snap is None:
                continue
            rc, out, err = w.run("check", "--lang", lang, "--dir", w.path(d), cwd=root)
            got = (out + err).decode("utf-8", errors="replace").replace(w.path(root), "[TMP]")
            if rc != want_code:
                bad.append(f"{case} ({lang}): exit {rc}, expected {want_code}\n{got}")
            elif snap is None:
                bad.append(f"{case} ({lang}): no snapshot")
            elif "(os error" in snap:
                # The operating system's own words differ on Windows.
                missing = [k for k in expected[1:] if k and lang == "zh" and k not in got]
                if missing:
                    bad.append(f"{case} ({lang}): no {missing} in\n{got}")
            elif got.rstrip("\n") != snap.rstrip("\n"):
                bad.append(f"{case} ({lang}): differs from the snapshot\n--- got\n{got}\n--- snapshot\n{snap}")
    check(not bad, f"check on {len(cases)} broken-file cases: exit codes and messages as on Linux", "\n\n".join(bad))


def tui(w: Wine, work: Path) -> None:
    tmux = find_tool("tmux")
    folder = work / "界面 测试"
    shutil.copytree(REPO / "assets/sample", folder)
    for n in SAMPLE:
        p = folder / n
        p.write_bytes(BOM + to_crlf(p.read_bytes()))
    before = (folder / "screenings.ron").read_bytes()
    # The host's opener, reached through wine's winebrowser: records what it got.
    opened = work / "opened.txt"
    opener = w.bin / "xdg-open"
    opener.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{opened}'\n")
    opener.chmod(0o755)
    # A fresh prefix maps .htm to the browser but not .html.
    subprocess.run([w.loader, "reg", "add", "HKCR\\.html", "/ve", "/d", "htmlfile", "/f"], env=w.env,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=TIMEOUT)
    rc_file = work / "tui-exit-code"
    script = work / "tui.sh"
    exports = "".join(f"export {k}='{v}'\n" for k, v in w.env.items())
    script.write_text(f"#!/bin/sh\n{exports}cd '{folder}'\n"
                      f"'{w.loader}' '{w.exe}' --dir . --today 2026-11-27 2> '{work / 'tui-stderr.txt'}'\n"
                      f"echo $? > '{rc_file}'\n")
    script.chmod(0o755)
    sock = work / "tmux.sock"  # a private server, gone with the temporary folder

    def tm(*args: str) -> str:
        r = subprocess.run([tmux, "-S", str(sock), *args], capture_output=True, timeout=30)
        return r.stdout.decode(errors="replace")

    def wait(what: str, ok) -> bool:
        end = time.monotonic() + TIMEOUT
        while time.monotonic() < end:
            if ok():
                return True
            time.sleep(0.2)
        log = work / "tui-stderr.txt"
        stderr = log.read_text(errors="replace") if log.exists() else ""
        pane = tm("list-panes", "-a", "-F", "dead=#{pane_dead} status=#{pane_dead_status}")
        return check(False, f"TUI: {what}", tm("capture-pane", "-p") + f"\n{pane}stderr: {stderr}")

    tm("new-session", "-d", "-x", "100", "-y", "30", str(script))
    # Keep the screen of a program that ended, to show it when a step fails.
    tm("set-option", "-g", "remain-on-exit", "on")
    try:
        # The status line shows the key hints, or on a fresh machine the
        # settings file just created in their place (too long for both).
        if not wait("starts (help line or first-run message)",
                    lambda: any(w in tm("capture-pane", "-p") for w in ("退出", "config.ron"))):
            return
        check(True, "TUI starts in 界面 测试")
        tm("send-keys", "h", "h", "d")  # Wednesday 11-25: the screening; delete or skip
        if not wait("the skip dialog", lambda: "仅这一次" in tm("capture-pane", "-p")):
            return
        tm("send-keys", "Enter")
        tm("send-keys", "C-s")
        if wait("Ctrl-S saves screenings.ron", lambda: (folder / "screenings.ron").read_bytes() != before):
            after = (folder / "screenings.ron").read_bytes()
            added = b'        Skip(date: "2026-11-25", reason: "\xe6\x9a\x82\xe5\x81\x9c"),\r\n'
            check(after.startswith(BOM) and crlf_only(after)
                  and after.replace(added, b"", 1) == before and added in after,
                  "TUI save: one CRLF line added, the mark kept, nothing else changed",
                  after.decode(errors="replace")[-600:])
            backups = list((folder / ".stationcal-backup").glob("screenings.ron.*"))
            check(len(backups) == 1 and backups[0].read_bytes() == before, "TUI save made a backup")
        # Keys are read in order, so `h` reaches the print preview `p` opens.
        tm("send-keys", "p", "h")
        page = folder / "周程-2026-W48.html"
        if wait("p h hands the page to the Windows shell", lambda: opened.exists()):
            got = urllib.parse.unquote(opened.read_text().strip())
            check(page.is_file() and got == f"file://{page}",
                  "the shell opened the page through wine's browser bridge", got)
        tm("send-keys", "q")
        if wait("q quits", lambda: rc_file.exists()):
            code = rc_file.read_text().strip()
            check(code == "0", "TUI exit code 0", code)
    finally:
        tm("kill-server")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    zip_path = Path(sys.argv[1]).resolve()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="stationcal-wine-") as tmp:
        work = Path(tmp) / "下载 文件"
        work.mkdir()
        exe = unpack(zip_path, work)
        build_stub(exe.parent)
        w = Wine(Path(tmp), exe)
        root = Path(tmp)
        steps = [
            ("wineboot", w.boot),
            ("commands", lambda: printing(w, basic_commands(w, root))),
            ("network", lambda: network(w, root)),
            ("sync", lambda: sync(w, root)),
            ("default folders", lambda: default_folders(w, root)),
            ("broken files", lambda: broken_corpus(w, root)),
            ("TUI", lambda: tui(w, root)),
        ]
        try:
            for name, step in steps:
                try:
                    step()
                except Exception as e:  # one broken step must not hide the others
                    check(False, f"{name}: {type(e).__name__}", str(e))
        finally:
            w.stop()
    print(f"windows smoke: {time.monotonic() - started:.0f} s, {len(failures)} failed")
    if failures:
        print("failed: " + "; ".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
