#pragma once

#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>

#include <sys/resource.h>

namespace subscope::test {

// The headless server as a child process on a free port.
struct Headless
{
    QProcess process;
    QUrl websocket;
    QString http;
    QString stderrText;

    // openFileLimit: the child's RLIMIT_NOFILE, soft and hard (0: inherited).
    explicit Headless(QStringList arguments, int openFileLimit = 0)
    {
        if (openFileLimit > 0)
            process.setChildProcessModifier([openFileLimit] {
                const rlimit files{rlim_t(openFileLimit), rlim_t(openFileLimit)};
                setrlimit(RLIMIT_NOFILE, &files);
            });
        arguments.prepend(QStringLiteral("--headless"));
        arguments << QStringLiteral("--port") << QStringLiteral("0");
        QObject::connect(&process, &QProcess::readyReadStandardError, [this] {
            stderrText += QString::fromUtf8(process.readAllStandardError());
        });
        process.start(QStringLiteral(SUBSCOPE_BINARY), arguments);
    }
    ~Headless()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
    // Waits for the banner and reads the URLs from it.
    bool waitServing()
    {
        QString out;
        const bool printed = QTest::qWaitFor(
            [&] {
                out += QString::fromUtf8(process.readAllStandardOutput());
                return out.contains(QLatin1String("HTTP ")) && out.endsWith(QLatin1Char('\n'));
            },
            10000);
        if (!printed) return false;
        const auto ws = QRegularExpression(QStringLiteral("WebSocket +(\\S+)")).match(out);
        const auto h = QRegularExpression(QStringLiteral("HTTP +(\\S+)")).match(out);
        websocket = QUrl(ws.captured(1));
        http = h.captured(1);
        return websocket.isValid() && !http.isEmpty();
    }
    bool waitFinished()
    {
        return QTest::qWaitFor([this] { return process.state() == QProcess::NotRunning; }, 10000);
    }
};

} // namespace subscope::test
