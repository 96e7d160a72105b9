"""No torn files (S1), crash leftovers cleaned (S5), lock released by a kill (S8).

A child process saves one household in a loop, each version 1 KB to 1 MB, and reports on
a pipe when a save starts and when it has returned. The test kills it with SIGKILL at a
random moment, at least 200 times. After every kill the file on disk must parse, load
through the store, and be byte for byte either the last version whose save returned or
the one whose save had started: never empty, never half of one, never a mix.

Starting Python and importing pydantic for each of 200 children would take most of a
minute, so a "zygote" child imports everything once and forks a fresh saver on request;
each saver is the long-lived child of the scenario, killed and replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import selectors
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import carte_prep
from carte_prep.core.model import Household
from carte_prep.core.storage import Store

KILLS = 200
SEED = 20261127
HOUSEHOLD = "crash-test"

pytestmark = pytest.mark.slow

ZYGOTE = r"""
import datetime as dt
import hashlib
import math
import os
import random
import sys
from pathlib import Path

from carte_prep.core.model import Household, Member, Tracking
from carte_prep.core.storage import Store

ROOT = Path(sys.argv[1])
HOUSEHOLD = sys.argv[2]
CHUNK = 9_000
TEXT = "Relevé de compte, facture EDF, 漢字 et émojis 😊, ligne après ligne.\n" * 200


def note(index: int, length: int) -> str:
    start = (index * 37) % 1000
    return (TEXT[start:] + TEXT)[:length]


POOL = [Tracking(status="gathered", notes=note(i, CHUNK)) for i in range(120)]
CHUNK_BYTES = len(POOL[0].model_dump_json(indent=2).encode())


