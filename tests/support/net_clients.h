#pragma once
// Network peers for integration tests: a WebSocket client that keeps what it receives and a
// blocking HTTP helper. Header-only; the test links Qt6::WebSockets and Qt6::Network.

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <algorithm>
#include <optional>

namespace subscope::test {

// A WebSocket client that keeps every text frame it receives.
struct Client
{
    QWebSocket socket;
    QStringList frames;
    std::optional<int> closeCode;

    explicit Client(const QUrl &url, const QStringList &subprotocols)
        : Client(QNetworkRequest(url), subprotocols)
    {}
    Client(const QNetworkRequest &request, const QStringList &subprotocols)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived,
                         [this](const QString &m) { frames << m; });
        QObject::connect(&socket, &QWebSocket::disconnected,
                         [this] { closeCode = int(socket.closeCode()); });
        QWebSocketHandshakeOptions options;
        options.setSubprotocols(subprotocols);
        // QWebSocket (6.4) takes its TLS settings from itself, not from the request.
        if (request.url().scheme() == QLatin1String("wss"))
            socket.setSslConfiguration(request.sslConfiguration());
        socket.open(request, options);
    }
    bool waitConnected()
    {
        return QTest::qWaitFor(
            [this] { return socket.state() == QAbstractSocket::ConnectedState || closeCode; },
            5000);
    }
    bool waitFrames(int count)
    {
        return QTest::qWaitFor([this, count] { return frames.size() >= count; }, 5000);
    }
    bool waitFrameContaining(const QString &text, int ms = 5000)
    {
        return QTest::qWaitFor(
            [&] {
                return std::any_of(frames.begin(), frames.end(),
                                   [&](const QString &f) { return f.contains(text); });
            },
            ms);
    }
    bool waitClosed()
    {
        return QTest::qWaitFor([this] { return closeCode.has_value(); }, 5000);
    }
    void send(const QString &frame) { socket.sendTextMessage(frame); }
};

// Sends one request and waits for the answer: {status, body}; status 0 when unreachable.
struct Http
{
    QNetworkAccessManager network;
    std::pair<int, QByteArray> request(const QString &method, const QUrl &url,
                                       const QByteArray &body = {})
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = network.sendCustomRequest(request, method.toLatin1(), body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return {status, answer};
    }
    // A header of the last answer.
    QByteArray lastHeader(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
        return {};
    }
    QList<QNetworkReply::RawHeaderPair> headers;
};

} // namespace subscope::test
