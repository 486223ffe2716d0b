#include "connection_router.h"

#include "logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QSslSocket>
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
// A client that sends requests without reading the answers is closed on past this much.
constexpr qint64 MaxUnsentAnswerBytes = 16 * 1024 * 1024;
// The first byte of a TLS connection (a handshake record).
constexpr char TlsHandshakeRecord = 0x16;
// Our timers on a socket (Qt may have its own there): the head and idle timeouts.
const QString OwnTimer = QStringLiteral("subscope.timeout");
} // namespace

namespace {

QtMessageHandler g_previousHandler = nullptr;

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

QTimer *newOwnTimer(QTcpSocket *socket)
{
    auto *timer = new QTimer(socket);
    timer->setObjectName(OwnTimer);
    timer->setSingleShot(true);
    return timer;
}

void deleteOwnTimers(QTcpSocket *socket)
{
    qDeleteAll(socket->findChildren<QTimer *>(OwnTimer, Qt::FindDirectChildrenOnly));
}

// Bytes written and not sent yet, encrypted ones included.
qint64 unsent(QTcpSocket *socket)
{
    const auto *tls = qobject_cast<QSslSocket *>(socket);
    return socket->bytesToWrite() + (tls ? tls->encryptedBytesToWrite() : 0);
}

// The status and {"error": message} (no body without a message), then a lingering close.
void refuse(QTcpSocket *socket, int status, const QByteArray &message)
{
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr); // QHttpServer's too
    deleteOwnTimers(socket);
    // Within QHttpServer's read transaction, the bytes dropped below would all stay buffered.
    if (socket->isTransactionStarted()) socket->commitTransaction();
    const QByteArray body =
        message.isEmpty()
            ? QByteArray()
            : QJsonDocument(QJsonObject{{QStringLiteral("error"), QString::fromUtf8(message)}})
                  .toJson(QJsonDocument::Compact);
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + http::reasonPhrase(status) +
                  "\r\n" + (body.isEmpty() ? "" : "Content-Type: application/json\r\n") +
                  "Connection: close\r\nContent-Length: " + QByteArray::number(body.size()) +
                  "\r\n\r\n" + body);
    socket->flush();
    // Closing with the client's body unread would reset the connection, and a client still
    // sending would never read the answer: end our side, then read and drop what still comes,
    // for a while.
    const auto endOurSide = [socket] {
        if (unsent(socket) == 0) ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    endOurSide();
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, endOurSide);
    if (auto *tls = qobject_cast<QSslSocket *>(socket))
        QObject::connect(tls, &QSslSocket::encryptedBytesWritten, socket, endOurSide);
    auto dropped = std::make_shared<qint64>(0);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, dropped] {
        *dropped += socket->readAll().size();
        if (*dropped > MaxDroppedBytes) socket->abort();
    });
    QTimer::singleShot(RefusalLingerMs, socket, [socket] { socket->abort(); });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater,
                     Qt::UniqueConnection);
}

void refuse(QTcpSocket *socket, const http::RequestFraming::Violation &violation)
{
    // 431 has always been answered without a body.
    refuse(socket, violation.status, violation.status == 431 ? QByteArray() : violation.message);
}

} // namespace

FirstByteWait::FirstByteWait(int descriptor, OnFirstByte onFirstByte, QObject *parent)
    : QObject(parent)
    , m_descriptor(descriptor)
    , m_notifier(new QSocketNotifier(qintptr(descriptor), QSocketNotifier::Read, this))
    , m_onFirstByte(std::move(onFirstByte))
{
    m_deadline.setRemainingTime(HeadTimeoutMs);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &FirstByteWait::cancel);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char first = 0;
        const ssize_t got = ::recv(m_descriptor, &first, 1, MSG_PEEK | MSG_DONTWAIT);
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
        if (got <= 0) { // closed or reset before a byte
            cancel();
            return;
        }
        const int descriptor = m_descriptor;
        settle();
        m_onFirstByte(descriptor, first, int(std::max<qint64>(m_deadline.remainingTime(), 1)));
    });
    m_timer.start(HeadTimeoutMs);
}

void FirstByteWait::cancel()
{
    if (m_descriptor < 0) return;
    const int descriptor = m_descriptor;
    settle();
    ::close(descriptor);
}

void FirstByteWait::settle()
{
    // Possibly inside the notifier's activation: stopped now, deleted later. From here the
    // descriptor is someone else's (or closed), whatever the timer or close() would do.
    m_descriptor = -1;
    m_notifier->setEnabled(false);
    m_timer.stop();
    setParent(nullptr);
    deleteLater();
}

