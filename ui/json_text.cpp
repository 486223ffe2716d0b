#include "json_text.h"

#include "graphql/json_value.h"

namespace subscope::ui {

QString prettyJson(const QByteArray &json)
{
    graphql::JsonValue value;
    if (!graphql::JsonValue::fromJson(std::string_view(json.constData(), size_t(json.size())),
                                      &value))
        return QString::fromUtf8(json);
    return QString::fromStdString(value.toJson(2));
}

QString elided(const QString &text, qsizetype length)
{
    return text.size() <= length ? text : text.left(length - 1) + QChar(0x2026);
}

} // namespace subscope::ui
