"""Performance figures beside codespell: start-up, batch, scan and knowledge-base growth.

    python bench/run.py            # full: repeated runs, a table of medians, ratios and pass/fail
    python bench/run.py --quick    # every target once on small inputs, for CI (well under 60 s)

Installs nothing. Every timed row is a whole process (start-up included), timed with
``time.perf_counter``. Peak memory is measured in separate runs under GNU ``/usr/bin/time``
(its ``%M``): the ``ru_maxrss`` that ``os.wait4`` reports for a child started from this
process is floored at this process's own peak on Linux (``exec`` keeps the old high-water
mark), and this process holds earlier outputs, so that figure only bounds the truth from
above. Without ``/usr/bin/time`` the memory rows fall back to it and say so.
codespell (the ``bench`` extra) is looked for next to this Python, then on PATH; without it the
ratio columns say so. Inputs are generated into a temporary directory at run time. The exit
status is 1 only when a command fails or a result is malformed; missed targets are reported,
not enforced, because timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import math
import os
import platform
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.inputs.claims import claims  # noqa: E402
from bench.inputs.kb import scaled_kb  # noqa: E402
from bench.inputs.markdown import ldn_markdown, one_page, plain_markdown, write_tree  # noqa: E402

CLAIM = "LDN treats MS"
GNU_TIME = Path("/usr/bin/time")


@dataclass(frozen=True)
class Run:
    """One finished child process."""

    seconds: float
    peak_mb: float
    returncode: int
    stdout: bytes


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    target: str
    ours: str
    theirs: str = "-"
    ratio: str = "-"
    goal: str = "-"
    verdict: str = "info"


@dataclass(frozen=True)
class Plan:
    """Input sizes and repeat counts for one mode."""

    repeats: int
    batch: int
    scan_bytes: int
    tree_files: int
    kb_factors: tuple[int, ...]
    kb_probe: int


QUICK = Plan(
    repeats=1, batch=1_000, scan_bytes=100_000, tree_files=100, kb_factors=(1, 10), kb_probe=200
)
FULL = Plan(
    repeats=7,
    batch=10_000,
    scan_bytes=1_000_000,
    tree_files=2_000,
    kb_factors=(1, 10, 100),
    kb_probe=1_000,
)


class BenchError(Exception):
    """A command failed or printed something malformed."""


def run(
    cmd: Sequence[str],
    *,
    stdin: Path | None = None,
    env: dict[str, str] | None = None,
    ok: tuple[int, ...] = (0, 1),
) -> Run:
    """Run ``cmd`` to completion; its wall time, peak RSS and output."""
    with tempfile.TemporaryFile() as out, open(stdin or os.devnull, "rb") as fin:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=fin, stdout=out, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read() if proc.stderr else b""
        out.seek(0)
        stdout = out.read()
    if proc.returncode not in ok:
        raise BenchError(f"{' '.join(cmd[:4])} ... exited {proc.returncode}: {err[-500:]!r}")
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, stdout)


def medians(cmds: Sequence[Callable[[], Run]], repeats: int) -> list[tuple[float, float]]:
    """Median seconds and largest peak MB of each command, runs interleaved to share the noise."""
    runs: list[list[Run]] = [[] for _ in cmds]
    for _ in range(repeats):
        for i, cmd in enumerate(cmds):
            runs[i].append(cmd())
    return [(statistics.median(r.seconds for r in rs), max(r.peak_mb for r in rs)) for rs in runs]


def find_tool(name: str) -> list[str] | None:
    """The tool next to this Python (a venv's bin), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which(name)
    return [found] if found else None


def ratio_row(target: str, ours: float, theirs: float | None, limit: float) -> Row:
    """A row comparing our median with codespell's, passing at or under ``limit`` times."""
    if theirs is None:
        return Row(
            target,
            f"{ours * 1000:.0f} ms",
            "codespell not installed",
            "-",
            f"<= {limit:g}x",
            "skipped",
        )
    ratio = ours / theirs
    return Row(
        target,
        f"{ours * 1000:.0f} ms",
        f"{theirs * 1000:.0f} ms",
        f"{ratio:.2f}x",
        f"<= {limit:g}x",
        "pass" if ratio <= limit else "FAIL",
    )


def limit_row(target: str, value: float, limit: float, unit: str, *, higher: bool = False) -> Row:
    """A row with an absolute goal."""
    good = value >= limit if higher else value <= limit
    sign = ">=" if higher else "<="
    return Row(
        target,
        f"{value:,.1f} {unit}",
        goal=f"{sign} {limit:,g} {unit}",
        verdict="pass" if good else "FAIL",
    )


def compile_package() -> None:
    """Byte-compile the ldncheck package, as pip does when it installs one.

    An editable install in an environment that sets PYTHONDONTWRITEBYTECODE would otherwise
    recompile every module in every process (about 40 ms), which no installed copy does;
    codespell, installed by pip, starts from its bytecode.
    """
    spec = importlib.util.find_spec("ldncheck")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)


