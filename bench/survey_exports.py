"""`python -m bench.survey_exports [--responses N]`: how long the exports of a
survey's responses take and how much memory they need, for CSV, XLSX and SPSS.

On a throwaway SQLite database (a temporary MITPLAN_DATA_DIR, migrated, with the
demo process), a survey of ten questions (every kind, "other" and "don't know",
a condition) gets N responses with generated answers (bulk inserts; default
1,000,000). Each format then runs in a fresh process, which reports its seconds,
the file's size, and its peak resident memory (getrusage ru_maxrss) next to the
same process's peak before the export started: the difference is what the export
needed. Run it with two N (e.g. 100,000 and 1,000,000): constant memory means the
same difference for both. Writes nothing into the repository.
"""

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import survey_seed
from bench.__main__ import ROOT, manage, server_env

FORMATS = ("csv", "xlsx", "sav")
SLUG = "bench-exports"
WORDS = [
    *("Sprachkurs", "Kita", "Schule", "Ausbildung", "Arbeit", "Wohnung", "Verein"),
    *("Sport", "Beratung", "Amt", "Nachbarschaft", "Eltern", "Jugend", "Rathaus"),
    *("Bibliothek", "Bus", "Park", "Fest", "Kultur"),
]
OTHER_ORIGIN = {"question": "origin", "in": ["@other"]}
ARABIC = "دروس اللغة في المساء للآباء والأمهات"


def survey_create():
    """Ten questions over three pages, every kind once or twice."""
    questions = [
        ("origin", 1, "single", {"allows_other": True}, options(6), []),
        ("topics", 1, "multiple", {"allows_other": True}, options(8), []),
        ("satisfied", 1, "scale", {"allows_dont_know": True}, [], []),
        ("trust", 1, "scale", {"scale_min": 0, "scale_max": 10}, [], []),
        ("offers", 2, "matrix", {}, options(4), items(5)),
        ("priorities", 2, "ranking", {}, options(5), []),
        ("years", 2, "number", {"number_min": 0, "number_max": 100}, [], []),
        ("where", 2, "short_text", {}, [], []),
        ("wish", 3, "long_text", {}, [], []),
        ("why_other", 3, "short_text", {"condition": OTHER_ORIGIN}, [], []),
    ]  # fmt: skip
    return survey_seed.survey_create(
        SLUG,
        questions,
        title_de="Benchmark-Umfrage",
        opens_days=30,
        option_labels={"de": "Antwort {number}"},
        item_labels={"de": "Zeile {number}"},
    )


def options(n: int) -> list[str]:
    return [f"o{number}" for number in range(1, n + 1)]


def items(n: int) -> list[str]:
    return [f"i{number}" for number in range(1, n + 1)]


def answers_of(rng: random.Random) -> dict:
    """Answers as response_submit stores them; some questions left out."""
    options = [f"o{n}" for n in range(1, 9)]
    answers = {}
    others = {}
    origin = rng.choice([*options[:6], "@other"])
    answers["origin"] = origin
    if origin == "@other":
        others["origin"] = rng.choice(["Syrien", ARABIC, "=1+1", "Україна"])
    if rng.random() < 0.9:
        topics = rng.sample([*options, "@other"], rng.randint(1, 4))
        answers["topics"] = topics
        if "@other" in topics:
            others["topics"] = " ".join(rng.sample(WORDS, 3))
    answers["satisfied"] = rng.choice([1, 2, 3, 4, 5, "@dont_know"])
    answers["trust"] = rng.randint(0, 10)
    answers["offers"] = {f"i{n}": rng.choice(options[:4]) for n in range(1, 6)}
    answers["priorities"] = rng.sample(options[:5], 5)
    if rng.random() < 0.8:
        answers["years"] = str(rng.randint(0, 60))
    if rng.random() < 0.5:
        answers["where"] = " ".join(rng.sample(WORDS, 2))
    if rng.random() < 0.4:
        answers["wish"] = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 80)))
    if origin == "@other":
        answers["why_other"] = ARABIC
    if others:
        answers["@other"] = others
    return answers


