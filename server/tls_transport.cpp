#include "tls_transport.h"

#include <QCoreApplication>
#include <QSslSocket>
#include <QTimer>

namespace subscope::server {

namespace {
// How long a closed connection may take to send what it holds and its close_notify.
constexpr int CloseLingerMs = 1000;
} // namespace

TlsTransport::TlsTransport(QSslSocket *socket, QObject *parent)
    : StreamTransport(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    connect(socket, &QSslSocket::readyRead, this, [this] {
        if (m_reading) emit readable();
    });
    connect(socket, &QSslSocket::disconnected, this, [this] {
        m_ended = true;
        if (m_reading) emit readable(); // receive() reports the end
    });
    connect(socket, &QSslSocket::errorOccurred, this, [this] {
        m_ended = true;
        if (m_reading) emit readable();
    });
    const auto sent = [this] {
        if (m_notifyWritable) emit writable();
    };
    connect(socket, &QSslSocket::bytesWritten, this, sent);
    connect(socket, &QSslSocket::encryptedBytesWritten, this, sent);
}

TlsTransport::~TlsTransport()
{
    close();
}

void TlsTransport::startReading()
{
    if (m_reading || !m_socket) return;
    m_reading = true;
    if (m_socket->bytesAvailable() > 0 || m_ended)
        QMetaObject::invokeMethod(this, &StreamTransport::readable, Qt::QueuedConnection);
}

qint64 TlsTransport::receive(char *data, qint64 size)
{
    if (!m_socket) return Failed;
    const qint64 got = m_socket->read(data, size);
    if (got > 0) return got;
    if (got < 0 || m_ended || m_socket->state() != QAbstractSocket::ConnectedState) return Failed;
    return 0;
}

qint64 TlsTransport::send(const char *data, qint64 size)
{
    if (!m_socket || m_ended || m_socket->state() != QAbstractSocket::ConnectedState) return Failed;
    const qint64 room = MaxHeldBytes - held();
    if (room <= 0) return 0;
    const qint64 taken = m_socket->write(data, qMin(size, room));
    return taken < 0 ? Failed : taken;
}

qint64 TlsTransport::held() const
{
    return m_socket ? m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() : 0;
}

void TlsTransport::setWriteNotification(bool enabled)
{
    m_notifyWritable = enabled;
}

void TlsTransport::close()
{
    m_reading = false;
    m_notifyWritable = false;
    if (!m_socket) return;
    QSslSocket *socket = m_socket;
    m_socket = nullptr;
    disconnect(socket, nullptr, this, nullptr);
    // What is held still goes, then close_notify; the socket outlives this transport for that
    // long at most, owned by the application so that it is deleted at exit all the same.
    socket->setParent(QCoreApplication::instance());
    connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(CloseLingerMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    socket->disconnectFromHost();
    if (socket->state() == QAbstractSocket::UnconnectedState) socket->deleteLater();
}

} // namespace subscope::server
