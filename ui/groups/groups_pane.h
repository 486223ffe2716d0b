#pragma once

#include <QWidget>

class QLabel;
class QTreeView;

namespace subscope::ui {

class EmbeddedServer;
class GroupsModel;

// The groups view: which operations of which sockets are in which group of the embedded
// server, live. New groups open expanded.
class GroupsPane : public QWidget
{
    Q_OBJECT
public:
    explicit GroupsPane(EmbeddedServer &server, QWidget *parent = nullptr);

    GroupsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

private:
    void showCounts();

    EmbeddedServer &m_server;
    GroupsModel *m_model;
    QTreeView *m_view;
    QLabel *m_counts;
};

} // namespace subscope::ui
