#include "json_text.h"

#include "graphql/json_value.h"

#include <QObject>

namespace subscope::ui {

bool parseJson(const QByteArray &utf8, graphql::JsonValue *value, QString *error)
{
    std::string message;
    const bool ok = graphql::JsonValue::fromJson(
        std::string_view(utf8.constData(), size_t(utf8.size())), value, &message);
    if (!ok && error) *error = QString::fromStdString(message);
    return ok;
}

bool parseJson(const QString &text, graphql::JsonValue *value, QString *error, size_t *utf8Offset)
{
    const QByteArray utf8 = text.toUtf8();
    std::string message;
    const bool ok = graphql::JsonValue::fromJson(
        std::string_view(utf8.constData(), size_t(utf8.size())), value, &message, utf8Offset);
    if (!ok && error) *error = QString::fromStdString(message);
    return ok;
}

bool parseJsonObject(const QString &text, const QString &what, graphql::JsonValue *value,
                     QString *error)
{
    if (text.trimmed().isEmpty()) return true;
    graphql::JsonValue parsed;
    QString message;
    if (!parseJson(text, &parsed, &message)) {
        *error = QObject::tr("The %1 is not valid JSON: %2").arg(what, message);
        return false;
    }
    if (!parsed.isObject()) {
        *error = QObject::tr("The %1 must be a JSON object").arg(what);
        return false;
    }
    *value = std::move(parsed);
    return true;
}

QString prettyJson(const QByteArray &json)
{
    graphql::JsonValue value;
    return parseJson(json, &value) ? QString::fromStdString(value.toJson(2))
                                   : QString::fromUtf8(json);
}

QString elided(const QString &text, qsizetype length)
{
    return text.size() <= length ? text : text.left(length - 1) + QChar(0x2026);
}

} // namespace subscope::ui
