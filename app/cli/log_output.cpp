#include "log_output.h"

#include "graphql/json_value.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <cstdio>

namespace subscope::cli {

namespace {

LogFormat g_format = LogFormat::Text;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const char *category = context.category ? context.category : "default";
    std::string line;
    if (g_format == LogFormat::Json) {
        graphql::JsonValue entry = graphql::JsonValue::object();
        entry.insert("time", time.toStdString());
        entry.insert("level", levelName(type));
        entry.insert("category", category);
        entry.insert("message", message.toStdString());
        line = entry.toJson();
    } else {
        line = time.toStdString() + ' ' + levelName(type) + ' ' + category + ": " +
               message.toStdString();
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

} // namespace

void installLogOutput(LogFormat format, bool quiet)
{
    g_format = format;
    qInstallMessageHandler(handler);
    if (quiet)
        QLoggingCategory::setFilterRules(QStringLiteral(
            "subscope.*.info=false\nsubscope.*.debug=false\nqt.httpserver.warning=false"));
}

} // namespace subscope::cli
