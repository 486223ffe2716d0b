#include "connection_settings.h"

#include <QObject>
#include <QRegularExpression>

namespace subscope::ui {

bool parseHeaderLines(const QString &text, QList<QPair<QByteArray, QByteArray>> *headers,
                      QString *error)
{
    // RFC 9110 token characters.
    static const QRegularExpression name(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    headers->clear();
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(u'#')) continue;
        const qsizetype colon = line.indexOf(u':');
        const QString key = line.left(colon).trimmed();
        if (colon <= 0 || !name.match(key).hasMatch()) {
            *error = QObject::tr("Header line %1 is not \"Name: value\": %2").arg(i + 1).arg(line);
            return false;
        }
        headers->append({key.toLatin1(), line.mid(colon + 1).trimmed().toUtf8()});
    }
    return true;
}

} // namespace subscope::ui
