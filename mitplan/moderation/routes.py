"""The addresses this app serves below a process's portal."""

from mitplan.processes.portal import Route

from .views import contribution_report

ROUTES = (
    Route("beitraege/<int:pk>/melden/", contribution_report, "contribution_report"),
)
