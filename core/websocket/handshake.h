#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>

namespace subscope::websocket {

// The client's opening handshake (RFC 6455 §4.2.1), checked.
struct HandshakeRequest
{
    bool valid = false;
    QByteArray refusal;       // when not valid: the whole HTTP answer (400 or 426), to send as is
    QByteArray key;           // Sec-WebSocket-Key
    QStringList subprotocols; // Sec-WebSocket-Protocol values, in the client's order
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

// A request that asked for an upgrade: GET, "Connection: Upgrade", version 13 and a key of 16
// bytes in base64 (Host is not required: clients of tests and tools omit it).
HandshakeRequest readHandshake(const QByteArray &method, const Headers &headers);

// §4.2.2: "101 Switching Protocols" with the accept key, echoing `subprotocol` unless empty.
QByteArray acceptResponse(const QByteArray &key, const QString &subprotocol);

// A refused handshake: "HTTP/1.1 <status>", `why` as text/plain, "Connection: close".
QByteArray httpRefusal(const char *status, const QByteArray &why,
                       const QByteArray &extraHeaders = {});

// base64(SHA-1(key + the GUID of §1.3)).
QByteArray acceptKey(const QByteArray &key);

} // namespace subscope::websocket
