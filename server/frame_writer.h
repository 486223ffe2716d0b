#pragma once

#include <QByteArray>

class QTcpSocket;

namespace subscope::server {

// Appends an unfragmented, unmasked server text frame (RFC 6455 §5.2) carrying `payload`, which
// must be UTF-8, to `out`.
void appendTextFrame(QByteArray &out, const QByteArray &payload);

// Writes `bytes` to a connected socket. While Qt holds nothing unsent for it, the bytes go
// straight to the kernel in one send(); what the kernel does not take, and everything while Qt
// still holds bytes, goes through QTcpSocket::write, which keeps the order and reports errors.
void writeToSocket(QTcpSocket &socket, const QByteArray &bytes);

} // namespace subscope::server
