from django.db import models


class HealthProbe(models.Model):
    """One row that `/healthz` rewrites on every probe: a real write (which fails on
    a full disk or a read-only database, where SELECT 1 does not) that leaves no
    growing data."""

    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = "health probe"

    def __str__(self):
        return f"health probe at {self.checked_at:%Y-%m-%d %H:%M:%S}"


class RateCounter(models.Model):
    """How often one subject did one thing in one time window (mitplan.core.ratelimits).

    `key` is a keyed hash of the limit's name and subject (a client's address, an
    e-mail address, an item): the table never holds an address, and without the
    daily secret, which is kept outside the database, a key cannot be tested
    against guesses. Rows of past windows are deleted as new ones are written."""

    key = models.CharField(max_length=64)
    window_start = models.BigIntegerField(help_text="In epoch seconds.")
    count = models.PositiveIntegerField(default=0)
    expires_at = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = "rate counter"
        constraints = [
            models.UniqueConstraint(
                fields=["key", "window_start"], name="ratecounter_unique"
            )
        ]

    def __str__(self):
        return f"{self.key[:8]}… {self.count} since {self.window_start}"