void HttpHandOff::handOver(QTcpSocket *socket)
{
    // QHttpServer trusts the framing it reads (Content-Length: abc as 0, an unknown
    // Transfer-Encoding as no body...): every byte of the connection goes through a RequestFraming
    // first, in a handler connected before QHttpServer's. QHttpServer reads one request per
    // readyRead and emits it again, queued, for the next one buffered.
    struct Reading
    {
        http::RequestFraming framing;
        qint64 received = 0; // bytes of the connection so far
        qint64 buffered = 0; // of them, not read by QHttpServer after its last turn
        // Where QHttpServer reads next, in the connection's bytes.
        qint64 position(const QTcpSocket *socket) const
        {
            return received - socket->bytesAvailable();
        }
    };
    auto reading = std::make_shared<Reading>(Reading{http::RequestFraming(m_limits)});
    // Twice one request's size: a body near the limit in small chunks has lines beside it.
    const qint64 maxBuffered = 2 * (m_limits.maxHeadBytes + m_limits.maxBodyBytes);
    const auto refuseWhenDue = [socket, reading, maxBuffered] {
        // The requests before the faulty one are served first.
        const auto &violation = reading->framing.violation();
        if (violation && reading->position(socket) >= violation->requestStart) {
            refuse(socket, *violation);
        } else if (socket->bytesAvailable() > maxBuffered) {
            // Pipelined requests QHttpServer has not come to yet, beyond one request's size.
            refuse(socket, 413,
                   "The requests waiting on this connection are larger than " +
                       http::sizeText(maxBuffered) + '.');
        } else if (unsent(socket) > MaxUnsentAnswerBytes) {
            qCDebug(lcServer) << "closing an HTTP connection whose client reads no answers:"
                              << socket->peerAddress().toString();
            socket->abort();
        }
    };
    connect(socket, &QTcpSocket::readyRead, socket, [socket, reading, refuseWhenDue] {
        const qint64 available = socket->bytesAvailable();
        reading->received += available - reading->buffered;
        reading->buffered = available;
        // Checked ahead of QHttpServer by a request at least: fed again once it catches up, so
        // that a long backlog is not copied at every segment.
        http::RequestFraming &framing = reading->framing;
        const qint64 position = reading->position(socket);
        if (framing.fed() < position) { // QHttpServer read what was not checked: never expected
            qCWarning(lcServer) << "HTTP framing lost track of a connection; closing it";
            socket->abort();
            return;
        }
        if (!framing.violation() && framing.requestStart() <= position &&
            framing.fed() < reading->received)
            framing.feed(socket->peek(available).sliced(framing.fed() - position));
        refuseWhenDue();
    });
    g_previousHandler = qInstallMessageHandler(withoutNotListeningWarning);
    addPendingConnection(socket); // QHttpServer reacts to pendingConnectionAvailable, synchronously
    qInstallMessageHandler(g_previousHandler);
    connect(socket, &QTcpSocket::readyRead, socket, [socket, reading, refuseWhenDue] {
        reading->buffered = socket->bytesAvailable();
        refuseWhenDue();
    });
    auto *idle = newOwnTimer(socket);
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
    m_limits.maxHeadBytes = MaxHeadBytes;
    m_http->setLimits(m_limits);
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
    for (FirstByteWait *wait : m_awaitingFirstByte.findChildren<FirstByteWait *>())
        wait->cancel();
}

std::optional<ConnectionRouter::RequestHead> ConnectionRouter::parseHead(const QByteArray &bytes)
{
    const qsizetype size = http::headLength(bytes);
    if (size < 0) return std::nullopt;
    RequestHead head;
    head.size = size;
    // Empty lines before the request line are skipped; a line ends with LF or CRLF.
    const QList<QByteArray> lines = bytes.left(size).trimmed().split('\n');
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
        if (m_tls)
            awaitFirstByte(descriptor);
        else
            adopt(descriptor, new QTcpSocket, HeadTimeoutMs);
    }
}

void ConnectionRouter::awaitFirstByte(int descriptor)
{
    // Whether the client starts a TLS handshake or speaks plain HTTP is seen before Qt reads a
    // byte: a plain request gets an answer it can read.
    new FirstByteWait(
        descriptor,
        [this](int fd, char first, int msLeft) {
            if (first == TlsHandshakeRecord) {
                auto *socket = new QSslSocket;
                if (!adopt(fd, socket, msLeft)) return;
                socket->setSslConfiguration(*m_tls);
                connect(socket, &QSslSocket::encrypted, this, [this, socket] {
                    if (socket->bytesAvailable()) inspect(socket);
                });
                connect(socket, &QSslSocket::errorOccurred, this, [socket] {
                    if (socket->isEncrypted()) return;
                    qCDebug(lcServer).noquote()
                        << "TLS handshake with" << socket->peerAddress().toString()
                        << "failed:" << socket->errorString();
                    socket->abort();
                });
                socket->startServerEncryption();
                return;
            }
            auto *socket = new QTcpSocket;
            if (!adopt(fd, socket, msLeft)) return;
            refuse(socket, 400, "This port serves HTTPS and WSS only: use https:// or wss://.");
        },
        &m_awaitingFirstByte);
}

bool ConnectionRouter::adopt(int descriptor, QTcpSocket *socket, int headTimeoutMs)
{
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcServer).noquote() << "cannot use an accepted socket:" << socket->errorString();
        ::close(descriptor);
        delete socket;
        return false;
    }
    // Frames leave when written, not when the previous segment is acknowledged (Nagle).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto *timeout = newOwnTimer(socket);
    connect(timeout, &QTimer::timeout, socket, [socket] {
        qCDebug(lcServer) << "no request head from" << socket->peerAddress().toString()
                          << "in time";
        socket->abort();
    });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    timeout->start(headTimeoutMs);
    if (socket->bytesAvailable()) inspect(socket);
    return true;
}

void ConnectionRouter::inspect(QTcpSocket *socket)
{
    const QByteArray peeked = socket->peek(MaxHeadBytes + 1);
    const std::optional<RequestHead> head = parseHead(peeked);
    // The first head is checked here; what follows it, by the side that takes the socket.
    http::RequestFraming framing(m_limits);
    framing.feed(QByteArrayView(peeked).first(head ? head->size : peeked.size()));
    if (framing.violation()) {
        refuse(socket, *framing.violation());
        return;
    }
    if (!head) return; // wait for the rest of the head
    // From here the socket belongs to the WebSocket side or to QHttpServer.
    disconnect(socket, nullptr, this, nullptr);
    disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    deleteOwnTimers(socket);
    if (head->isUpgrade())
        m_onUpgrade(socket, *head);
    else
        m_http->handOver(socket);
}

} // namespace subscope::server
