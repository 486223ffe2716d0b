#include "json_file.h"

#include "read_file.h"

namespace subscope::server {

std::optional<graphql::JsonValue> readJsonFile(const QString &path, QString *error)
{
    const std::optional<QByteArray> bytes = readWholeFile(path, error);
    if (!bytes) return std::nullopt;
    graphql::JsonValue document;
    std::string problem;
    if (!graphql::JsonValue::fromJson(bytes->toStdString(), &document, &problem)) {
        *error = QStringLiteral("%1 is not JSON: %2").arg(path, QString::fromStdString(problem));
        return std::nullopt;
    }
    return document;
}

} // namespace subscope::server
