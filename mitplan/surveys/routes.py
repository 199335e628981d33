"""The addresses this app serves below a process's portal."""

from mitplan.processes.portal import Route

from . import follow_views, views

ROUTES = (
    Route("umfragen/", views.survey_list, "survey_list"),
    Route("umfragen/<slug:slug>/", views.survey_detail, "survey_detail"),
    Route("umfragen/<slug:slug>/seite/<int:number>/", views.survey_page, "survey_page"),
    Route("umfragen/<slug:slug>/pruefen/", views.survey_review, "survey_review"),
    Route("umfragen/<slug:slug>/danke/", views.survey_thanks, "survey_thanks"),
    Route("umfragen/<slug:slug>/ergebnisse/", views.survey_results, "survey_results"),
    Route(
        "umfragen/<slug:slug>/ergebnisse/aktuell/",
        views.survey_results_live,
        "survey_results_live",
    ),
    Route(
        "umfragen/<slug:slug>/ergebnisse/folgen/",
        follow_views.survey_follow,
        "survey_follow",
    ),
    # Below the page, not "….svg": the portal serves addresses without dots.
    Route(
        "umfragen/<slug:slug>/ergebnisse/<slug:code>/<slug:fmt>/",
        views.survey_chart_download,
        "survey_chart_download",
    ),
)
