"""The WSGI app the testkit runs in real uWSGI (UwsgiLauncher). Standard library only.

/hello        "Hello, World!\n", text/plain, with Content-Length
/echo         the request body back; X-Method and X-Content-Type report the method and CONTENT_TYPE
/environ      the CGI environ as sorted KEY=value lines (str values only)
/status/NNN   an empty response with that status
/stream       several yielded chunks, no Content-Length
"""

import http.client


def _read_body(environ):
    stream = environ["wsgi.input"]
    length = environ.get("CONTENT_LENGTH", "")
    if length.isdigit():
        return stream.read(int(length))
    chunks = []
    while True:  # chunked upload under uWSGI: read until the server signals the end
        chunk = stream.read(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _respond(start_response, status, content_type, body, extra=()):
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    headers.extend(extra)
    start_response(status, headers)
    return [body]


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == "/hello":
        return _respond(start_response, "200 OK", "text/plain", b"Hello, World!\n")
    if path == "/echo":
        body = _read_body(environ)
        extra = [("X-Method", environ.get("REQUEST_METHOD", "")),
                 ("X-Content-Type", environ.get("CONTENT_TYPE", ""))]
        return _respond(start_response, "200 OK", "application/octet-stream", body, extra)
    if path == "/environ":
        lines = ["%s=%s\n" % (k, v) for k, v in sorted(environ.items()) if isinstance(v, str)]
        return _respond(start_response, "200 OK", "text/plain; charset=iso-8859-1", "".join(lines).encode("latin-1"))
    if path.startswith("/status/") and path[8:].isdigit():
        code = int(path[8:])
        reason = http.client.responses.get(code, "Unknown")
        return _respond(start_response, "%d %s" % (code, reason), "text/plain", b"")
    if path == "/stream":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return (("chunk %d\n" % i).encode("ascii") for i in range(5))
    return _respond(start_response, "404 Not Found", "text/plain", b"not found\n")
