"""The notes pages: a deck and a store in, a Flask WSGI app out (served by :mod:`.serve`).

Routes
    ``GET  /``                         every card by group, with its note count; export links
    ``GET  /c/<card-id>[/<copy>]``     the card (text, phase, code, background) and its notes
    ``POST /c/<card-id>[/<copy>]``     add a note, then ``303`` back to the page (post/redirect/get)
    ``GET  /export.<csv|json|md|pdf>`` every note, as :mod:`.export` makes it
    ``GET  /theme.css``, ``/fonts/<weight>.ttf``, ``/static/…``   the look of the kit

Safety: templates escape everything (Jinja autoescape); forms carry a signed token tied to a
cookie (CSRF); with a service token, writes need ``?k=<token>`` as the QR codes encode it.
A refused or rejected note re-shows the form with the text kept, never a traceback.
"""

from __future__ import annotations

import hmac
import secrets
import time
from datetime import timedelta

from flask import Flask, abort, g, make_response, redirect, render_template, request, send_file, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from .. import fonts, theme
from ..labels import label
from . import export as exports
from . import view
from .store import MAX_TEXT, NoteRejected, StoreError

FORM_COOKIE = "carddeck_form"
FORM_MAX_AGE = timedelta(days=7)  # an open form stays valid this long (and across restarts)
MAX_COPY = 999
_REMEMBER = 3600.0  # seconds a checked or issued form token is remembered
_CACHE_SIZE = 20000  # entries per cache before it starts over
_CSP = (
    "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def create_app(deck, store, token: str | None = None) -> Flask:
    """The notes service for ``deck`` on ``store``.

    :param deck: the loaded :class:`~carddeck.model.Deck` whose cards the QR codes name.
    :param store: an open :class:`~carddeck.notes.store.Store` (read-write).
    :param token: when given, adding a note needs ``?k=<token>`` (LAN use); reading does not.
    """
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=64 * 1024)
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.config["CARDDECK_CARD_IDS"] = tuple(c.id for c in deck.cards)
    signer = URLSafeTimedSerializer(store.secret(), salt="carddeck-notes-form")
    cards = deck.by_id()
    views = {c.id: view.card_view(deck, c) for c in deck.cards}
    groups = view.groups(deck)
    theme_css = _theme_css()
    lang = deck.settings.lang

    # --- helpers ------------------------------------------------------------------------------

    def key_ok() -> bool:
        return token is None or hmac.compare_digest(request.args.get("k", "").encode(), token.encode())

    def keep_key() -> dict:
        """Query arguments to carry on links: the token as it came, when it is right."""
        return {"k": token} if token and key_ok() else {}

    # Signing and checking form tokens is a good part of a request's time under load; a
    # token seen recently is remembered (for a bounded time and number) instead of recomputed.
    issued: dict[str, tuple[str, float]] = {}
    checked: dict[str, tuple[str, float]] = {}

    def form_token() -> str:
        cookie = request.cookies.get(FORM_COOKIE, "")
        if len(cookie) != 22:
            cookie = g.new_form_cookie = secrets.token_urlsafe(16)
        hit = issued.get(cookie)
        if hit and time.monotonic() - hit[1] < _REMEMBER:
            return hit[0]
        value = signer.dumps(cookie)
        _remember(issued, cookie, value)
        return value

    def form_ok() -> bool:
        cookie, value = request.cookies.get(FORM_COOKIE, ""), request.form.get("csrf", "")
        hit = checked.get(value)
        if hit and time.monotonic() - hit[1] < _REMEMBER:
            signed = hit[0]
        else:
            try:
                signed = str(signer.loads(value, max_age=FORM_MAX_AGE.total_seconds()))
            except BadSignature:
                return False
            _remember(checked, value, signed)
        return bool(cookie) and hmac.compare_digest(signed.encode(), cookie.encode())

    # A note never changes once stored, so its HTML is made once (per date style).
    shown: dict[tuple[int, bool], Markup] = {}

    def notes_html(card_lang: str, notes: list) -> Markup:
        with_date = view.spans_days(notes)
        parts = []
        for note in notes:
            key = (note.id, with_date)
            html = shown.get(key)
            if html is None:
                html = _note_html(note, view.note_meta(card_lang, note, with_date))
                if len(shown) > _CACHE_SIZE:
                    shown.clear()
                shown[key] = html
            parts.append(html)
        return Markup("").join(parts)

    def t(key: str, page_lang: str | None = None, **params) -> str:
        return label(page_lang or lang, key).format(**params)

    def card_page(card_id: str, copy: int | None, *, status=200, error=None, text="", name=""):
        card = views[card_id]
        notes = store.notes_for(card_id)
        saved = request.args.get("saved", type=int)
        body = render_template(
            "card.html",
            card=card,
            copy=copy,
            lang=card.lang,
            count=len(notes),
            notes_html=notes_html(card.lang, notes),
            saved=saved if any(n.id == saved for n in notes) else None,
            error=error,
            text=text,
            name=name,
            can_write=key_ok(),
            csrf=form_token(),
            action=url_for("card", card_id=card_id, copy=copy, **keep_key()),
            overview=url_for("overview", **keep_key()),
            max_text=MAX_TEXT,
        )
        return body, status

    @app.context_processor
    def _helpers():
        return {
            "t": t,
            "symbol": lambda style, size=28, name="": Markup(
                theme.symbol_svg(style.symbol, style.colour, size, str(escape(name)))
            ),
            "deck_title": deck.title,
        }

    @app.after_request
    def _headers(response):
        cookie = g.pop("new_form_cookie", None)
        if cookie:
            response.set_cookie(
                FORM_COOKIE, cookie, max_age=int(FORM_MAX_AGE.total_seconds()) * 4, httponly=True,
                samesite="Lax", secure=request.is_secure,
            )
        response.headers.setdefault("Content-Security-Policy", _CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"  # the token is in the URL
        if response.mimetype == "text/html":
            response.headers["Cache-Control"] = "no-store"
        return response

    # --- pages --------------------------------------------------------------------------------

    @app.get("/")
    def overview():
        counts = store.counts()
        known = sum(n for cid, n in counts.items() if cid in cards)
        return render_template(
            "overview.html",
            lang=lang,
            groups=groups,
            counts=counts,
            total=known,
            unknown=sum(n for cid, n in counts.items() if cid not in cards),
            link=lambda card_id: url_for("card", card_id=card_id, **keep_key()),
            exports=[(fmt, url_for("export", fmt=fmt, **keep_key())) for fmt in exports.FORMATS],
            can_write=key_ok(),
        )

    @app.route("/c/<card_id>", methods=["GET", "POST"], defaults={"copy": None})
    @app.route("/c/<card_id>/<int:copy>", methods=["GET", "POST"])
    def card(card_id: str, copy: int | None):
        if card_id not in cards or (copy is not None and not 1 <= copy <= MAX_COPY):
            abort(404)
        if request.method == "GET":
            return card_page(card_id, copy)
        text, name = request.form.get("text", ""), request.form.get("name", "")
        page_lang = views[card_id].lang
        if not key_ok():
            return _message(t("key_refused_title", page_lang), t("key_refused", page_lang), page_lang, 403, kept=text)
        if not form_ok():
            return card_page(card_id, copy, status=403, error=t("form_expired", page_lang), text=text, name=name)
        try:
            note = store.add(card_id, copy, text, name)
        except NoteRejected as exc:
            return card_page(card_id, copy, status=400, error=t(exc.key, page_lang, **exc.params), text=text, name=name)
        except StoreError:
            app.logger.exception("a note could not be stored")
            return card_page(card_id, copy, status=503, error=t("not_saved", page_lang), text=text, name=name)
        target = url_for("card", card_id=card_id, copy=copy, saved=note.id, _anchor=f"n{note.id}", **keep_key())
        return redirect(target, code=303)

    @app.get("/export.<fmt>")
    def export(fmt: str):
        if fmt not in exports.FORMATS:
            abort(404)
        data = exports.export(fmt, deck, store.all())
        response = make_response(data)
        response.mimetype = exports.MIMETYPES[fmt]
        if fmt != "md":
            response.headers["Content-Disposition"] = f'attachment; filename="{exports.FILENAMES[fmt]}"'
        response.headers["Cache-Control"] = "no-store"
        return response

    # --- the look -----------------------------------------------------------------------------

    @app.get("/theme.css")
    def theme_stylesheet():
        response = make_response(theme_css)
        response.mimetype = "text/css"
        response.headers["Cache-Control"] = "max-age=3600"
        return response

    @app.get("/fonts/<weight>.ttf")
    def font(weight: str):
        if weight not in fonts.FILES:
            abort(404)
        return send_file(fonts.font_dir() / fonts.FILES[weight], mimetype="font/ttf", max_age=86400)

    # --- errors -------------------------------------------------------------------------------

    def _message(title: str, text: str, page_lang: str, status: int, kept: str = ""):
        body = render_template(
            "message.html", lang=page_lang, title=title, message=text, kept=kept,
            overview=url_for("overview", **keep_key()),
        )
        return body, status

    @app.errorhandler(404)
    def _not_found(exc):
        return _message(t("not_found_title"), t("not_found", path=request.path), lang, 404)

    @app.errorhandler(HTTPException)
    def _http_error(exc):
        return _message(t("error_title"), f"{exc.code} {exc.name}.", lang, exc.code)

    @app.errorhandler(Exception)
    def _crash(exc):
        app.logger.exception("unexpected error")
        return _message(t("error_title"), "500 Internal Server Error.", lang, 500)

    return app


def _remember(cache: dict, key: str, value: str) -> None:
    if len(cache) > _CACHE_SIZE:
        cache.clear()
    cache[key] = (value, time.monotonic())


def _note_html(note, meta: str) -> Markup:
    """One note of the list (everything typed is escaped here, as Jinja would)."""
    return Markup(
        '<li id="n{id}"><p class="note-text">{text}</p>'
        '<p class="meta"><time datetime="{created}">{meta}</time></p></li>\n'
    ).format(id=note.id, text=note.text, created=note.created, meta=meta)


def _theme_css() -> str:
    """One class per card family with its colours, so pages need no inline styles (CSP)."""
    styles = [*theme.PHASES.values(), theme.SESAM, theme.ABOUT]
    rules = [
        f".s-{s.key}{{--colour:{s.colour};--tint:{s.tint};--deep:{s.deep}}}" for s in styles
    ]
    return "\n".join(rules) + "\n"
