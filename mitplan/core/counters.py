"""Counts kept on a row (a contribution's supports and comments, later a survey's
responses) so that lists sort and show them without counting each time.

A service changes a count in the same transaction as the rows it counts, with an
F() expression (no lost update between two requests). Should a count ever drift (a
restore, a manual fix in the database), `manage.py recount` recounts every
registered counter from its rows and says what it corrected.
Apps register their counters in AppConfig.ready()."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce


@dataclass(frozen=True)
class Counter:
    """`model.field` holds, per row, the number of `counted` rows pointing to it by
    `link` that match `where` (a Q, optional)."""

    model: type
    field: str
    counted: type
    link: str
    where: Q | None = None

    @property
    def name(self) -> str:
        return f"{self.model._meta.label}.{self.field}"

    def true_counts(self):
        rows = self.counted.objects.filter(**{self.link: OuterRef("pk")})
        if self.where is not None:
            rows = rows.filter(self.where)
        count = (
            rows.order_by().values(self.link).annotate(n=Count("pk")).values("n")[:1]
        )
        return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))


_counters: dict[str, Counter] = {}


def add_counter(counter: Counter) -> None:
    _counters[counter.name] = counter


def counters() -> list[Counter]:
    return sorted(_counters.values(), key=lambda counter: counter.name)


@dataclass(frozen=True)
class Drift:
    counter: str
    pk: int
    stored: int
    counted: int


def recount(*, fix: bool = False, chunk_size: int = 2000) -> list[Drift]:
    """Every row whose stored count differs from its rows, corrected with fix=True.

    A difference seen in passing may be a write in flight; each one is checked again
    with the row locked (the services change a count with the row locked, in the
    transaction that adds the counted row), and only a difference that holds then is
    reported or fixed."""
    drifts = []
    for counter in counters():
        candidates = list(
            counter.model.objects.annotate(_true=counter.true_counts())
            .exclude(**{counter.field: F("_true")})
            .values_list("pk", flat=True)
            .iterator(chunk_size=chunk_size)
        )
        for pk in candidates:
            with transaction.atomic():
                # Lock first, then count in a statement of its own: it sees what
                # the writers we waited for committed.
                stored = (
                    counter.model.objects.select_for_update()
                    .filter(pk=pk)
                    .values_list(counter.field, flat=True)
                    .first()
                )
                if stored is None:
                    continue
                counted = (
                    counter.model.objects.filter(pk=pk)
                    .annotate(_true=counter.true_counts())
                    .values_list("_true", flat=True)
                    .get()
                )
                if stored == counted:
                    continue
                drifts.append(Drift(counter.name, pk, stored, counted))
                if fix:
                    counter.model.objects.filter(pk=pk).update(
                        **{counter.field: counted}
                    )
    return drifts
