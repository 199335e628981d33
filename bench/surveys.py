"""`python -m bench.surveys`: a survey's results and its sending under load, on the
loopback interface only, in a fresh data directory (nothing is written into the
repository; the PostgreSQL database is dropped afterwards).

A 10-question survey (three pages: single and multiple choice, two scales, a matrix,
a ranking, a number, a free text; two breakdown questions and the answer language)
is seeded with 1,000 and with 1,000,000 responses in bulk, never through the views:
Response rows (bulk_create, then copies made by the database) and the matching
Tally rows, each distinct response's keys (`tallies.response_keys`) times how often
it was stored. Then:

1. Reading the results, for the results page (/de/lip/umfragen/<slug>/ergebnisse/)
   and the results JSON (/api/v1/processes/lip-2/surveys/<slug>/results):
   - SQL queries, in-process with the test client: empty cache ("cold"), data
     caches warm with every request rendered ("warm": a request with a cookie),
     and a reader's request (no cookie) from the page cache;
   - server time (Server-Timing: the app's own milliseconds), median and p95 of
     sequential requests, served as `make run` serves (uvicorn, 2 workers, its
     settings): by a cookie-less client (readers: the page cache) and by one with a
     cookie (every request rendered).
2. Sending: complete responses POSTed through the real views as a browser sends
   them (start, each page, the review page, send; each respondent with a cookie of
   its own; the send carries the spam guard's fields as the review page rendered
   them), by 16 concurrent clients for 20 s, served by gunicorn with 2 workers
   (production settings over plain HTTP), on SQLite and on PostgreSQL (a throwaway
   database on 127.0.0.1:5432, user postgres; with Redis as production runs it, or
   the database cache under --no-redis). SURVEY_RATE is raised (all clients share
   one address) and SPAM_MIN_FILL_SECONDS is 0 (each client stands for many people,
   each of whom takes longer than 3 s; the signed start time is still checked).
   Afterwards: stored responses = successful sends (none lost, none doubled), the
   survey's response_count equals them, and every counter equals its recount
   (`tallies.stored` = `tallies.computed`).
3. Where one response's server time goes: each of its requests in-process.

Bounded: about five minutes on an idle 2-core machine.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from bench import survey_seed
from bench.__main__ import (
    ROOT,
    Server,
    manage,
    percentile,
    redis_flush,
    redis_reachable,
    server_env,
)

PROCESS = "lip-2"
PORTAL = "/de/lip"
PAGE = PORTAL + "/umfragen/{slug}/ergebnisse/"
JSON = "/api/v1/processes/" + PROCESS + "/surveys/{slug}/results"
SEND_RATE = "1000000/h"
TARGETS = {"median": 20.0, "p95": 50.0, "queries": 5, "sqlite": 100, "postgres": 200}

DISTRICTS = ["nord", "ost", "sued", "west", "mitte", "umland"]
YEARS = ["under1", "1to5", "5to10", "over10", "born"]
TOPICS = ["bildung", "arbeit", "wohnen", "gesundheit", "sport", "kultur", "amt"]
OFTEN = ["often", "sometimes", "rarely", "never"]
PLACES = ["work", "neighbours", "clubs", "school"]
PRIORITIES = ["courses", "childcare", "housing", "jobs", "advice"]
LANGUAGES = ["de"] * 6 + ["ar", "tr", "ru", "uk", "en", "fa"]
# (code, page, kind, fields, options, items)
QUESTIONS = [
    ("district", 1, "single", {"is_breakdown": True}, DISTRICTS, []),
    ("years", 1, "single", {"is_breakdown": True}, YEARS, []),
    ("welcome", 1, "scale", {"allows_dont_know": True}, [], []),
    ("topics", 2, "multiple", {"max_choices": 3}, TOPICS, []),
    ("contact", 2, "matrix", {}, OFTEN, PLACES),
    ("priorities", 2, "ranking", {}, PRIORITIES, []),
    ("age", 3, "number", {"number_min": 0, "number_max": 120}, [], []),
    ("trust", 3, "scale", {"scale_min": 1, "scale_max": 7}, [], []),
    ("engaged", 3, "single", {}, ["yes", "no"], []),
    ("idea", 3, "short_text", {}, [], []),
]
LABELS = {"de": "Antwort {code}", "en": "Answer {code}"}
TALLY_FIELDS = ("question", "key", "source", "group_by", "group_key")


def answers_make(rng: random.Random) -> dict:
    """One plausible response, as the service stores it."""
    answers = {
        "district": rng.choice(DISTRICTS),
        "years": rng.choice(YEARS),
        "welcome": rng.choice([1, 2, 3, 3, 4, 4, 4, 5, 5, "@dont_know"]),
        "topics": rng.sample(TOPICS, rng.randint(1, 3)),
        "contact": {item: rng.choice(OFTEN) for item in PLACES if rng.random() < 0.9},
        "priorities": rng.sample(PRIORITIES, len(PRIORITIES)),
        "age": str(rng.randint(16, 90)),
        "trust": rng.randint(1, 7),
        "engaged": rng.choice(["yes", "no"]),
    }
    if rng.random() < 0.3:
        answers["idea"] = "Mehr Sprachkurse am Abend."
    return answers


def page_fields(answers: dict) -> dict[int, list[tuple[str, str]]]:
    """The form fields a browser sends for each page (surveys.forms.PageForm)."""
    pages: dict[int, list[tuple[str, str]]] = {}
    for code, page, kind, _fields, options, _items in QUESTIONS:
        sent = pages.setdefault(page, [])
        value = answers.get(code)
        if value is None:
            continue
        if kind == "multiple":
            sent += [(f"q_{code}", v) for v in value]
        elif kind == "matrix":
            sent += [(f"q_{code}__{item}", option) for item, option in value.items()]
        elif kind == "ranking":
            sent += [(f"q_{code}__{o}", str(value.index(o) + 1)) for o in options]
        else:
            sent.append((f"q_{code}", str(value)))
    for fields in pages.values():
        fields.append(("go", "next"))
    return pages


# --- Inside Django (run as `python -m bench.surveys --task …` with the env) -------


def survey_create(slug: str):
    return survey_seed.survey_create(
        slug,
        QUESTIONS,
        title_de=f"Bench-Umfrage {slug}",
        title_en=f"Bench survey {slug}",
        option_labels=LABELS,
        item_labels=LABELS,
    )


def seed(slug: str, responses: int, batch: int = 10_000) -> float:
    """Bulk-insert `responses` responses and their tallies; returns seconds.

    The first `batch` rows are distinct responses (bulk_create); the rest are
    copies of them made by the database (INSERT … SELECT, one statement per
    `batch` rows), each with a respondent key of its own: a minute less for a
    million rows than bulk_create throughout, and the same rows a reader's page
    never counts anyway. The tallies are each distinct response's keys times how
    often it was stored."""
    from django.db import connection, transaction
    from django.utils import timezone

    from mitplan.surveys import answers as answer_rules
    from mitplan.surveys import tallies
    from mitplan.surveys.answers import Definition
    from mitplan.surveys.models import Response, Survey, Tally

    started = time.perf_counter()
    survey = survey_create(slug)
    if not responses:
        return time.perf_counter() - started
    definition = Definition.of(survey)
    rng = random.Random(responses)
    first = min(responses, batch)
    # Each checked as the service checks what it stores.
    rows = [
        (answer_rules.check(definition, answers_make(rng)), rng.choice(LANGUAGES))
        for _ in range(first)
    ]
    now = timezone.now()
    with transaction.atomic():
        survey_seed.bulk_insert(
            Response,
            survey,
            (
                {
                    "answers": answers,
                    "language": language,
                    "submitted_at": now,
                    "respondent_key": f"seed-{number}",
                }
                for number, (answers, language) in enumerate(rows)
            ),
            batch_size=batch,
        )
    quote = connection.ops.quote_name
    columns = [
        field.column
        for field in Response._meta.concrete_fields
        if not field.primary_key
    ]
    selected = [
        "%s || CAST(" + quote("id") + " AS VARCHAR(20))"
        if column == "respondent_key"
        else quote(column)
        for column in columns
    ]
    table = quote(Response._meta.db_table)
    # Only our own quoted names are formatted in; values are parameters.
    copy = (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
        f"SELECT {', '.join(selected)} FROM {table} WHERE {quote('survey_id')} = %s "
        f"ORDER BY {quote('id')} LIMIT %s"
    )
    copies = Counter()
    stored, number = first, 0
    while stored < responses:
        number += 1
        size = min(first, responses - stored)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(copy, [f"seed-{number}-", survey.pk, size])
        copies[size] += 1
        stored += size
    times = Counter()
    for index in range(first):
        times[index] = 1 + sum(n for size, n in copies.items() if index < size)
    totals = Counter()
    for index, (answers, language) in enumerate(rows):
        for (question, key, group_by, group_key), n in tallies.response_keys(
            definition, answers, language
        ).items():
            totals[(question, key, "online", group_by, group_key)] += n * times[index]
    with transaction.atomic():
        survey_seed.bulk_insert(
            Tally,
            survey,
            (
                {**dict(zip(TALLY_FIELDS, key, strict=True)), "count": count}
                for key, count in totals.items()
            ),
            batch_size=5_000,
        )
        Survey.objects.filter(pk=survey.pk).update(
            response_count=responses, results_changed_at=now
        )
    return time.perf_counter() - started


def query_counts(urls: list[tuple[str, str]]) -> dict:
    """(cold, warm, page cache) queries per address, counted in-process."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    reader, private = Client(), Client(HTTP_COOKIE="bench=1")
    counts = {}
    for name, url in urls:
        counted = {}
        cache.clear()
        # Counted at once: the next request resets the connection's query log.
        for label, client in (
            ("cold", private),
            ("warm", private),
            ("page cache", reader),
        ):
            if label == "page cache":
                client.get(url)
            with CaptureQueriesContext(connection) as queries:
                counted["status"] = client.get(url).status_code
            counted[label] = len(queries)
        counts[name] = counted
    return counts


