"""The newest news as a panel of other pages (processes.portal.add_panel): the
process's on its portal, every process's on the home page."""

from mitplan.processes.portal import Panel

from . import selectors


def newest(process) -> dict:
    index = selectors.index_for(process)
    return {
        "articles": selectors.newest_articles(process=process),
        "index_url": index.get_url() if index else "",
    }


PANELS = (
    Panel(
        place="portal",
        name="news",
        template="news/includes/newest_panel.html",
        data=newest,
        order=50,
    ),
    Panel(
        place="home",
        name="news",
        template="news/includes/newest_panel.html",
        data=newest,
        order=50,
    ),
)
