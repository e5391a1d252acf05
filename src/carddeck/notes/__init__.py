"""The notes service that every card's QR code opens, and the workshop record made from it.

``store`` keeps notes durably (SQLite), ``view`` says how a card and its notes read, ``web`` is
the Starlette app, ``serve`` runs it on uvicorn, ``export`` writes CSV, JSON, Markdown and the PDF
record (drawn by :mod:`carddeck.render.record`), ``cli`` is ``carddeck notes serve|export``.
Nothing here imports the card layout pipeline.
"""
