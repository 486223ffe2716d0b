#include "recent_list.h"

#include <QSettings>

namespace subscope::ui {

RecentList::RecentList(const QString &key, QObject *parent, int capacity)
    : QStringListModel(parent)
    , m_key(key)
    , m_capacity(capacity)
{
    QStringList values = QSettings().value(m_key).toStringList();
    values.removeAll(QString());
    values.removeDuplicates();
    setStringList(values.mid(0, m_capacity));
}

void RecentList::add(const QString &value)
{
    if (value.isEmpty()) return;
    QStringList values = stringList();
    values.removeAll(value);
    values.prepend(value);
    setStringList(values.mid(0, m_capacity));
    save();
}

void RecentList::remove(const QString &value)
{
    QStringList values = stringList();
    if (values.removeAll(value) == 0) return;
    setStringList(values);
    save();
}

void RecentList::clear()
{
    setStringList({});
    save();
}

void RecentList::save()
{
    QSettings().setValue(m_key, stringList());
}

} // namespace subscope::ui
