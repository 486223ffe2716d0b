// The HTTP side of the server as a stranger reaches it: the bytes of the input are what a client
// sends on a fresh TCP connection to a running server (in this process, on loopback), after which
// it half-closes and reads the answer. That covers the router's request head, the WebSocket
// handshake and upgrade, QHttpServer's parser and every route's handler (POST /trigger,
// /models/<name>, /graphql/, /healthz, /metrics). The server must answer every connection or
// close it, and keep answering GET /healthz.
#include "fuzz_support.h"
#include "server/connection_router.h"
#include "server/headless_server.h"
#include "websocket/handshake.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace subscope;

namespace {

QCoreApplication *g_app = nullptr;
server::HeadlessServer *g_server = nullptr;

// Sends `request` on a new connection, half-closes, and returns what the server answered before
// it closed (nullopt: it did not close within the time).
std::optional<QByteArray> exchange(const QByteArray &request, int timeoutMs = 3000)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(g_server->port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    QByteArray answer;
    qsizetype sent = 0;
    bool halfClosed = false;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        if (sent < request.size()) {
            const ssize_t n =
                send(fd, request.constData() + sent, size_t(request.size() - sent), MSG_NOSIGNAL);
            if (n > 0) sent += n;
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)
                sent = request.size(); // refused or reset: read what came
        } else if (!halfClosed) {
            shutdown(fd, SHUT_WR);
            halfClosed = true;
        }
        char buffer[16384];
        const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n > 0) answer.append(buffer, n);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
            close(fd);
            return answer;
        }
    }
    close(fd);
    return std::nullopt;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    g_app = new QCoreApplication(*argc, *argv);
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    server::ServerConfig config;
    config.port = 0;
    config.triggerToken = "fuzz-token";
    config.maxBodyBytes = 64 * 1024;
    config.maxMessageBytes = 4096;
    config.initTimeoutSeconds = 1;
    g_server = new server::HeadlessServer(fuzz::sharedDemoSchema(), config);
    QString error;
    if (!g_server->start(&error)) fuzz::finding("the server does not start", error.toUtf8());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray request(reinterpret_cast<const char *>(data), qsizetype(size));
    // The pure parsers first.
    if (const auto head = server::ConnectionRouter::parseHead(request)) {
        if (head->size > request.size()) fuzz::finding("a request head longer than the bytes");
        const websocket::HandshakeRequest handshake =
            websocket::readHandshake(head->method, head->headers);
        if (!handshake.valid && !handshake.refusal.startsWith("HTTP/1.1 4"))
            fuzz::finding("a handshake refused without a 4xx answer", request);
    }

    if (!exchange(request)) fuzz::finding("the server neither answered nor closed", request);
    const std::optional<QByteArray> health =
        exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    if (!health || !health->startsWith("HTTP/1.1 200"))
        fuzz::finding("the server stopped answering after", request);
    return 0;
}