def step_costs(slug: str, responses: int = 20) -> dict:
    """Milliseconds and queries of each request of one response, in-process (the
    test client, one request at a time): where a response's server time goes."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    survey = f"{PORTAL}/umfragen/{slug}/"
    rng = random.Random(3)
    costs: dict[str, list] = {}

    def timed(name, send):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = send()
            elapsed = (time.perf_counter() - started) * 1000
            counted = len(queries)
        if response.status_code not in (200, 302):
            raise RuntimeError(f"{name}: {response.status_code}")
        costs.setdefault(name, []).append((elapsed, counted))
        return response

    # One client (it loads the middleware on its first request), a new respondent
    # each time: its cookies cleared.
    client = Client(headers={"Origin": "http://testserver"})
    for _ in range(responses + 3):  # the first three warm up
        client.cookies.clear()
        timed("start", lambda c=client: c.post(survey))
        for page, fields in sorted(page_fields(answers_make(rng)).items()):
            data: dict[str, list] = {}
            for name, value in fields:
                data.setdefault(name, []).append(value)
            timed(
                f"page {page}",
                lambda c=client, p=page, d=data: c.post(f"{survey}seite/{p}/", d),
            )
        review = timed("review", lambda c=client: c.get(f"{survey}pruefen/"))
        hidden = dict(HIDDEN.findall(review.content.decode()))
        timed(
            "send",
            lambda c=client, h=hidden: c.post(
                f"{survey}pruefen/", {**h, "website": ""}
            ),
        )
    return {
        name: {
            "ms": statistics.median(ms for ms, _n in values[3:]),
            "queries": max(n for _ms, n in values[3:]),
        }
        for name, values in costs.items()
    }


def check(slug: str) -> dict:
    """What is stored for the survey, and whether every counter is its recount."""
    from mitplan.surveys import tallies
    from mitplan.surveys.answers import Definition
    from mitplan.surveys.models import Response, Survey

    survey = Survey.objects.get(process__slug=PROCESS, slug=slug)
    responses = Response.objects.filter(survey=survey)
    expected = tallies.computed(
        Definition.of(survey),
        responses.values_list("answers", "language", "source").iterator(),
    )
    expected = {key: n for key, n in expected.items() if n}
    stored = tallies.stored(survey.pk)
    wrong = [
        key
        for key in expected.keys() | stored.keys()
        if expected.get(key) != stored.get(key)
    ]
    return {
        "stored": responses.count(),
        "response_count": survey.response_count,
        "counters": len(stored),
        "wrong_counters": len(wrong),
    }


def task(arguments) -> None:
    import django

    django.setup()
    if arguments.task == "seed":
        for pair in arguments.surveys:
            slug, responses = pair.split("=")
            seconds = seed(slug, int(responses))
            print(json.dumps({"slug": slug, "seconds": seconds}), flush=True)
    elif arguments.task == "queries":
        print(json.dumps(query_counts(json.loads(arguments.urls))))
    elif arguments.task == "check":
        print(json.dumps(check(arguments.slug)))
    elif arguments.task == "steps":
        print(json.dumps(step_costs(arguments.slug)))


def in_django(env, *args) -> list:
    result = subprocess.run(
        [sys.executable, "-m", "bench.surveys", "--task", *args],
        env={**env, "ALLOWED_HOSTS": "*", "MITPLAN_WARM_UP": "false"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return [
        json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")
    ]


# --- Outside: servers and clients ---------------------------------------------------


class Gunicorn(Server):
    """gunicorn config.wsgi with 2 workers (× threads), on a free loopback port."""

    def __init__(self, env, workers: int = 2, threads: int = 4):
        super().__init__(env, workers)
        self.threads = threads

    def command(self, port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--no-control-socket",
            "--timeout",
            "60",
        ]

    def process_env(self) -> dict:
        return self.env


class Connection:
    """One keep-alive HTTP/1.1 connection to the loopback server."""

    def __init__(self, base: str, cookie: str = "", counter=None):
        host, port = base.removeprefix("http://").split(":")
        if host not in ("127.0.0.1", "localhost"):
            raise ValueError("the bench only targets the loopback interface")
        self.base, self.cookie, self.counter = base, cookie, counter
        self.http = http.client.HTTPConnection(host, int(port), timeout=60)

    def request(self, method: str, path: str, fields=None):
        headers = {"User-Agent": "mitplan-bench", "Accept-Language": "de"}
        body = None
        if method == "POST":
            headers["Origin"] = self.base
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(fields or [])
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.counter:
            self.counter()
        try:
            self.http.request(method, path, body, headers)
            response = self.http.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.http.close()
            raise
        return response, content

    def close(self):
        self.http.close()


def app_ms(response) -> float:
    timing = response.getheader("Server-Timing", "")
    match = re.search(r"app;dur=([0-9.]+)", timing)
    return float(match.group(1)) if match else float("nan")


def read_times(base: str, path: str, requests: int, cookie: str = "") -> dict:
    connection = Connection(base, cookie)
    for _ in range(5):
        connection.request("GET", path)
    server, wall = [], []
    for _ in range(requests):
        started = time.perf_counter()
        response, _content = connection.request("GET", path)
        wall.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
        server.append(app_ms(response))
    connection.close()
    return {
        "median": statistics.median(server),
        "p95": percentile(server, 0.95),
        "wall_median": statistics.median(wall),
        "cache": response.getheader("X-Cache", "-"),
    }


HIDDEN = re.compile(r'name="(submission|started)" value="([^"]*)"')


class Sending:
    """Respondents sending complete responses, `clients` at a time."""

    def __init__(self, base: str, slug: str, clients: int, seconds: float):
        self.base, self.slug = base, slug
        self.clients, self.seconds = clients, seconds
        self.sent = 0
        self.failed = Counter()
        self.requests = 0
        self.send_ms: list[float] = []
        self.lock = threading.Lock()

    def respondent(self, rng: random.Random) -> None:
        survey = f"{PORTAL}/umfragen/{self.slug}/"
        connection = Connection(self.base, counter=self._counted)
        try:
            response, _content = connection.request("POST", survey)
            cookie = (response.getheader("Set-Cookie") or "").split(";")[0]
            if response.status != 302 or not cookie:
                return self._failed("start", response.status)
            connection.cookie = cookie
            answers = answers_make(rng)
            for page, fields in sorted(page_fields(answers).items()):
                response, _content = connection.request(
                    "POST", f"{survey}seite/{page}/", fields
                )
                if response.status != 302:
                    return self._failed(f"page {page}", response.status)
            response, content = connection.request("GET", f"{survey}pruefen/")
            hidden = dict(HIDDEN.findall(content.decode()))
            if response.status != 200 or len(hidden) != 2:
                return self._failed("review", response.status)
            started = time.perf_counter()
            response, _content = connection.request(
                "POST", f"{survey}pruefen/", [*hidden.items(), ("website", "")]
            )
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 302 or "/danke/" not in (
                response.getheader("Location") or ""
            ):
                return self._failed("send", response.status)
            with self.lock:
                self.sent += 1
                self.send_ms.append(elapsed)
        except (OSError, http.client.HTTPException) as error:
            self._failed("connection", type(error).__name__)
        finally:
            connection.close()

    def _counted(self) -> None:
        with self.lock:
            self.requests += 1

    def _failed(self, step, status) -> None:
        with self.lock:
            self.failed[f"{step}: {status}"] += 1

    def run(self) -> "Sending":
        deadline = time.perf_counter() + self.seconds

        def client(number):
            rng = random.Random(number)
            while time.perf_counter() < deadline:
                self.respondent(rng)

        threads = [
            threading.Thread(target=client, args=(n,)) for n in range(self.clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.elapsed = time.perf_counter() - started
        return self


def send_run(title: str, env: dict, slug: str, arguments) -> dict:
    send_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECURE_SSL_REDIRECT": "false",
        "SURVEY_RATE": SEND_RATE,
        "SPAM_MIN_FILL_SECONDS": "0",
    }
    print(f"  sending: {title} …", flush=True)
    with Gunicorn(send_env, threads=arguments.threads) as server:
        sending = Sending(server.base, slug, arguments.clients, arguments.seconds).run()
        log = server.tail()
    [stored] = in_django(env, "check", "--slug", slug)
    row = {
        "setup": title,
        "per_second": sending.sent / sending.elapsed,
        "requests": sending.requests / sending.elapsed,
        "sent": sending.sent,
        "failed": dict(sending.failed),
        "send_p50": percentile(sending.send_ms, 0.5) if sending.send_ms else 0,
        "send_p95": percentile(sending.send_ms, 0.95) if sending.send_ms else 0,
        **stored,
    }
    if sending.failed:
        row["log"] = log
    return row


def postgres_database(name: str, *, drop: bool = False) -> str:
    import psycopg

    with psycopg.connect(
        "host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop:
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def prepare(env, *, static: bool = True) -> None:
    manage(env, "compile_catalogs")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    if static:
        manage(
            env, "collectstatic", "--noinput", "-v0", "--settings=config.settings.base"
        )


def main(arguments) -> None:
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    data_dir = Path(tempfile.mkdtemp(prefix="mitplan-bench-surveys-"))
    sizes = {"small": arguments.small, "large": arguments.large}
    slugs = {size: f"bench-{size}" for size in sizes}
    rows = []
    try:
        env = server_env(data_dir)
        print(
            f"Preparing SQLite in {data_dir} … ({os.cpu_count()} CPUs, load "
            f"{os.getloadavg()[0]:.1f}: other work on the machine skews the figures)",
            flush=True,
        )
        started = time.perf_counter()
        prepare(env)
        print(f"  set up in {time.perf_counter() - started:.0f} s", flush=True)
        seeded = in_django(
            env,
            "seed",
            *(f"{slugs[size]}={n}" for size, n in sizes.items()),
            "bench-send=0",
            "bench-steps=0",
        )
        for entry in seeded:
            print(f"  seeded {entry['slug']} in {entry['seconds']:.0f} s", flush=True)

        urls = [
            (f"{kind} {size}", template.format(slug=slugs[size]))
            for size in sizes
            for kind, template in (("page", PAGE), ("json", JSON))
        ]
        [queries] = in_django(env, "queries", "--urls", json.dumps(urls))
        times = {}
        with Server(env) as server:
            for name, url in urls:
                times[name] = {
                    "reader": read_times(server.base, url, arguments.requests),
                    "rendered": read_times(
                        server.base, url, arguments.requests, "bench=1"
                    ),
                }
        print_reads(sizes, urls, queries, times)

        rows.append(send_run("SQLite (disk cache)", env, "bench-send", arguments))
        [steps] = in_django(
            {**env, "SURVEY_RATE": SEND_RATE, "SPAM_MIN_FILL_SECONDS": "0"},
            "steps",
            "--slug",
            "bench-steps",
        )
        if not arguments.no_postgres:
            name = f"mitplan_bench_{os.getpid()}"
            pg_env = {**env, "DATABASE_URL": postgres_database(name)}
            try:
                print("Preparing PostgreSQL …", flush=True)
                prepare(pg_env, static=False)
                # As production runs: with Redis (else the database cache).
                setups = [("PostgreSQL (database cache)", "", "bench-send-db")]
                if not arguments.no_redis and redis_reachable(redis_url):
                    setups = [("PostgreSQL + Redis", redis_url, "bench-send-redis")]
                in_django(pg_env, "seed", *(f"{slug}=0" for _t, _u, slug in setups))
                for title, url, slug in setups:
                    run_env = {**pg_env, "REDIS_URL": url} if url else pg_env
                    if url:
                        redis_flush(url)
                    try:
                        rows.append(send_run(title, run_env, slug, arguments))
                    finally:
                        if url:
                            redis_flush(url)
            finally:
                postgres_database(name, drop=True)
        print_sends(rows, arguments)
        print_steps(steps)
        print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def print_reads(sizes, urls, queries, times) -> None:
    print(
        "\nReading the results (server time: Server-Timing, ms; "
        f"{TARGETS['median']:.0f} / {TARGETS['p95']:.0f} ms and "
        f"{TARGETS['queries']} queries the targets)\n"
    )
    print(
        f"{'address':<10} {'responses':>10} {'queries cold/warm/cached':>25} "
        f"{'reader p50':>11} {'p95':>6} {'rendered p50':>13} {'p95':>6}"
    )
    for name, _url in urls:
        size = name.split()[1]
        q, t = queries[name], times[name]
        print(
            f"{name.split()[0]:<10} {sizes[size]:>10,} "
            f"{q['cold']:>15} / {q['warm']:>2} / {q['page cache']:<2} "
            f"{t['reader']['median']:>11.1f} {t['reader']['p95']:>6.1f} "
            f"{t['rendered']['median']:>13.1f} {t['rendered']['p95']:>6.1f}"
        )
    print(
        "\nreader: no cookie (the page cache answers); rendered: a cookie, so every "
        "request is rendered (data caches warm)."
    )


def print_sends(rows, arguments) -> None:
    print(
        f"\nSending complete responses: {arguments.clients} clients, "
        f"{arguments.seconds:.0f} s, gunicorn 2 workers × {arguments.threads} "
        "threads (6 requests a response: start, 3 pages, review, send)\n"
    )
    print(
        f"{'setup':<28} {'sent/s':>7} {'req/s':>6} {'sent':>6} {'stored':>6} "
        f"{'count':>6} {'bad counters':>12} {'send p50':>9} {'p95 ms':>7}  failed"
    )
    for row in rows:
        print(
            f"{row['setup']:<28} {row['per_second']:>7.1f} {row['requests']:>6.0f} "
            f"{row['sent']:>6} {row['stored']:>6} {row['response_count']:>6} "
            f"{row['wrong_counters']:>5} of {row['counters']:<4} "
            f"{row['send_p50']:>9.0f} {row['send_p95']:>7.0f}  {row['failed'] or '-'}"
        )
        if row.get("log"):
            print(row["log"])


def print_steps(steps) -> None:
    print(
        "\nOne response, request by request (in-process, one at a time, SQLite; "
        "median ms):\n"
    )
    for name, cost in steps.items():
        print(f"  {name:<8} {cost['ms']:>6.1f} ms {cost['queries']:>4} queries")
    total = sum(cost["ms"] for cost in steps.values())
    print(
        f"  {'total':<8} {total:>6.1f} ms "
        f"{sum(cost['queries'] for cost in steps.values()):>4} queries"
    )


def parse(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300, help="per measurement")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--threads", type=int, default=4, help="per gunicorn worker")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-redis", action="store_true")
    # Internal: the steps that run inside Django, in a process of their own.
    parser.add_argument("--task", choices=["seed", "queries", "check", "steps"])
    parser.add_argument("surveys", nargs="*")
    parser.add_argument("--urls", default="[]")
    parser.add_argument("--slug", default="")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse()
    if arguments.task:
        task(arguments)
    else:
        main(arguments)
