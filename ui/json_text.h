#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>

namespace subscope::graphql {
class JsonValue;
}

namespace subscope::ui {

// JSON text indented by two spaces with the keys in their original order (QJsonDocument would
// sort them); the text itself when it is not JSON.
QString prettyJson(const QByteArray &json);
// Text typed or received as JSON, parsed by the engine's JSON reader (keeps key order and big
// integers). *error gets the reader's message, *utf8Offset where it stopped.
bool parseJson(const QString &text, graphql::JsonValue *value, QString *error = nullptr,
               size_t *utf8Offset = nullptr);
bool parseJson(const QByteArray &utf8, graphql::JsonValue *value, QString *error = nullptr);
// An optional JSON object typed by the user (variables, a connection_init payload): blank text is
// accepted and leaves *value alone; otherwise false with "The <what> is not valid JSON: ..." or
// "The <what> must be a JSON object" in *error.
bool parseJsonObject(const QString &text, const QString &what, graphql::JsonValue *value,
                     QString *error);
// At most `length` characters, with an ellipsis when cut.
QString elided(const QString &text, qsizetype length);

} // namespace subscope::ui
