from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Staff and residents. Residents' accounts are optional; reading never needs one."""

    email = models.EmailField(_("e-mail address"), unique=True, blank=True, null=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        # Unique e-mail with "no e-mail" allowed: store the absence as NULL, not "".
        self.email = self.email or None
        super().save(*args, **kwargs)
