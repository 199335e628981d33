"""The addresses this app serves below a process's portal."""

from mitplan.processes.portal import Route

from .views import comment_create

ROUTES = (Route("beitraege/<int:pk>/kommentieren/", comment_create, "comment_create"),)
