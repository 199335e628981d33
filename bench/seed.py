"""Seed a benchmark database with many published contributions, supports and
comments (bulk inserts; counters set to match). Run by `make bench`."""

import argparse
import random

import django


def seed(contributions: int, supports: int, comments: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from mitplan.comments.models import Comment
    from mitplan.contributions.models import Contribution, Support
    from mitplan.processes.models import Process

    process = Process.objects.get(slug="lip-2")
    fields = list(process.fields_of_action.all())
    rng = random.Random(7)
    words = [
        "Sprachkurs",
        "Kita",
        "Schule",
        "Ausbildung",
        "Arbeit",
        "Wohnung",
        "Verein",
        "Sport",
        "Beratung",
        "Amt",
        "Nachbarschaft",
        "Eltern",
        "Jugend",
        "Senioren",
        "Rathaus",
        "Bibliothek",
        "Bus",
        "Park",
        "Fest",
        "Kultur",
    ]
    now = timezone.now()
    with transaction.atomic():
        rows = [
            Contribution(
                process=process,
                field_of_action=rng.choice(fields),
                kind=rng.choice(["idea", "wish", "critique"]),
                title=" ".join(rng.sample(words, 4)),
                text=" ".join(rng.choice(words) for _ in range(60)),
                language=rng.choice(["de", "de", "de", "en", "tr", "ar"]),
                moderation_state="published",
                published_at=now,
                created_at=now,
            )
            for _ in range(contributions)
        ]
        created = Contribution.objects.bulk_create(rows, batch_size=2000)
        support_counts = {c.pk: 0 for c in created}
        support_rows = []
        for n in range(supports):
            contribution = rng.choice(created)
            support_rows.append(
                Support(contribution=contribution, token_hash=f"bench-{n}")
            )
            support_counts[contribution.pk] += 1
        Support.objects.bulk_create(support_rows, batch_size=5000)
        comment_counts = {c.pk: 0 for c in created}
        comment_rows = []
        for _ in range(comments):
            contribution = rng.choice(created)
            comment_rows.append(
                Comment(contribution=contribution, text="Guter Punkt!", language="de")
            )
            comment_counts[contribution.pk] += 1
        Comment.objects.bulk_create(comment_rows, batch_size=5000)
        for contribution in created:
            contribution.support_count = support_counts[contribution.pk]
            contribution.comment_count = comment_counts[contribution.pk]
        Contribution.objects.bulk_update(
            created, ["support_count", "comment_count"], batch_size=2000
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--contributions", type=int, default=10_000)
    parser.add_argument("--supports", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=30_000)
    arguments = parser.parse_args()
    django.setup()
    seed(arguments.contributions, arguments.supports, arguments.comments)
