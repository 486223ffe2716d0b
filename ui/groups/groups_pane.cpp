#include "groups_pane.h"

#include "embedded/embedded_server.h"
#include "groups_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace subscope::ui {

GroupsPane::GroupsPane(EmbeddedServer &server, QWidget *parent)
    : QWidget(parent)
    , m_server(server)
    , m_model(new GroupsModel(server, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("groupsCounts"));
    m_counts->setWordWrap(true);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("groupsView"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    // The names first: a narrow dock scrolls sideways rather than eliding them.
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    layout->addWidget(m_counts);
    layout->addWidget(m_view, 1);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    for (int row = first; row <= last; ++row)
                        m_view->expand(m_model->index(row, 0));
                showCounts();
            });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &GroupsPane::showCounts);
    connect(&m_server, &EmbeddedServer::stateChanged, this, &GroupsPane::showCounts);
    m_view->expandAll();
    showCounts();
}

void GroupsPane::showCounts()
{
    if (!m_server.isRunning()) {
        m_counts->setText(tr("The embedded server is not running"));
        return;
    }
    const int groups = m_model->rowCount();
    const int members = m_model->memberCount();
    m_counts->setText(groups == 0 ? tr("No group has a member yet")
                                  : tr("%1 %2 · %3 %4")
                                        .arg(groups)
                                        .arg(groups == 1 ? tr("group") : tr("groups"))
                                        .arg(members)
                                        .arg(members == 1 ? tr("member") : tr("members")));
}

} // namespace subscope::ui
