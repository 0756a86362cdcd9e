#!/usr/bin/env python3
"""Signature vectors for runtime/tests/webhook.rs, computed independently of the Rust code.

Twilio's algorithm (its "Webhooks security" guide): HMAC-SHA1 keyed with the auth token over the
full URL, followed for a form POST by each body parameter sorted by name (then value), each name
immediately followed by its value; base64 of the digest. A JSON body is signed over the URL alone,
whose `bodySHA256` parameter is the hex SHA-256 of the body.

Each vector: the URL Twilio signed (`signed_url`), the URL the application validates with
(`request_url`, a different spelling of the same URL for the port traps), the request as sent
(method, content type, raw body bytes), the decoded parameters, and the signature.

Run `python3 vectors.py > vectors.json` (the output is checked in; the test reads it).
"""
import base64
import hashlib
import hmac
import json
from urllib.parse import parse_qsl, urlencode, quote

TOKEN = "2bd9e9638872de601313dc77410d3b23"


def sign(token, url, pairs):
    text = url + "".join(k + v for k, v in sorted(pairs))
    mac = hmac.new(token.encode("utf-8"), text.encode("utf-8"), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode("ascii")


def form(pairs):
    return urlencode(pairs, quote_via=quote)


vectors = []


def add(name, signed_url, pairs, request_url=None, method="POST", body=None, token=TOKEN,
        content_type="application/x-www-form-urlencoded", sign_pairs=None):
    if body is None:
        body = form(pairs) if method == "POST" else ""
    vectors.append({
        "name": name,
        "token": token,
        "method": method,
        "content_type": content_type if method == "POST" else None,
        "signed_url": signed_url,
        "request_url": request_url or signed_url,
        "body": body,
        "params": [list(p) for p in pairs],
        "signature": sign(token, signed_url, pairs if sign_pairs is None else sign_pairs),
    })


CALL = [
    ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
    ("ApiVersion", "2010-04-01"),
    ("CallSid", "CA0123456789abcdef0123456789abcdef"),
    ("CallStatus", "ringing"),
    ("Direction", "outbound-api"),
    ("From", "+15017122661"),
    ("To", "+15558675310"),
]

# Twilio's worked example, as the guide gives it.
add("twilio_documented_example", "https://mycompany.com/myapp.php?foo=1&bar=2",
    [("CallSid", "CA1234567890ABCDE"), ("Caller", "+12349013030"), ("Digits", "1234"),
     ("From", "+12349013030"), ("To", "+18005551212")], token="12345")
# Ports: Twilio signed without the port, the application sees the default port, and back.
add("port_signed_without_validated_with_443", "https://example.com/voice", CALL,
    request_url="https://example.com:443/voice")
add("port_signed_with_443_validated_without", "https://example.com:443/voice", CALL,
    request_url="https://example.com/voice")
add("port_http_80", "http://example.com:80/status", CALL, request_url="http://example.com/status")
add("port_non_default_kept", "https://example.com:8443/status", CALL)
# Query strings are signed verbatim, never re-sorted.
add("query_unsorted_verbatim", "https://example.com/status?z=1&a=2&call=%2B1555", CALL)
# Repeated parameters: every pair, sorted by name then value (sent in the other order).
add("repeated_parameters", "https://example.com/status",
    CALL + [("StatusCallbackEvent", "ringing"), ("StatusCallbackEvent", "answered")])
# Values needing escaping in the form: signed decoded.
add("escaped_values", "https://example.com/voice",
    CALL + [("CallerName", "Zoë & Co = 100% +fun"), ("Digits", "1#2*3 4")])
# Trailing slash: part of the URL.
add("trailing_slash", "https://example.com/voice/", CALL)
# A GET callback: the parameters are in the query, which the URL carries.
get_url = "https://example.com/voice?" + form(CALL)
add("get_callback", get_url, [], method="GET")
# An empty value: the name alone.
add("empty_value", "https://example.com/status", CALL + [("ForwardedFrom", ""), ("CallerName", "")])
# Sorting is by bytes: upper case before lower case, a prefix before its extensions.
add("byte_order_sorting", "https://example.com/status",
    [("a", "1"), ("B", "2"), ("AB", "3"), ("A", "4"), ("Ab", "5")])
# Percent-encoded path and user info are signed as written.
add("encoded_path", "https://example.com/hooks/caf%C3%A9/status%20events", CALL)
# A JSON body: the URL carries bodySHA256 and the signature covers the URL alone.
json_body = '{"CallSid":"CA0123456789abcdef0123456789abcdef","CallStatus":"completed"}'
json_url = "https://example.com/events?bodySHA256=" + hashlib.sha256(json_body.encode()).hexdigest()
add("json_body", json_url, [], body=json_body, content_type="application/json", sign_pairs=[])

print(json.dumps(vectors, indent=2, ensure_ascii=False))
