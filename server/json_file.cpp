#include "json_file.h"

#include <QFile>

namespace subscope::server {

std::optional<graphql::JsonValue> readJsonFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    graphql::JsonValue document;
    std::string problem;
    if (!graphql::JsonValue::fromJson(file.readAll().toStdString(), &document, &problem)) {
        *error = QStringLiteral("%1 is not JSON: %2").arg(path, QString::fromStdString(problem));
        return std::nullopt;
    }
    return document;
}

} // namespace subscope::server
