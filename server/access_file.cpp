#include "access_file.h"

#include "json_file.h"

namespace subscope::server {

std::optional<protocol::AccessRules> loadAccessRules(const QString &path, QString *error)
{
    const std::optional<graphql::JsonValue> document = readJsonFile(path, error);
    if (!document) return std::nullopt;
    std::string problem;
    auto rules = protocol::AccessRules::fromJson(*document, &problem);
    if (!rules) *error = QStringLiteral("%1: %2").arg(path, QString::fromStdString(problem));
    return rules;
}

} // namespace subscope::server
