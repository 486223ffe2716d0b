// The groups view follows the embedded server live: joins (W13, W14), leaves (W15, W27),
// completes (W26) and disconnects, by row inserts and removals that keep what is expanded.
#include "explorer_fixture.h"
#include "groups/groups_model.h"
#include "groups/groups_pane.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTreeView>

using namespace subscope;
using namespace subscope::ui;

namespace {

constexpr int Timeout = test::UiTimeout;

// "Group: member, member | Group: ..." with members as "s<socket>/<op>=<key>(<subprotocol>)".
QString tree(const GroupsModel *model)
{
    QStringList groups;
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        QStringList members;
        for (int m = 0; m < model->rowCount(group); ++m) {
            const auto cell = [&](int column) {
                return model->index(m, column, group).data().toString();
            };
            QString name = cell(GroupsModel::NameColumn);
            name.replace(QStringLiteral("socket "), QStringLiteral("s"))
                .replace(QStringLiteral(" · operation "), QStringLiteral("/"));
            members << name + '=' + cell(GroupsModel::KeyColumn) + '(' +
                           cell(GroupsModel::ProtocolColumn) + ')';
            if (!cell(GroupsModel::PeerColumn).startsWith(QLatin1String("127.0.0.1:")))
                return QStringLiteral("bad peer");
        }
        groups << group.data().toString() + ": " + members.join(QStringLiteral(", "));
    }
    return groups.join(QStringLiteral(" | "));
}

} // namespace

class TestGroups : public QObject
{
    Q_OBJECT
    std::unique_ptr<MainWindow> window;

private slots:
    void init() { window = test::explorerWindow(); }
    void cleanup() { window.reset(); }

    void groupsFollowJoinsLeavesCompletesAndDisconnects()
    {
        GroupsPane *pane = window->groups();
        GroupsModel *model = pane->model();
        auto *counts = pane->findChild<QLabel *>(QStringLiteral("groupsCounts"));
        QCOMPARE(counts->text(), QStringLiteral("The embedded server is not running"));
        QVERIFY(window->server().start());
        QTRY_COMPARE_WITH_TIMEOUT(counts->text(), QStringLiteral("No group has a member yet"),
                                  Timeout);
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);

        ClientPanel *a = test::readyPanel(*window, ConnectionSettings::Protocol::TransportWs);
        QVERIFY(a);
        const int opA = test::subscribeAndRegister(a, "subscription { myModelCreated { id } }");
        QVERIFY(opA >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(tree(model),
                                  QStringLiteral("MyModelCreated (1): "
                                                 "s1/1=myModelCreated(graphql-transport-ws)"),
                                  Timeout);
        QVERIFY(pane->view()->isExpanded(model->index(0, 0)));

        // W13: one operation in three groups, under its alias.
        ClientPanel *b = test::readyPanel(*window, ConnectionSettings::Protocol::LegacyWs);
        QVERIFY(b);
        const int opB = test::subscribeAndRegister(
            b, "subscription { m: myModelCreatedUpdateDelete(id: \"5\") { id } }");
        QVERIFY(opB >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(
            tree(model),
            QStringLiteral("MyModelCreated (2): s1/1=myModelCreated(graphql-transport-ws), "
                           "s2/1=m(graphql-ws) | MyModelDeleted.5 (1): s2/1=m(graphql-ws) | "
                           "MyModelUpdated.5 (1): s2/1=m(graphql-ws)"),
            Timeout);
        QCOMPARE(counts->text(), QStringLiteral("3 groups · 4 members"));

        // W15, W27: leaving one group under the same id keeps the others.
        b->setQuery("subscription { m: myModelUpdated(id: \"5\", subscribe: false) { id } }");
        b->selectOperation(opB);
        QVERIFY(b->sendOnSelected());
        QTRY_COMPARE_WITH_TIMEOUT(
            tree(model),
            QStringLiteral("MyModelCreated (2): s1/1=myModelCreated(graphql-transport-ws), "
                           "s2/1=m(graphql-ws) | MyModelDeleted.5 (1): s2/1=m(graphql-ws)"),
            Timeout);

        // W26: complete takes the operation out of all its groups; the others stay expanded.
        a->stopOperation(opA);
        QTRY_COMPARE_WITH_TIMEOUT(tree(model),
                                  QStringLiteral("MyModelCreated (1): s2/1=m(graphql-ws) | "
                                                 "MyModelDeleted.5 (1): s2/1=m(graphql-ws)"),
                                  Timeout);
        QVERIFY(pane->view()->isExpanded(model->index(0, 0)));

        // Closing the socket removes the rest.
        b->disconnectFromServer();
        QTRY_COMPARE_WITH_TIMEOUT(tree(model), QString(), Timeout);
        QCOMPARE(counts->text(), QStringLiteral("No group has a member yet"));
        QCOMPARE(resets.count(), 0); // row by row, never a reset

        // Stopping the server empties it.
        QVERIFY(test::subscribeAndRegister(a, "subscription { myModelCreated { id } }") >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 1, Timeout);
        window->server().stop();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(counts->text(),
                                  QStringLiteral("The embedded server is not running"), Timeout);
    }
};

QTEST_MAIN(TestGroups)
#include "tst_groups.moc"
