#include "connection_router.h"

#include "logging.h"

#include <QPointer>
#include <QSocketNotifier>
#include <QTcpSocket>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

namespace subscope::server {

namespace {
constexpr qsizetype MaxHeadBytes = 16 * 1024;
constexpr int HeadTimeoutMs = 10000;
constexpr int ListenBacklog = 4096; // connections waiting for accept()
// An HTTP socket with nothing read or written for this long is closed (keep-alive included).
constexpr int HttpIdleTimeoutMs = 30000;
constexpr int AcceptRetryMs = 1000;
// A refused request's client may still be sending: its bytes are read and dropped this long, up
// to this much, so that it reads the answer instead of a reset.
constexpr int RefusalLingerMs = 2000;
constexpr qint64 MaxDroppedBytes = 64 * 1024 * 1024;
} // namespace

namespace {

QtMessageHandler g_previousHandler = nullptr;

// 4194304 -> "4 MiB", 1000 -> "1000 bytes".
QByteArray sizeText(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return QByteArray::number(bytes / (1024 * 1024)) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return QByteArray::number(bytes / 1024) + " KiB";
    return QByteArray::number(bytes) + " bytes";
}

// QHttpServer takes the socket at once, inside addPendingConnection(), and QTcpServer warns
// that this server does not listen, which is the design here: that one line is swallowed.
void withoutNotListeningWarning(QtMsgType type, const QMessageLogContext &context,
                                const QString &message)
{
    if (message.startsWith(
            QLatin1String("QTcpServer::nextPendingConnection() called while not listening")))
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
    else
        qt_message_output(type, context, message);
}

} // namespace

namespace {

// 413, then a lingering close.
void refuseTooLarge(QTcpSocket *socket, qint64 limit)
{
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr); // QHttpServer's too
    qDeleteAll(socket->findChildren<QTimer *>(Qt::FindDirectChildrenOnly));
    const QByteArray body = "{\"error\":\"The body is larger than " + sizeText(limit) + ".\"}";
    socket->write("HTTP/1.1 413 Content Too Large\r\nContent-Type: application/json\r\n"
                  "Connection: close\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->flush();
    // Closing with the client's body unread would reset the connection, and a client still
    // sending would never read the answer: end our side, then read and drop what still comes,
    // for a while.
    const auto endOurSide = [socket] {
        if (socket->bytesToWrite() == 0) ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    endOurSide();
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, endOurSide);
    auto dropped = std::make_shared<qint64>(0);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, dropped] {
        *dropped += socket->readAll().size();
        if (*dropped > MaxDroppedBytes) socket->abort();
    });
    QTimer::singleShot(RefusalLingerMs, socket, [socket] { socket->abort(); });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater,
                     Qt::UniqueConnection);
}

} // namespace

void HttpHandOff::handOver(QTcpSocket *socket)
{
    // Bytes of requests not answered yet, counted before QHttpServer takes them (so connected
    // first): bodies of later requests on the connection and chunked ones are bounded too.
    auto pending = std::make_shared<qint64>(0);
    connect(socket, &QTcpSocket::readyRead, socket, [this, socket, pending] {
        *pending += socket->bytesAvailable();
        if (*pending > m_maxBodyBytes + MaxHeadBytes) refuseTooLarge(socket, m_maxBodyBytes);
    });
    connect(socket, &QTcpSocket::bytesWritten, socket, [pending] { *pending = 0; });
    g_previousHandler = qInstallMessageHandler(withoutNotListeningWarning);
    addPendingConnection(socket); // QHttpServer reacts to pendingConnectionAvailable, synchronously
    qInstallMessageHandler(g_previousHandler);
    auto *idle = new QTimer(socket);
    idle->setSingleShot(true);
    connect(idle, &QTimer::timeout, socket, &QTcpSocket::disconnectFromHost);
    connect(socket, &QTcpSocket::readyRead, idle, qOverload<>(&QTimer::start));
    connect(socket, &QTcpSocket::bytesWritten, idle, qOverload<>(&QTimer::start));
    idle->start(HttpIdleTimeoutMs);
    // The request bytes are already buffered: QHttpServer would wait for readyRead forever. Now,
    // not queued: a client that half-closes after its request must still get the answer.
    const QPointer<QTcpSocket> guard(socket);
    QMetaObject::invokeMethod(socket, "readyRead", Qt::DirectConnection);
    // The answer is written by now; send it before the socket notices the client's end of stream
    // (QAbstractSocket drops unsent bytes when it does).
    if (guard) guard->flush();
}

bool ConnectionRouter::RequestHead::isUpgrade() const
{
    return header("upgrade").toLower().contains("websocket");
}

QByteArray ConnectionRouter::RequestHead::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
    return {};
}

