"""Schemathesis hooks for spec/temp-contents.yaml (loaded through SCHEMATHESIS_HOOKS).

1. Schemathesis has no serializer for the tus media type `application/offset+octet-stream`, so
   without one it cannot send a body to `postTus` (creation-with-upload) or `patchTus` and skips
   those operations. Bodies of that type are raw bytes, like `application/octet-stream`.

2. Rules OpenAPI cannot state keep the fuzzer away from the tus success paths: `postTus` needs
   exactly one of `Upload-Length` / `Upload-Defer-Length`, and `Upload-Metadata` values must be
   Base64; `headTus`, `patchTus` and `deleteTus` need an upload that exists, and a PATCH must
   start at its offset. Left alone, the fuzzing phase never saw a successful PATCH (all 400,
   404, 409, 412 or 415). So about half of the *positive* cases of those operations (chosen
   from the generated data, so a seed still replays the same run) are made to satisfy those
   rules; the tus operations then act on a fresh upload created on the target (ttl 300 s). The
   other half, every negative case and the stateful phase are sent as generated.
"""

import base64
import json
import os
import urllib.error
import urllib.request
import zlib

import schemathesis
from schemathesis import GenerationMode


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


TUS_FILES = "/api/v1/temp-contents/files"
UPLOAD_TTL = base64.b64encode(b"300").decode("ascii")


def _body_bytes(value):
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    data = getattr(value, "data", None)
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    return None


def _picked(case):
    """Whether to adjust this case: about half, decided by the generated data itself."""
    key = repr(sorted((k, str(v)) for k, v in dict(case.headers or {}).items()))
    key += repr(case.path_parameters)
    return zlib.crc32(key.encode("utf-8", "replace")) % 2 == 0


def _adjustable(case):
    meta = getattr(case, "meta", None)
    if meta is None:
        return False
    if str(meta.phase.name) == "stateful":
        return False
    return meta.generation.mode == GenerationMode.POSITIVE and _picked(case)


def _create_upload(length):
    """A fresh upload of `length` bytes on the target; its id, or None if that failed."""
    request = urllib.request.Request(
        os.environ.get("TC_BASE_URL", "").rstrip("/") + TUS_FILES,
        method="POST",
        headers={
            "Authorization": "Bearer " + os.environ.get("TC_TOKEN", ""),
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(length),
            "Upload-Metadata": "ttl " + UPLOAD_TTL,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            location = response.headers.get("Location") or ""
    except (urllib.error.URLError, OSError, ValueError):
        return None
    return location.rstrip("/").rsplit("/", 1)[-1] or None


@schemathesis.hook("map_case").apply_to(operation_id="postTus")
def one_length_and_base64_metadata(ctx, case):
    if not _adjustable(case):
        return case
    if case.headers is None:
        return case
    headers = case.headers
    if "Upload-Length" in headers:
        headers.pop("Upload-Defer-Length", None)
    elif "Upload-Defer-Length" not in headers:
        body = _body_bytes(case.body)
        headers["Upload-Length"] = str(len(body) if body is not None else 0)
    if "Upload-Metadata" in headers:
        headers["Upload-Metadata"] = "filename " + base64.b64encode(b"fuzz.bin").decode() + ",ttl " + UPLOAD_TTL
    return case


@schemathesis.hook("map_case").apply_to(operation_id=["headTus", "patchTus", "deleteTus"])
def use_a_real_upload(ctx, case):
    if not _adjustable(case):
        return case
    body = _body_bytes(case.body) if case.method.upper() == "PATCH" else b""
    if body is None:
        return case
    upload_id = _create_upload(len(body))
    if upload_id is None:
        return case
    case.path_parameters = {**(case.path_parameters or {}), "id": upload_id}
    if case.method.upper() == "PATCH" and case.headers is not None:
        case.headers["Upload-Offset"] = "0"
        # A generated Upload-Length or Content-Length would not match the body (400, 413).
        case.headers.pop("Upload-Length", None)
        case.headers.pop("Content-Length", None)
    return case

