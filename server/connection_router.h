#pragma once

#include "http/request_framing.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

#include <functional>

class QSocketNotifier;
class QTcpSocket;

namespace subscope::server {

// A QTcpServer that never listens: QHttpServer is bound to it, and the router hands it the
// sockets that carry plain HTTP.
class HttpHandOff : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;
    void handOver(QTcpSocket *socket);
    void setLimits(const http::RequestFraming::Limits &limits) { m_limits = limits; }

private:
    http::RequestFraming::Limits m_limits;
};

// A connection accepted on a TLS port, until its first byte tells a TLS handshake from plain
// text (at most the head timeout; then, or when the client leaves first, it is closed).
class FirstByteWait : public QObject
{
    Q_OBJECT
public:
    // `msLeft`: what remains of the head timeout for the request head.
    using OnFirstByte = std::function<void(int descriptor, char first, int msLeft)>;
    FirstByteWait(int descriptor, OnFirstByte onFirstByte, QObject *parent);
    void cancel(); // closes the descriptor unless it was handed on

private:
    void settle();

    int m_descriptor;
    QSocketNotifier *m_notifier;
    QTimer m_timer;
    QDeadlineTimer m_deadline;
    OnFirstByte m_onFirstByte;
};

// One port for HTTP and WebSocket (see ../shared/design/architecture.md): the listening server
// accepts every socket, reads (without consuming) its request head, and gives it to the
// WebSocket side when it asks for an upgrade, else to QHttpServer. A request that breaks the
// framing rules of RFC 9112 or a limit is answered with an error and its connection closed: the
// first one here, later ones on the connection in HttpHandOff.
class ConnectionRouter : public QObject
{
    Q_OBJECT
public:
    struct RequestHead
    {
        QByteArray method;
        QByteArray target; // path and query
        QList<QPair<QByteArray, QByteArray>> headers;
        qsizetype size = 0; // bytes of the head, its blank line included
        bool isUpgrade() const;
        QByteArray header(const QByteArray &name) const; // case-insensitive, first value
    };
    using UpgradeHandler = std::function<void(QTcpSocket *, const RequestHead &)>;

    ConnectionRouter(UpgradeHandler onUpgrade, QObject *parent = nullptr);
    ~ConnectionRouter() override;

    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_listener.serverPort(); }
    QHostAddress address() const { return m_listener.serverAddress(); }
    QString errorString() const { return m_listener.errorString(); }
    void close();
    // QHttpServer::bind() takes it over (as its child).
    HttpHandOff *httpServer() { return m_http; }

    static std::optional<RequestHead> parseHead(const QByteArray &bytes);
    // A request with a larger body is answered 413 (before its body is read when it announces
    // its length).
    void setMaxBodyBytes(qint64 bytes)
    {
        m_limits.maxBodyBytes = bytes;
        m_http->setLimits(m_limits);
    }
    // Every connection is TLS from now on (https and wss); the sockets handed on are QSslSocket.
    void setTls(const QSslConfiguration &tls) { m_tls = tls; }
    bool tls() const { return m_tls.has_value(); }

private:
    void accept();
    void awaitFirstByte(int descriptor);
    // Gives `socket` the descriptor and waits for its request head; false when that fails
    // (then the descriptor is closed and the socket deleted).
    bool adopt(int descriptor, QTcpSocket *socket, int headTimeoutMs);
    void inspect(QTcpSocket *socket);

    QTcpServer m_listener; // binds and listens; never accepts
    QSocketNotifier *m_acceptNotifier = nullptr;
    bool m_acceptFailing = false;
    HttpHandOff *m_http;
    UpgradeHandler m_onUpgrade;
    http::RequestFraming::Limits m_limits;
    std::optional<QSslConfiguration> m_tls;
    QObject m_awaitingFirstByte; // the FirstByteWait of each connection not yet adopted
};

} // namespace subscope::server