ConnectionRouter::ConnectionRouter(UpgradeHandler onUpgrade, QObject *parent)
    : QObject(parent)
    , m_http(new HttpHandOff(this))
    , m_onUpgrade(std::move(onUpgrade))
{
    // Clients that connect together (a page load, a reconnect storm, a load test) wait in the
    // kernel's queue rather than have their SYNs dropped and retried a second later: Qt's
    // default backlog is 50. The kernel caps it at net.core.somaxconn.
    m_listener.setListenBacklogSize(ListenBacklog);
    m_listener.setMaxPendingConnections(ListenBacklog);
}

ConnectionRouter::~ConnectionRouter()
{
    close();
}

bool ConnectionRouter::listen(const QHostAddress &address, quint16 port)
{
    if (!m_listener.listen(address, port)) return false;
    // QTcpServer binds and listens; accepting is ours. Out of descriptors, Qt 6.4 retries
    // accept() at once, forever, at full CPU: here the listener rests a second instead, and the
    // connection waits in the kernel's queue.
    m_listener.pauseAccepting();
    m_acceptNotifier =
        new QSocketNotifier(m_listener.socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &ConnectionRouter::accept);
    return true;
}

void ConnectionRouter::close()
{
    delete m_acceptNotifier; // before the descriptor goes
    m_acceptNotifier = nullptr;
    m_listener.close();
}

std::optional<ConnectionRouter::RequestHead> ConnectionRouter::parseHead(const QByteArray &bytes)
{
    // RFC 9112 asks servers to accept a bare LF as a line end.
    qsizetype end = bytes.indexOf("\r\n\r\n");
    const qsizetype bare = bytes.indexOf("\n\n");
    if (end < 0 || (bare >= 0 && bare < end)) end = bare;
    if (end < 0) return std::nullopt;
    const QList<QByteArray> lines = bytes.left(end).split('\n');
    RequestHead head;
    head.size = end + (end == bare ? 2 : 4);
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    head.method = requestLine.value(0);
    head.target = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            head.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return head;
}

void ConnectionRouter::accept()
{
    while (m_acceptNotifier) {
        const int descriptor = ::accept4(int(m_listener.socketDescriptor()), nullptr, nullptr,
                                         SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (descriptor < 0) {
            const int error = errno;
            if (error == EAGAIN || error == EWOULDBLOCK) break;
            // Only a lack of resources is the listener's; the rest (ECONNABORTED, EPROTO,
            // EHOSTUNREACH, EPERM from a firewall...) belongs to one connection: next one.
            if (error != EMFILE && error != ENFILE && error != ENOBUFS && error != ENOMEM) continue;
            if (!m_acceptFailing)
                qCWarning(lcServer).noquote() << "cannot accept connections:" << strerror(error)
                                              << "- trying again each second";
            m_acceptFailing = true;
            m_acceptNotifier->setEnabled(false);
            QTimer::singleShot(AcceptRetryMs, this, [this] {
                if (m_acceptNotifier) m_acceptNotifier->setEnabled(true);
            });
            return;
        }
        if (m_acceptFailing) qCInfo(lcServer) << "accepting connections again";
        m_acceptFailing = false;
        auto *socket = new QTcpSocket;
        if (!socket->setSocketDescriptor(descriptor)) {
            qCWarning(lcServer).noquote()
                << "cannot use an accepted socket:" << socket->errorString();
            ::close(descriptor);
            delete socket;
            continue;
        }
        // Frames leave when written, not when the previous segment is acknowledged (Nagle).
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto *timeout = new QTimer(socket);
        timeout->setSingleShot(true);
        connect(timeout, &QTimer::timeout, socket, [socket] {
            qCDebug(lcServer) << "no request head from" << socket->peerAddress().toString()
                              << "in time";
            socket->abort();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
        timeout->start(HeadTimeoutMs);
        if (socket->bytesAvailable()) inspect(socket);
    }
}

void ConnectionRouter::inspect(QTcpSocket *socket)
{
    const QByteArray peeked = socket->peek(MaxHeadBytes + 4);
    std::optional<RequestHead> head = parseHead(peeked);
    if (!head) {
        if (peeked.size() > MaxHeadBytes) {
            socket->write("HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: "
                          "close\r\nContent-Length: 0\r\n\r\n");
            socket->disconnectFromHost();
        }
        return; // wait for the rest of the head
    }
    // From here the socket belongs to the WebSocket side or to QHttpServer.
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    qDeleteAll(socket->findChildren<QTimer *>(Qt::FindDirectChildrenOnly));
    if (head->isUpgrade()) {
        m_onUpgrade(socket, *head);
    } else if (head->header("content-length").toLongLong() > m_maxBodyBytes) {
        refuseTooLarge(socket, m_maxBodyBytes);
    } else {
        m_http->handOver(socket);
    }
}

} // namespace subscope::server
