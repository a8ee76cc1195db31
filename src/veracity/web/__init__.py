"""The local review UI (``veracity serve``): server-rendered pages over one case, on 127.0.0.1.

``app.create_app`` builds the FastAPI application from explicit settings (no
setting is read at import); ``serve.serve`` runs it. Routes parse input, call
one library function (``browse``, ``nameindex``, ``review``, ``accounts``) and
render a Jinja2 template with autoescape on: every leaked value is hostile text.
"""

DEFAULT_PORT = 8765
"""The port ``veracity serve`` listens on unless told (kept here, where importing it starts no server code)."""
