#pragma once
// Runs build/bin/subscope to its end and keeps what it printed. The event loop keeps turning
// meanwhile, so a server the test started (in this process or as a child) goes on serving.

#include <QProcess>
#include <QTest>

namespace subscope::test {

struct Run
{
    int status = -1;
    QString out;
    QString err;
};

inline Run runProgram(const QString &program, const QStringList &arguments,
                      const QByteArray &input = {})
{
    QProcess process;
    process.start(program, arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30000))
        qFatal("%s did not finish", qPrintable(program));
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

inline Run runSubscope(const QStringList &arguments, const QByteArray &input = {})
{
    return runProgram(QStringLiteral(SUBSCOPE_BINARY), arguments, input);
}

} // namespace subscope::test
