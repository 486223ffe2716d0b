#pragma once
// redis-server as a child process on a free loopback port, without persistence, and a blocking
// RESP client to tell it things (PUBSUB NUMSUB, SHUTDOWN NOSAVE). Header-only; the test links
// Qt6::Network.

#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace subscope::test {

struct RedisServer
{
    QProcess process;
    quint16 port = 0;
    QStringList extraArguments;

    // `port` 0: a free one.
    explicit RedisServer(QStringList extra = {}, quint16 onPort = 0)
        : port(onPort ? onPort : freePort())
        , extraArguments(std::move(extra))
    {
        start();
    }
    ~RedisServer() { stop(); }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    QString url() const { return QStringLiteral("redis://127.0.0.1:%1").arg(port); }

    // Starts it (again, on the same port) and waits until it answers PING.
    bool start()
    {
        process.start(QStringLiteral("redis-server"),
                      QStringList{QStringLiteral("--port"), QString::number(port),
                                  QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                  QStringLiteral("--save"), QString(),
                                  QStringLiteral("--appendonly"), QStringLiteral("no"),
                                  QStringLiteral("--daemonize"), QStringLiteral("no")} +
                          extraArguments);
        if (!process.waitForStarted(5000)) return false;
        return QTest::qWaitFor(
            [this] {
                return command({"PING"}).startsWith("+PONG") ||
                       command({"PING"}).startsWith("-NOAUTH");
            },
            5000);
    }
    void stop()
    {
        if (process.state() == QProcess::NotRunning) return;
        process.kill();
        process.waitForFinished(5000);
    }
    // SHUTDOWN NOSAVE, as an operator would; waits for the process to end.
    bool shutdownNoSave(const QByteArray &password = {})
    {
        if (password.isEmpty())
            command({"SHUTDOWN", "NOSAVE"});
        else
            command({"AUTH", password}, {"SHUTDOWN", "NOSAVE"});
        return process.waitForFinished(5000);
    }

    // Sends commands on one new connection and returns the raw answer of the last (RESP text),
    // or "" when Redis does not answer.
    QByteArray command(const QList<QByteArray> &arguments, const QList<QByteArray> &then = {})
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(1000)) return {};
        auto encode = [](const QList<QByteArray> &args) {
            QByteArray out = '*' + QByteArray::number(args.size()) + "\r\n";
            for (const QByteArray &a : args)
                out += '$' + QByteArray::number(a.size()) + "\r\n" + a + "\r\n";
            return out;
        };
        int replies = 1;
        QByteArray request = encode(arguments);
        if (!then.isEmpty()) {
            request += encode(then);
            replies = 2;
        }
        socket.write(request);
        QByteArray answer;
        while (socket.waitForReadyRead(2000)) {
            answer += socket.readAll();
            if (completeReplies(answer) >= replies) break;
        }
        if (replies == 2) answer = answer.mid(replyLength(answer, 0));
        return answer;
    }
    // PUBSUB NUMSUB <channel>: how many connections are subscribed to it.
    int subscribers(const QByteArray &channel)
    {
        const QByteArray answer = command({"PUBSUB", "NUMSUB", channel});
        const qsizetype colon = answer.lastIndexOf(':');
        return colon < 0 ? -1 : answer.mid(colon + 1).trimmed().toInt();
    }

private:
    // The length of the RESP value at `at`, or -1 when it is not all there yet.
    static qsizetype replyLength(const QByteArray &data, qsizetype at)
    {
        const qsizetype end = data.indexOf("\r\n", at);
        if (end < 0 || at >= data.size()) return -1;
        const char type = data[at];
        const qsizetype head = end + 2 - at;
        if (type == '+' || type == '-' || type == ':') return head;
        const qsizetype n = data.mid(at + 1, end - at - 1).toLongLong();
        if (type == '$') {
            if (n < 0) return head;
            return data.size() >= end + 2 + n + 2 ? head + n + 2 : -1;
        }
        if (type == '*') {
            qsizetype length = head;
            for (qsizetype i = 0; i < n; ++i) {
                const qsizetype item = replyLength(data, at + length);
                if (item < 0) return -1;
                length += item;
            }
            return length;
        }
        return -1;
    }
    static int completeReplies(const QByteArray &data)
    {
        int count = 0;
        qsizetype at = 0;
        for (qsizetype length; at < data.size() && (length = replyLength(data, at)) > 0;
             at += length)
            ++count;
        return count;
    }
};

} // namespace subscope::test
