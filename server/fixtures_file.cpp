#include "fixtures_file.h"

#include "json_file.h"

namespace subscope::server {

std::optional<graphql::Fixtures> loadFixtures(const QString &path, const graphql::Schema &schema,
                                              QString *error)
{
    const std::optional<graphql::JsonValue> parsed = readJsonFile(path, error);
    if (!parsed) return std::nullopt;
    const graphql::JsonValue &document = *parsed;
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
