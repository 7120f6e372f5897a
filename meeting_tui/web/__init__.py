"""The meeting followed in a web browser: the follow page, its server, static publishing.

``serve`` (``server.py``) is one process for any number of viewers: it reads the
session file once per change (``feed.py``, through the follow view's watcher) and
pushes the page's new state to every browser. ``publish`` (``publish.py``) writes the
same page and its state into a folder that any web server, object store or CDN can
serve. The page itself is made in ``page.py``. No Textual here: the terminal in a
browser is ``meeting_tui/serve.py`` (``serve --terminal``).
"""
