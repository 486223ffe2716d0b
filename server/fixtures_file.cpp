#include "fixtures_file.h"

#include <QFile>

namespace subscope::server {

std::optional<graphql::Fixtures> loadFixtures(const QString &path, const graphql::Schema &schema,
                                              QString *error)
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
    if (!document.isObject()) {
        *error = QStringLiteral("%1: the fixtures must be a JSON object of \"Type.field\": value")
                     .arg(path);
        return std::nullopt;
    }
    graphql::Fixtures fixtures;
    for (const auto &[key, value] : document.members()) {
        const size_t dot = key.find('.');
        const graphql::NamedType *type =
            dot == std::string::npos ? nullptr : schema.type(std::string_view(key).substr(0, dot));
        if (!type || !type->field(std::string_view(key).substr(dot + 1))) {
            *error =
                QStringLiteral("%1: \"%2\" is not a field of the schema (expected \"Type.field\")")
                    .arg(path, QString::fromStdString(key));
            return std::nullopt;
        }
        fixtures[key] = value;
    }
    return fixtures;
}

} // namespace subscope::server
