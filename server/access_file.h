#pragma once

#include "protocol/access_rules.h"

#include <QString>

#include <optional>

namespace subscope::server {

// Reads the --auth rules file (see protocol::AccessRules for its shape); nullopt with a message
// that names the file otherwise.
std::optional<protocol::AccessRules> loadAccessRules(const QString &path, QString *error);

} // namespace subscope::server
