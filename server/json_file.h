#pragma once

#include "graphql/json_value.h"

#include <QString>

#include <optional>

namespace subscope::server {

// A configuration file's JSON; nullopt with a message that names the file otherwise.
std::optional<graphql::JsonValue> readJsonFile(const QString &path, QString *error);

} // namespace subscope::server