class Bench:
    """Runs each target with generated inputs in one temporary directory."""

    def __init__(self, plan: Plan, work: Path) -> None:
        self.plan = plan
        self.work = work
        self.ldncheck = find_tool("ldncheck") or [sys.executable, "-m", "ldncheck"]
        self.codespell = find_tool("codespell")
        # A private cache directory: the first run fills it, as a user's first run would.
        self.env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
        self.env.pop("LDNCHECK_NO_CACHE", None)
        self.rows: list[Row] = []
        compile_package()

    def write(self, name: str, text: str) -> Path:
        """A generated input file."""
        path = self.work / name
        path.write_text(text, encoding="utf-8")
        return path

    def ours(self, *args: str, stdin: Path | None = None, env: dict[str, str] | None = None) -> Run:
        """One ldncheck process."""
        return run([*self.ldncheck, *args], stdin=stdin, env=env or self.env)

    def theirs(self, *paths: Path) -> Run:
        """One codespell process over ``paths`` (its exit code 65 just means typos found)."""
        assert self.codespell is not None
        return run([*self.codespell, *map(str, paths)], ok=(0, 65))

    def pair(
        self, ours: Callable[[], Run], paths: Sequence[Path]
    ) -> tuple[float, float | None, float]:
        """Medians of an ldncheck command and codespell on ``paths``, and ldncheck's peak MB."""
        cmds = [ours] + ([lambda: self.theirs(*paths)] if self.codespell else [])
        result = medians(cmds, self.plan.repeats)
        return result[0][0], (result[1][0] if len(result) > 1 else None), result[0][1]

    def peak(self, *args: str, stdin: Path | None = None, fallback: float) -> tuple[float, str]:
        """Peak resident MB of one ldncheck run, and a note when it is only an upper bound."""
        if not GNU_TIME.is_file():
            return fallback, " (upper bound)"
        report = self.work / "peak.txt"
        with open(stdin or os.devnull, "rb") as fin:
            subprocess.run(
                [str(GNU_TIME), "-f", "%M", "-o", str(report), *self.ldncheck, *args],
                stdin=fin,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=self.env,
                check=False,
            )
        try:
            return int(report.read_text().split()[-1]) / 1024, ""
        except (OSError, ValueError, IndexError):
            return fallback, " (upper bound)"

    def startup(self) -> None:
        """Target 1: one claim in a fresh process, JSON and the default panel."""
        page = self.write("page.txt", one_page())
        self.ours("check", "--format", "json", CLAIM)  # fills the knowledge-base cache
        json_s, spell_s, json_mb = self.pair(
            lambda: self.ours("check", "--format", "json", CLAIM), [page]
        )
        panel_s, spell2_s, panel_mb = self.pair(lambda: self.ours("check", CLAIM), [page])
        no_cache = {**self.env, "LDNCHECK_NO_CACHE": "1"}
        cold_s, _ = medians(
            [lambda: self.ours("check", "--format", "json", CLAIM, env=no_cache)], self.plan.repeats
        )[0]
        json_mb, note = self.peak("check", "--format", "json", CLAIM, fallback=json_mb)
        panel_mb, _ = self.peak("check", CLAIM, fallback=panel_mb)
        self.rows += [
            ratio_row("check --format json (1 claim)", json_s, spell_s, 1.0),
            ratio_row("check, panel (1 claim)", panel_s, spell2_s, 1.3),
            limit_row(f"check peak memory{note}", max(json_mb, panel_mb), 60, "MB"),
            Row("check --format json, cache off", f"{cold_s * 1000:.0f} ms"),
        ]

    def batch(self) -> None:
        """Target 2: claims per second through jsonl, streaming, and memory against input size."""
        count = self.plan.batch
        small = self.write("claims-small.txt", "\n".join(claims(count // 10)) + "\n")
        big = self.write("claims.txt", "\n".join(claims(count)) + "\n")
        timed = [
            self.ours("check", "--format", "jsonl", "-", stdin=big)
            for _ in range(max(1, self.plan.repeats // 2))
        ]
        lines = timed[0].stdout.count(b"\n")
        if lines != count:
            raise BenchError(f"jsonl printed {lines} lines for {count} claims")
        seconds = statistics.median(r.seconds for r in timed)
        small_mb, note = self.peak(
            "check",
            "--format",
            "jsonl",
            "-",
            stdin=small,
            fallback=self.ours("check", "--format", "jsonl", "-", stdin=small).peak_mb,
        )
        big_mb, _ = self.peak(
            "check", "--format", "jsonl", "-", stdin=big, fallback=max(r.peak_mb for r in timed)
        )
        streamed = self.streams()
        self.rows += [
            limit_row(
                f"check --format jsonl, {count:,} claims",
                count / seconds,
                5000,
                "claims/s",
                higher=True,
            ),
            Row(
                "  first result before input ends",
                "yes" if streamed else "no",
                goal="yes",
                verdict="pass" if streamed else "FAIL",
            ),
            limit_row(
                f"  peak growth {count // 10:,} -> {count:,} claims{note}",
                big_mb - small_mb,
                5,
                "MB",
            ),
        ]

    def streams(self) -> bool:
        """True when a result comes out while standard input is still open."""
        proc = subprocess.Popen(
            [*self.ldncheck, "check", "--format", "jsonl", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=self.env,
        )
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(b"LDN cures cancer\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        got = bool(ready) and proc.stdout.readline().startswith(b"{")
        proc.stdin.close()
        proc.stdout.read()
        proc.wait()
        return got

    def scan(self) -> None:
        """Target 3: scan a large plain document, an LDN-dense one, and a directory with --jobs."""
        if run([*self.ldncheck, "scan", "--help"], env=self.env, ok=(0, 1, 2)).returncode != 0:
            self.rows.append(Row("scan", "scan not available", verdict="skipped"))
            return
        size = self.plan.scan_bytes
        plain = self.write("plain.md", plain_markdown(size))
        dense = self.write("ldn.md", ldn_markdown(size))
        label = f"{size / 1e6:g} MB" if size >= 1e6 else f"{size // 1000} KB"
        scan_s, spell_s, _ = self.pair(lambda: self.ours("scan", str(plain)), [plain])
        dense_s = medians([lambda: self.ours("scan", str(dense))], max(1, self.plan.repeats // 2))[
            0
        ][0]
        tree = write_tree(self.work / "tree", self.plan.tree_files, 2_000)
        one = medians([lambda: self.ours("scan", "--jobs", "1", str(tree))], 1)[0][0]
        auto = medians([lambda: self.ours("scan", str(tree))], 1)[0][0]
        spell_tree = medians([lambda: self.theirs(tree)], 1)[0][0] if self.codespell else None
        self.rows += [
            ratio_row(f"scan {label} Markdown, not about LDN", scan_s, spell_s, 1.0),
            limit_row(f"scan {label} LDN-dense Markdown", dense_s, 2.0, "s"),
            Row(
                f"scan {self.plan.tree_files:,} files, --jobs 1",
                f"{one:.2f} s",
                f"{spell_tree:.2f} s" if spell_tree else "-",
            ),
            Row(
                f"scan {self.plan.tree_files:,} files, default --jobs",
                f"{auto:.2f} s",
                ratio=f"{one / auto:.2f}x faster",
            ),
        ]

    def kb_growth(self) -> None:
        """Target 4: matching cost per claim as the knowledge base grows (Python API)."""
        from ldncheck.kb import bundled_dir, load_kb
        from ldncheck.pipeline import check_claim

        probe = list(claims(self.plan.kb_probe, seed=9))
        costs: list[tuple[int, float]] = []
        for factor in self.plan.kb_factors:
            kb = load_kb(scaled_kb(bundled_dir(), self.work / f"kb{factor}", factor))
            start = time.perf_counter()
            for text in probe:
                check_claim(text, kb)
            micros = (time.perf_counter() - start) / len(probe) * 1e6
            costs.append((factor, micros))
            self.rows.append(
                Row(
                    f"match cost, KB x{factor} ({len(kb.claims):,} claims)",
                    f"{micros:,.0f} us/claim",
                )
            )
        (f0, c0), (f1, c1) = costs[-2], costs[-1]
        exponent = math.log(c1 / c0) / math.log(f1 / f0)
        self.rows.append(
            Row(
                f"  growth x{f0} -> x{f1} (cost ~ size^k)",
                f"k = {exponent:.2f}",
                goal="k < 1",
                verdict="pass" if exponent < 1 else "FAIL",
            )
        )


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    head = ("target", "ldncheck", "codespell", "ratio", "goal", "result")
    cells = [head] + [(r.target, r.ours, r.theirs, r.ratio, r.goal, r.verdict) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = [
        "| " + " | ".join(c[i].ljust(widths[i]) for i in range(len(head))) + " |" for c in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def machine() -> str:
    """Cores, Python and date, for the record."""
    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {time.strftime('%Y-%m-%d')}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run every target and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every target once, small inputs")
    parser.add_argument(
        "--only",
        choices=("startup", "batch", "scan", "kb"),
        action="append",
        help="run only these targets (repeatable)",
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ldncheck-bench-") as tmp:
        bench = Bench(plan, Path(tmp))
        if bench.codespell is None:
            print(
                "codespell not found (pip install '.[bench]'): codespell rows skipped",
                file=sys.stderr,
            )
        steps = {
            "startup": bench.startup,
            "batch": bench.batch,
            "scan": bench.scan,
            "kb": bench.kb_growth,
        }
        try:
            for name, step in steps.items():
                if not args.only or name in args.only:
                    step()
        except BenchError as exc:
            print(table(bench.rows))
            print(f"bench: error: {exc}", file=sys.stderr)
            return 1
    print(
        f"{'quick' if args.quick else 'full'} run on {machine()}; "
        f"medians of {plan.repeats} ({time.perf_counter() - started:.0f} s)\n"
    )
    print(table(bench.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
