"""HTTP plumbing of the notes service: security headers, HTML responses, forms.

In: ASGI messages and Starlette requests. Out: responses with the kit's security headers, and
the fields of a size-limited form. Nothing here knows cards or notes (see :mod:`.web`).
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from .access import FORM_COOKIE, FORM_MAX_AGE

MAX_BODY = 64 * 1024  # bytes of a form; more is refused with 413
_CSP = (
    b"default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; "
    b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class App(Starlette):
    """Starlette with the security headers added outermost, so even the 500 page carries them."""

    def build_middleware_stack(self):
        from .guard import RequestChecks

        return SecurityHeaders(RequestChecks(super().build_middleware_stack()))


class SecurityHeaders:
    """Pure ASGI: CSP (unless the response set its own), nosniff, same-origin referrer, no-store for HTML."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() != b"cache-control" or
                           not _is_html(message)]
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", _CSP))
                headers.append((b"x-content-type-options", b"nosniff"))
                # The facilitator's link carries the key: no other site may see it. Same-origin
                # (not no-referrer), so a browser's form still says where it comes from (Origin).
                headers.append((b"referrer-policy", b"same-origin"))
                if _is_html(message):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_html(message) -> bool:
    for key, value in message.get("headers", ()):
        if key.lower() == b"content-type":
            return value.startswith(b"text/html")
    return False


def html_response(body: bytes, status: int, request: Request, new_cookie: str | None = None) -> Response:
    response = Response(body, status_code=status, media_type="text/html")
    if new_cookie:
        response.set_cookie(FORM_COOKIE, new_cookie, max_age=int(FORM_MAX_AGE.total_seconds()) * 4, httponly=True,
                            samesite="lax", secure=request.url.scheme == "https")
    return response


async def read_form(request: Request) -> dict[str, str]:
    """The fields of an url-encoded form (first value of each), refusing more than :data:`MAX_BODY` bytes."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        raise HTTPException(413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HTTPException(413)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        return {}
    form: dict[str, str] = {}
    for key, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
        form.setdefault(key, value)
    return form
