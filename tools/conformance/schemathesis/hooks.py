"""Schemathesis hooks for spec/temp-contents.yaml (loaded through SCHEMATHESIS_HOOKS).

Schemathesis has no serializer for the tus media type `application/offset+octet-stream`, so
without this file it cannot send a body to `postTus` (creation-with-upload) or `patchTus` and
skips those operations. Bodies of that type are raw bytes, like `application/octet-stream`.
"""

import json

import schemathesis


@schemathesis.serializer("application/offset+octet-stream")
def offset_octet_stream(ctx, value):
    # Generated `format: binary` strings arrive as bytes or as a Binary wrapper (`.data`);
    # anything else (a negative-mode integer, object...) goes as its JSON text, as Schemathesis
    # does for application/octet-stream.
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    data = getattr(value, "data", None)
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    if isinstance(value, str):
        return value.encode("utf-8")
    return json.dumps(value).encode("utf-8")
