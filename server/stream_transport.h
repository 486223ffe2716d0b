#pragma once

#include <QObject>

class QSocketNotifier;

namespace subscope::server {

// How a WebSocketStream reaches its client: a bare socket descriptor (DescriptorTransport) or a
// QSslSocket (TlsTransport). The stream asks for bytes and hands bytes over; the transport says
// when there is something to read or room to write.
class StreamTransport : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 Failed = -1;
    using QObject::QObject;

    // Starts reporting readable(): after the stream has connected to it.
    virtual void startReading() = 0;
    // Bytes read into `data`, 0 when nothing is there now, Failed at the end of the stream (the
    // client closed its end or the connection broke).
    virtual qint64 receive(char *data, qint64 size) = 0;
    // Bytes of `data` taken, 0 when there is no room now (wait for writable()), Failed when the
    // connection broke.
    virtual qint64 send(const char *data, qint64 size) = 0;
    // Bytes taken by send() that the transport itself still holds (not the kernel's buffer).
    virtual qint64 held() const = 0;
    virtual void setWriteNotification(bool enabled) = 0;
    // Ends our direction of the connection, once what was taken is sent.
    virtual void shutdownWrite() = 0;
    // Closes the connection; nothing is read or sent any more. Signals stop at once.
    virtual void close() = 0;

signals:
    void readable();
    void writable();
};

// A connected, non-blocking TCP socket descriptor served with recv() and send(): no buffer of
// its own, so an idle connection costs the descriptor and the kernel's buffers only.
class DescriptorTransport final : public StreamTransport
{
    Q_OBJECT
public:
    // Takes the descriptor and closes it when done.
    explicit DescriptorTransport(int descriptor, QObject *parent = nullptr);
    ~DescriptorTransport() override;

    void startReading() override;
    qint64 receive(char *data, qint64 size) override;
    qint64 send(const char *data, qint64 size) override;
    qint64 held() const override { return 0; }
    void setWriteNotification(bool enabled) override;
    void shutdownWrite() override;
    void close() override;

private:
    int m_fd;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
};

} // namespace subscope::server
