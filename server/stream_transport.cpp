#include "stream_transport.h"

#include <QSocketNotifier>

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace subscope::server {

DescriptorTransport::DescriptorTransport(int descriptor, QObject *parent)
    : StreamTransport(parent)
    , m_fd(descriptor)
{}

DescriptorTransport::~DescriptorTransport()
{
    close();
}

void DescriptorTransport::startReading()
{
    if (m_fd < 0 || m_readNotifier) return;
    m_readNotifier = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &StreamTransport::readable);
}

qint64 DescriptorTransport::receive(char *data, qint64 size)
{
    for (;;) {
        const ssize_t got = ::recv(m_fd, data, size_t(size), MSG_DONTWAIT);
        if (got > 0) return got;
        if (got < 0 && errno == EINTR) continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
        return Failed; // the client closed its end, or the connection was reset
    }
}

qint64 DescriptorTransport::send(const char *data, qint64 size)
{
    for (;;) {
        const ssize_t sent = ::send(m_fd, data, size_t(size), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent >= 0) return sent;
        if (errno == EINTR) continue;
        return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : Failed;
    }
}

void DescriptorTransport::setWriteNotification(bool enabled)
{
    if (m_fd < 0) return;
    if (!m_writeNotifier) {
        if (!enabled) return;
        m_writeNotifier = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Write, this);
        connect(m_writeNotifier, &QSocketNotifier::activated, this, &StreamTransport::writable);
        return;
    }
    m_writeNotifier->setEnabled(enabled);
}

void DescriptorTransport::shutdownWrite()
{
    if (m_fd >= 0) ::shutdown(m_fd, SHUT_WR);
}

void DescriptorTransport::close()
{
    // Possibly inside their own activation: delete later, but stop them now, and before the
    // descriptor goes.
    for (QSocketNotifier *notifier : {m_readNotifier, m_writeNotifier})
        if (notifier) {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
    m_readNotifier = m_writeNotifier = nullptr;
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
}

} // namespace subscope::server
