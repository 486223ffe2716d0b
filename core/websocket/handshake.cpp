#include "handshake.h"

#include <QCryptographicHash>

namespace subscope::websocket {

namespace {

QByteArray header(const Headers &headers, const char *name)
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
    return {};
}

bool hasToken(const QByteArray &list, const char *token)
{
    for (const QByteArray &item : list.split(','))
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0) return true;
    return false;
}

} // namespace

QByteArray httpRefusal(const char *status, const QByteArray &why, const QByteArray &extraHeaders)
{
    return "HTTP/1.1 " + QByteArray(status) +
           "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n" + extraHeaders +
           "Content-Length: " + QByteArray::number(why.size() + 1) + "\r\n\r\n" + why + "\n";
}

HandshakeRequest readHandshake(const QByteArray &method, const Headers &headers)
{
    HandshakeRequest request;
    if (method != "GET") {
        request.refusal = httpRefusal("400 Bad Request", "A WebSocket handshake is a GET request.");
        return request;
    }
    if (!hasToken(header(headers, "connection"), "upgrade")) {
        request.refusal =
            httpRefusal("400 Bad Request", "A WebSocket handshake needs \"Connection: Upgrade\".");
        return request;
    }
    if (header(headers, "sec-websocket-version").trimmed() != "13") {
        request.refusal =
            httpRefusal("426 Upgrade Required", "Only WebSocket version 13 is supported.",
                        "Sec-WebSocket-Version: 13\r\n");
        return request;
    }
    const QByteArray key = header(headers, "sec-websocket-key").trimmed();
    const auto decoded =
        QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 16) {
        request.refusal =
            httpRefusal("400 Bad Request", "Sec-WebSocket-Key must be 16 bytes in base64.");
        return request;
    }
    request.valid = true;
    request.key = key;
    for (const auto &[name, value] : headers)
        if (name.compare("sec-websocket-protocol", Qt::CaseInsensitive) == 0)
            for (const QByteArray &item : value.split(','))
                if (!item.trimmed().isEmpty())
                    request.subprotocols << QString::fromLatin1(item.trimmed());
    return request;
}

QByteArray acceptKey(const QByteArray &key)
{
    return QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                    QCryptographicHash::Sha1)
        .toBase64();
}

QByteArray acceptResponse(const QByteArray &key, const QString &subprotocol)
{
    QByteArray response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
                          acceptKey(key) + "\r\n";
    if (!subprotocol.isEmpty())
        response += "Sec-WebSocket-Protocol: " + subprotocol.toLatin1() + "\r\n";
    return response + "\r\n";
}

} // namespace subscope::websocket
