from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A body people act for: a migrant organisation, an association, a city office."""

    class Kind(models.TextChoices):
        MIGRANT_ORGANISATION = "migrant_organisation", _("Migrant organisation")
        ASSOCIATION = "association", _("Association or welfare organisation")
        CIVIL_SOCIETY = "civil_society", _("Civil society initiative")
        CITY_ADMINISTRATION = "city_administration", _("City administration")
        EDUCATION = "education", _("School, university or education provider")
        BUSINESS = "business", _("Business or chamber")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name
