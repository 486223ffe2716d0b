#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/<target>/ from the recorded
Django transcripts (../shared/spec/transcripts), the GraphQL vectors and a few hand-written HTTP
requests and WebSocket frames. Run again when those sources change; the seeds are committed."""
import hashlib, json, os, struct, sys, glob

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "spec"))
corpus = os.path.join(here, "corpus")

def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(corpus, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)

# fuzz_session: the client frames of each transcript, one a line, "!e" where the site fired an
# event; the flag byte picks the subprotocol (and, in a second copy, auth and an operation limit).
for path in sorted(glob.glob(os.path.join(shared, "transcripts", "*.jsonl"))):
    legacy = path.endswith("-graphql-ws.jsonl")
    lines = []
    for raw in open(path, encoding="utf-8"):
        entry = json.loads(raw)
        if entry.get("dir") == "out" and isinstance(entry.get("frame"), str):
            lines.append(entry["frame"])
        elif entry.get("dir") == "out" and "frame" in entry:
            lines.append(json.dumps(entry["frame"], separators=(",", ":")))
        elif "http" in entry:
            lines.append("!e")
    body = "\n".join(l.replace("\n", " ") for l in lines).encode()
    put("fuzz_session", bytes([1 if legacy else 0]) + body)
    put("fuzz_session", bytes([(1 if legacy else 0) | 2 | 8]) + b"!tToken alice\n" + body + b"\n!k\n!k\n!k")

# fuzz_graphql_request: the documents of the GraphQL vectors.
for path in sorted(glob.glob(os.path.join(shared, "graphql-vectors", "*.json*"))):
    text = open(path, encoding="utf-8").read()
    try:
        vectors = [json.loads(text)]
    except ValueError:
        vectors = [json.loads(l) for l in text.splitlines() if l.strip()]
    def documents(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in ("document", "query", "source") and isinstance(x, str):
                    yield x
                else:
                    yield from documents(x)
        elif isinstance(v, list):
            for x in v:
                yield from documents(x)
    for v in vectors:
        for d in documents(v):
            put("fuzz_graphql_request", d)

# fuzz_schema_file: the schemas beside the spec and the test data.
for path in [os.path.join(shared, "demo-schema.graphql")] + \
        sorted(glob.glob(os.path.join(shared, "graphql-vectors", "*.graphql"))) + \
        sorted(glob.glob(os.path.join(here, "..", "data", "*.graphql"))):
    put("fuzz_schema_file", open(path, "rb").read())

# fuzz_websocket_frames: masked client frames (first two bytes: read step and size limit).
def frame(opcode, payload, fin=True, mask=b"\x01\x02\x03\x04"):
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack(">Q", n)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
text = b'{"type":"connection_init","payload":{}}'
put("fuzz_websocket_frames", b"\x03\x10" + frame(1, text) + frame(9, b"ping") + frame(8, b"\x03\xe8bye"))
put("fuzz_websocket_frames", b"\x05\x40" + frame(1, text[:10], fin=False) + frame(9, b"") +
    frame(0, text[10:]) + frame(10, b"pong") + frame(2, b"\x00\xff"))
put("fuzz_websocket_frames", b"\x00\xff" + frame(1, "héllo ✓".encode() * 40))
put("fuzz_websocket_frames", b"\x07\x00" + frame(1, b"x" * 300))

# fuzz_http: requests to every route, an upgrade, and a few malformed ones.
auth = "Authorization: Bearer fuzz-token\r\n"
def post(path, body, extra=""):
    return (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{extra}"
            f"Content-Length: {len(body.encode())}\r\n\r\n{body}")
for request in [
    post("/trigger", '{"group":"MyModelCreated","value":{"id":1}}', auth),
    post("/trigger", '[{"group":"a","value":1},{"group":"b","value":null}]', auth),
    post("/trigger", '{"group":"bad name!","value":1}', auth),
    post("/models/MyModel", '{"action":"update","pk":3,"fields":{"name":"x"}}', auth),
    post("/models/Nope", '{}', auth),
    post("/graphql/", '{"query":"{ __typename }"}'),
    post("/graphql/", '{"query":"query($a: Int){ __type(name: \\"Query\\") { name } }","variables":"{\\"a\\":1}"}'),
    "GET /graphql/?query=%7B__schema%7Btypes%7Bname%7D%7D%7D HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
    "OPTIONS /trigger HTTP/1.1\r\nHost: x\r\nOrigin: http://a\r\n\r\n",
    "POST /trigger HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" + auth +
    "\r\n5\r\n{\"gro\r\n0\r\n\r\n",
    "GET /graphql/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
    "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n",
    "GET /graphql/?token=abc HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n",
    "GARBAGE\r\n\r\n",
]:
    put("fuzz_http", request)
upgrade = ("GET /graphql/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Protocol: graphql-ws\r\n\r\n").encode()
put("fuzz_http", upgrade + frame(1, text) + frame(1, b'{"id":"1","type":"start","payload":{"query":"subscription { myModelCreated { id } }"}}'))
print("seeds:", {t: len(os.listdir(os.path.join(corpus, t))) for t in sorted(os.listdir(corpus))})
