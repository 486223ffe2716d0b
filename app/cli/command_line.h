#pragma once

#include <QStringList>

namespace subscope::cli {

// The programs built from app/: `subscope` (the explorer, the server and the commands) and
// `subscope-server` (the server and the commands, without Qt Widgets).
enum class Program
{
    Subscope,
    Server
};

// Sets up the event loop (epoll; SUBSCOPE_EVENT_LOOP=qt: Qt's own) and the application object
// of a program that opens no window.
void prepareConsoleApplication();
// "subscope 0.1.0 (Qt 6.4.2)": the version and the Qt version it runs on.
QString versionLine(Program program);
// --help, --version, --headless and the commands (validate, introspect, print-schema,
// trigger); `arguments` as QCoreApplication::arguments() gives them.
int runCommandLine(Program program, QStringList arguments);

} // namespace subscope::cli
