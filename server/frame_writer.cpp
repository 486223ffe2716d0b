#include "frame_writer.h"

#include <QTcpSocket>

#ifdef Q_OS_LINUX
#include <sys/socket.h>
#endif

namespace subscope::server {

void appendTextFrame(QByteArray &out, const QByteArray &payload)
{
    const quint64 size = quint64(payload.size());
    out.append(char(0x81)); // FIN, text
    if (size < 126) {
        out.append(char(size));
    } else if (size <= 0xffff) {
        out.append(char(126));
        out.append(char(size >> 8));
        out.append(char(size & 0xff));
    } else {
        out.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.append(char((size >> shift) & 0xff));
    }
    out.append(payload);
}

void writeToSocket(QTcpSocket &socket, const QByteArray &bytes)
{
    if (socket.state() != QAbstractSocket::ConnectedState) return; // closing: nowhere to go
    qint64 sent = 0;
#ifdef Q_OS_LINUX
    // Qt's buffered write arms the socket's write notifier and sends on the next turn of the
    // event loop; with thousands of sockets, arming and disarming notifiers (a list walk in the
    // GLib dispatcher) costs more than the send itself.
    if (socket.bytesToWrite() == 0) {
        sent = ::send(int(socket.socketDescriptor()), bytes.constData(), size_t(bytes.size()),
                      MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0) sent = 0; // full or failed: Qt's write path waits or reports the error
    }
#endif
    if (sent < bytes.size()) socket.write(bytes.constData() + sent, bytes.size() - sent);
}

} // namespace subscope::server
