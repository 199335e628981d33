"""The addresses this app serves below a process's portal (German words, as the
rest of a process's addresses; the page's language is the prefix)."""

from mitplan.processes.portal import Route

from . import views

ROUTES = (
    Route("beitraege/", views.contribution_list, "contribution_list"),
    Route("beitraege/neu/", views.contribution_create, "contribution_create"),
    Route("beitraege/aehnliche/", views.contribution_similar, "contribution_similar"),
    Route(
        "beitraege/eingegangen/", views.contribution_received, "contribution_received"
    ),
    Route("beitraege/<int:pk>/", views.contribution_detail, "contribution_detail"),
    Route(
        "beitraege/<int:pk>/unterstuetzen/",
        views.contribution_support,
        "contribution_support",
    ),
    Route(
        "beitraege/<int:pk>/benachrichtigen/",
        views.contribution_subscribe,
        "contribution_subscribe",
    ),
)
