#pragma once

#include "stream_transport.h"
#include "websocket/frame_codec.h"

#include <QByteArray>
#include <QObject>

class QTimer;

namespace subscope::server {

// One accepted WebSocket after the opening handshake: decodes the client's frames, sends frames
// straight to the transport, answers pings and does the closing handshake. An idle stream holds
// no buffer: what it reads or could not send yet is released as soon as it is used up.
class WebSocketStream : public QObject
{
    Q_OBJECT
public:
    // Takes `transport` (as a child) and closes it when done.
    WebSocketStream(StreamTransport *transport, quint64 maxMessageBytes, QObject *parent = nullptr);
    ~WebSocketStream() override;

    // Starts reading. `early`: bytes that came with the handshake, decoded first (at the next
    // turn of the event loop, once the caller has connected to the signals).
    void start(QByteArray early);
    // Sends bytes (frames from frame_codec, or the handshake answer) after what is waiting.
    void write(const QByteArray &bytes);
    // Bytes the kernel has not taken yet (the transport's included).
    qint64 bytesToWrite() const { return m_out.size() - m_outSent + m_transport->held(); }
    void ping();
    // Sends a Close frame after what is waiting, then waits for the client's Close (at most
    // CloseTimeoutMs) before closing the socket. Only the first close counts.
    void close(int code, const QByteArray &reason);
    // Closes the socket now, without a Close frame.
    void abort();

    bool isOpen() const { return m_state == State::Open; }
    // How the connection ended: the code and reason of the first Close frame sent or received,
    // or 1006 when it ended without one.
    int closeCode() const { return m_closeCode; }
    QByteArray closeReason() const { return m_closeReason; }
    // The client sent the first Close frame (or ended the connection without one).
    bool closedByClient() const { return m_closedByClient; }

    static constexpr int CloseTimeoutMs = 1000;

signals:
    void textReceived(const QByteArray &utf8);
    void binaryReceived(const QByteArray &data);
    void pongReceived();
    void bytesWritten(); // what waited for the kernel is sent
    void disconnected(); // once: the socket is closed

private:
    enum class State
    {
        Open,
        Closing,
        Closed
    };
    void onReadable();
    void onWritable();
    void decode();
    void closeWhenSent();
    void shutdownWrite();
    void finish();
    bool sendWaiting(); // false: the connection failed

    StreamTransport *m_transport;
    State m_state = State::Open;
    bool m_closeSocketWhenSent = false;
    bool m_shutdownWhenSent = false;
    bool m_eof = false;
    bool m_started = false;
    QTimer *m_closeTimer = nullptr;
    QByteArray m_in;
    QByteArray m_out;
    qsizetype m_outSent = 0;
    websocket::FrameDecoder m_decoder;
    bool m_closedByClient = true; // until a Close frame of ours is sent
    int m_closeCode = websocket::close_code::Abnormal;
    QByteArray m_closeReason;
};

} // namespace subscope::server
