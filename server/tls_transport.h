#pragma once

#include "stream_transport.h"

#include <QPointer>

class QSslSocket;

namespace subscope::server {

// A WebSocket over TLS (wss://): an encrypted QSslSocket. send() takes bytes while the socket
// holds less than a bound, so that a client that stops reading holds that much here, as a bare
// socket holds its kernel buffer, and no more. Idle, it costs about 70 KiB (OpenSSL's state and
// the socket's buffers) where a DescriptorTransport costs about 5 KiB.
class TlsTransport final : public StreamTransport
{
    Q_OBJECT
public:
    static constexpr qint64 MaxHeldBytes = 64 * 1024;

    // Takes `socket` (encrypted, with the handshake request read) as a child.
    explicit TlsTransport(QSslSocket *socket, QObject *parent = nullptr);
    ~TlsTransport() override;

    void startReading() override;
    qint64 receive(char *data, qint64 size) override;
    qint64 send(const char *data, qint64 size) override;
    qint64 held() const override;
    void setWriteNotification(bool enabled) override;
    void shutdownWrite() override {} // TLS has no half-close: close() ends the connection
    void close() override;

private:
    QPointer<QSslSocket> m_socket;
    bool m_reading = false;
    bool m_notifyWritable = false;
    bool m_ended = false; // the connection ended or broke
};

} // namespace subscope::server
