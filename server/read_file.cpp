#include "read_file.h"

#include <QFile>
#include <QFileInfo>

namespace subscope::server {

std::optional<QByteArray> readWholeFile(const QString &path, QString *error)
{
    QFile file(path);
    // A directory opens on Linux and reads as nothing: say what it is.
    const bool directory = QFileInfo(path).isDir();
    if (directory || !file.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("cannot read %1: %2")
                .arg(path, directory ? QStringLiteral("it is a directory") : file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace subscope::server
