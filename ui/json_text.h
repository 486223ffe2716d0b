#pragma once

#include <QByteArray>
#include <QString>

namespace subscope::ui {

// JSON text indented by two spaces with the keys in their original order (QJsonDocument would
// sort them); the text itself when it is not JSON.
QString prettyJson(const QByteArray &json);
// At most `length` characters, with an ellipsis when cut.
QString elided(const QString &text, qsizetype length);

} // namespace subscope::ui