def version(rng: random.Random, label: str) -> Household:
    size = int(math.exp(rng.uniform(math.log(1024), math.log(1024 * 1024))))
    full, rest = divmod(size, CHUNK_BYTES)
    tracking = {f"doc-{i}": POOL[i] for i in range(full)}
    if rest > 400:
        tracking["rest"] = Tracking(notes=note(full, rest // 2))
    member = Member(
        id="amina",
        given_names="Amina",
        birth_date=dt.date(1990, 5, 17),
        nationality="algérienne",
        tracking=tracking,
    )
    return Household(id=HOUSEHOLD, name=label, members=[member])


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())  # one write of a short line: atomic on a pipe


def saver(seed: int) -> None:
    rng = random.Random(seed)
    store = Store(ROOT)
    store.load(HOUSEHOLD)
    say("R")
    for number in range(10**9):
        household = version(rng, f"seed {seed} version {number}")
        data = (household.model_dump_json(indent=2) + "\n").encode()
        say("B " + hashlib.sha256(data).hexdigest())
        store.save(household)
        say("S " + hashlib.sha256(data).hexdigest())


for command in sys.stdin:
    if command.startswith("go "):
        pid = os.fork()
        if pid == 0:
            try:
                saver(int(command.split()[1]))
            except BaseException as exc:
                say("E " + repr(exc).replace("\n", " "))
            finally:
                os._exit(3)
        say(f"P {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"D {pid} {status}")
    else:
        break
"""


@dataclass
class Cycle:
    """What one saver reported before it was killed."""

    began: list[str] = field(default_factory=list)
    saved: list[str] = field(default_factory=list)
    ready: bool = False
    status: int | None = None


class Zygote:
    def __init__(self, root: Path) -> None:
        src = str(Path(carte_prep.__file__).resolve().parents[1])
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE, str(root), HOUSEHOLD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.stdin = self.process.stdin
        self.stdout = self.process.stdout
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.stdout, selectors.EVENT_READ)
        self.buffer = b""

    def line(self) -> str:
        """The next line from the zygote or its saver; fails instead of hanging."""
        while b"\n" not in self.buffer:
            if not self.selector.select(timeout=60):
                raise AssertionError("the saver process stopped answering")
            chunk = os.read(self.stdout.fileno(), 65536)
            if not chunk:
                self.process.wait(timeout=10)
                raise AssertionError(f"zygote died: {self.process.stderr.read()!r}")  # type: ignore[union-attr]
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def start(self, seed: int, cycle: Cycle) -> int:
        self.stdin.write(f"go {seed}\n".encode())
        self.stdin.flush()
        while True:
            kind, _, rest = self.line().partition(" ")
            if kind == "P":
                return int(rest)
            self.record(kind, rest, cycle)

    def wait_ready(self, cycle: Cycle, saves: int) -> None:
        """Until the saver has loaded the file and completed ``saves`` saves."""
        while not cycle.ready or len(cycle.saved) < saves:
            kind, _, rest = self.line().partition(" ")
            self.record(kind, rest, cycle)

    def finish(self, pid: int, cycle: Cycle) -> None:
        while cycle.status is None:
            kind, _, rest = self.line().partition(" ")
            if kind == "D":
                dead, status = rest.split()
                assert int(dead) == pid
                cycle.status = int(status)
            else:
                self.record(kind, rest, cycle)

    @staticmethod
    def record(kind: str, rest: str, cycle: Cycle) -> None:
        if kind == "R":
            cycle.ready = True
        elif kind == "B":
            cycle.began.append(rest)
        elif kind == "E":
            raise AssertionError(f"the saver failed by itself: {rest}")
        elif kind == "S":
            assert cycle.began, "a save returned that never began"
            assert cycle.began[-1] == rest, "a save returned that never began"
            cycle.saved.append(rest)
        else:
            raise AssertionError(f"unexpected line from the saver: {kind} {rest}")

    def close(self) -> None:
        try:
            self.stdin.write(b"quit\n")
            self.stdin.close()
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def temp_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if ".tmp-" in p.name)


def test_sigkill_during_saves_never_tears_the_file(data_dir: Path) -> None:
    Store(data_dir).create(Household(id=HOUSEHOLD, name="start"))
    path = data_dir / f"{HOUSEHOLD}.json"
    on_disk = sha(path.read_bytes())
    every_version = {on_disk}
    rng = random.Random(SEED)
    zygote = Zygote(data_dir)
    mid_save = completed = completed_late = 0
    try:
        for number in range(KILLS):
            cycle = Cycle()
            pid = zygote.start(SEED + number, cycle)
            # Let it complete 0-2 saves (so saves complete however slow the machine is),
            # then kill it at a random moment of the following ones.
            zygote.wait_ready(cycle, rng.randint(0, 2))
            time.sleep(rng.uniform(0.0, 0.04))
            os.kill(pid, signal.SIGKILL)
            zygote.finish(pid, cycle)

            assert os.WIFSIGNALED(cycle.status or 0), f"saver {number} failed by itself"
            assert os.WTERMSIG(cycle.status or 0) == signal.SIGKILL
            every_version.update(cycle.began)
            allowed = {cycle.saved[-1] if cycle.saved else on_disk}
            if len(cycle.began) > len(cycle.saved):
                allowed.add(cycle.began[-1])  # killed during this save: old or new
                mid_save += 1
            completed += len(cycle.saved)
            if number >= KILLS // 2:
                completed_late += len(cycle.saved)

            data = path.read_bytes()
            assert data, f"kill {number}: the file is empty"
            assert sha(data) in allowed, f"kill {number}: neither the old nor the new version"
            json.loads(data)
            report = Store(data_dir).load_all()
            assert report.problems == [], f"kill {number}: {report.problems}"
            assert [h.id for h in report.households] == [HOUSEHOLD], "a temp file was loaded"
            for backup in Store(data_dir).backups(HOUSEHOLD):
                assert sha(backup.path.read_bytes()) in every_version, "a torn backup"
            on_disk = sha(data)
    finally:
        zygote.close()

    # The kills landed inside saves, not only between them, and saves did complete. A
    # killed saver may hold the household's lock: saves still completing in the second
    # half shows the kernel released it each time (S8), or every later saver would wait.
    assert mid_save >= KILLS // 4, (mid_save, completed)
    assert completed >= KILLS // 4, (mid_save, completed)
    assert completed_late >= KILLS // 8, (completed_late, completed)

    # Temp files left by the kills hold personal data: private, then removed at next start.
    leftovers = temp_files(data_dir)
    for temp in leftovers:
        assert stat.S_IMODE(temp.stat().st_mode) == 0o600, temp
        os.utime(temp, (time.time() - 3600, time.time() - 3600))
    report = Store(data_dir).load_all()
    assert report.problems == []
    assert temp_files(data_dir) == []
    assert sha(path.read_bytes()) == on_disk
    print(
        f"{KILLS} kills: {mid_save} during a save, {completed} saves completed, "
        f"{len(leftovers)} temp files left and cleaned"
    )