def seed(responses: int) -> None:
    """The survey and its responses, inserted in bulk (no tallies: exports do not
    read them)."""
    from django.db import transaction
    from django.utils import timezone

    from mitplan.surveys.models import Response, Survey

    rng = random.Random(7)
    now = timezone.now()
    with transaction.atomic():
        Survey.objects.filter(slug=SLUG).delete()  # of an earlier run with another N
        survey = survey_create()
        survey_seed.bulk_insert(
            Response,
            survey,
            (
                {
                    "answers": answers_of(rng),
                    "language": rng.choice(["de", "de", "de", "en", "tr", "ar", "uk"]),
                    "source": "online" if n % 20 else "paper",
                    "source_note": "" if n % 20 else "Stadtteilfest",
                    "submitted_at": now,
                }
                for n in range(responses)
            ),
            batch_size=5000,
        )
        Survey.objects.filter(pk=survey.pk).update(response_count=responses)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def measure(fmt: str) -> dict:
    """One export, in this (fresh) process."""
    from mitplan.surveys import exports
    from mitplan.surveys.models import Survey

    survey = Survey.objects.get(slug=SLUG)
    exports.survey_layout(survey)  # warm: imports, translations, the connection
    before = peak_mb()
    started = time.perf_counter()
    made = exports.survey_export(survey, fmt, language="de")
    seconds = time.perf_counter() - started
    peak = peak_mb()  # before reading the file back
    size = os.fstat(made.file.fileno()).st_size
    checked = ""
    if fmt == "sav":
        checked = sav_check(made, survey.response_count)
    made.file.close()
    return {
        "format": fmt,
        "rows": made.rows,
        "seconds": round(seconds, 1),
        "mb": round(size / 2**20, 1),
        "peak_before_mb": round(before, 1),
        "peak_mb": round(peak, 1),
        "checked": checked,
    }


def sav_check(made, count: int) -> str:
    """Read the last rows back, as a statistician's tools would."""
    import pyreadstat

    with tempfile.NamedTemporaryFile(suffix=".sav") as copy:
        shutil.copyfileobj(made.file, copy)
        copy.flush()
        _data, meta = pyreadstat.read_sav(
            copy.name, metadataonly=True, output_format="dict"
        )
        tail, _meta = pyreadstat.read_sav(
            copy.name, output_format="dict", row_offset=max(count - 3, 0)
        )
    assert meta.number_rows == count, (meta.number_rows, count)
    assert len(tail["id"]) == min(3, count)
    return (
        f"pyreadstat read {meta.number_rows} rows, {len(meta.column_names)} variables"
    )


def prepare(env: dict, responses: int) -> None:
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    print(f"Database ready in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.survey_exports",
            "--seed",
            "--responses",
            str(responses),
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    print(f"{responses:,} responses seeded in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="keep the database here, and use it again if it was seeded already",
    )
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", choices=FORMATS, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.seed or arguments.measure:
        import django

        django.setup()
        if arguments.seed:
            seed(arguments.responses)
        else:
            print(json.dumps(measure(arguments.measure)))
        return

    data_dir = arguments.data_dir or Path(
        tempfile.mkdtemp(prefix="mitplan-bench-exports-")
    )
    seeded = data_dir / f"seeded-{arguments.responses}"
    try:
        env = server_env(data_dir)
        env["MITPLAN_WARM_UP"] = "false"
        if not seeded.exists():
            for marker in data_dir.glob("seeded-*"):
                marker.unlink()
            prepare(env, arguments.responses)
            seeded.touch()
        print(
            f"\n{'format':<8}{'rows':>11}{'seconds':>9}{'file MB':>9}"
            f"{'peak MB before':>16}{'peak MB':>9}{'export needed':>15}"
        )
        for fmt in arguments.formats.split(","):
            result = subprocess.run(
                [sys.executable, "-m", "bench.survey_exports", "--measure", fmt],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if result.returncode:
                print(f"{fmt}: failed\n{result.stderr}")
                continue
            row = json.loads(result.stdout.strip().splitlines()[-1])
            needed = row["peak_mb"] - row["peak_before_mb"]
            print(
                f"{row['format']:<8}{row['rows']:>11,}{row['seconds']:>9}{row['mb']:>9}"
                f"{row['peak_before_mb']:>16}{row['peak_mb']:>9}{needed:>12.1f} MB"
                + (f"   ({row['checked']})" if row["checked"] else "")
            )
    finally:
        if not arguments.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
