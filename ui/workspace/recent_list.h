#pragma once

#include <QStringListModel>

namespace subscope::ui {

// The values last used for something (URLs connected to, schema files loaded, workspaces
// opened), newest first, kept in the application's settings under `key`: a model for completers
// and menus.
class RecentList : public QStringListModel
{
    Q_OBJECT
public:
    static constexpr int DefaultCapacity = 12;

    RecentList(const QString &key, QObject *parent = nullptr, int capacity = DefaultCapacity);

    QStringList values() const { return stringList(); }
    // Moves `value` to the front (adding it when new) and saves the list.
    void add(const QString &value);
    void remove(const QString &value);
    void clear();

private:
    void save();

    QString m_key;
    int m_capacity;
};

} // namespace subscope::ui
