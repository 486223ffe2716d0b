#pragma once

#include <QObject>
#include <QTcpServer>

#include <functional>

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
};

// One port for HTTP and WebSocket (see ../shared/design/architecture.md): the listening server
// accepts every socket, reads (without consuming) its request head, and gives it to the
// WebSocket side when it asks for an upgrade, else to QHttpServer.
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

    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_listener.serverPort(); }
    QHostAddress address() const { return m_listener.serverAddress(); }
    QString errorString() const { return m_listener.errorString(); }
    void close() { m_listener.close(); }
    // QHttpServer::bind() takes it over (as its child).
    HttpHandOff *httpServer() { return m_http; }

    static std::optional<RequestHead> parseHead(const QByteArray &bytes);

private:
    void accept();
    void inspect(QTcpSocket *socket);

    QTcpServer m_listener;
    HttpHandOff *m_http;
    UpgradeHandler m_onUpgrade;
};

} // namespace subscope::server
