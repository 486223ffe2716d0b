#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace subscope::server {

// A file given on the command line, whole; nullopt with "cannot read <path>: <why>" otherwise.
std::optional<QByteArray> readWholeFile(const QString &path, QString *error);

} // namespace subscope::server
