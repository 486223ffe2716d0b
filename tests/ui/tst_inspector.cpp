// The traffic inspector: every frame of the embedded server and of the client panels, in order,
// with direction, type and operation id; filters that narrow; JSONL export that reads back as
// the same frames; pause and clear; appends that reach the view in batches.
#include "explorer_fixture.h"
#include "graphql/json_value.h"
#include "inspector/traffic_inspector.h"
#include "inspector/traffic_model.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>

using namespace subscope;
using namespace subscope::ui;

namespace {

constexpr int Timeout = test::UiTimeout;

struct Row
{
    QString direction; // "C → S" / "S → C"
    QString type;
    QString id;
    QString toString() const
    {
        return direction + ' ' + type + (id.isEmpty() ? QString() : QStringLiteral(" #") + id);
    }
};

// The rows of one connection (its index), as the table shows them, oldest first.
QStringList rowsOf(TrafficModel *model, uint32_t connection)
{
    model->flush();
    QStringList rows;
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto cell = [&](int column) { return model->index(row, column).data().toString(); };
        const int record = model->recordAt(row);
        if (model->store().at(size_t(record)).connection != connection) continue;
        rows << Row{cell(TrafficModel::DirectionColumn), cell(TrafficModel::TypeColumn),
                    cell(TrafficModel::OperationColumn)}
                    .toString();
    }
    return rows;
}

int connectionNamed(TrafficModel *model, const QString &prefix)
{
    const QStringList names = model->connectionNames();
    for (int i = names.size() - 1; i >= 0; --i)
        if (names[i].startsWith(prefix)) return i;
    return -1;
}

// Without the keepalives, whose timing is the server's business.
QStringList withoutKeepalives(QStringList rows)
{
    rows.removeIf([](const QString &r) {
        return r.endsWith(QLatin1String(" ping")) || r.endsWith(QLatin1String(" pong")) ||
               r.endsWith(QLatin1String(" ka"));
    });
    return rows;
}

} // namespace

class TestInspector : public QObject
{
    Q_OBJECT
    std::unique_ptr<MainWindow> window;
    TrafficModel *traffic() { return window->traffic(); }

    // A scripted session on one panel: subscribe, register ack, an event, a failing request,
    // stop, and the panel disconnects.
    void scriptedSession(ConnectionSettings::Protocol protocol)
    {
        ClientPanel *panel = test::readyPanel(*window, protocol);
        QVERIFY(panel);
        const int row = test::subscribeAndRegister(panel, "subscription { myModelCreated { id } }");
        QVERIFY(row >= 0);
        test::fireGroup(window->triggerPanel(), "MyModelCreated", "{\"id\": 1}");
        QTRY_COMPARE_WITH_TIMEOUT(
            panel->operations()->index(row, OperationsModel::EventsColumn).data().toString(),
            QStringLiteral("1"), Timeout);
        panel->setQuery("subscription { nope }");
        QVERIFY(panel->subscribe());
        QTRY_COMPARE_WITH_TIMEOUT(panel->operations()->state(row + 1),
                                  protocol::OperationState::Error, Timeout);
        panel->stopOperation(row);
        QTRY_COMPARE_WITH_TIMEOUT(panel->operations()->state(row),
                                  protocol::OperationState::Completed, Timeout);
        QTest::qWait(100); // the server's complete
        panel->disconnectFromServer();
        QTRY_COMPARE_WITH_TIMEOUT(panel->connection().state(), ClientConnection::State::Closed,
                                  Timeout);
    }

private slots:
    void init() { window = test::explorerWindow(); }
    void cleanup() { window.reset(); }

    // Every frame of a scripted session, both subprotocols, both ends, in order (W2 vocabulary,
    // W14 ack, W21 event, W12 errors, W26 complete, a 1000 close).
    void inspectorShowsEveryFrameInOrder_data()
    {
        QTest::addColumn<int>("protocol");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("graphql-transport-ws")
            << int(ConnectionSettings::Protocol::TransportWs)
            << QStringList{"C → S open",           "C → S connection_init",
                           "S → C connection_ack", "C → S subscribe #1",
                           "S → C next #1",        "S → C next #1",
                           "C → S subscribe #2",   "S → C next #2",
                           "C → S complete #1",    "S → C complete #1",
                           "C → S close"};
        QTest::newRow("graphql-ws") << int(ConnectionSettings::Protocol::LegacyWs)
                                    << QStringList{"C → S open",
                                                   "C → S connection_init",
                                                   "S → C connection_ack",
                                                   "C → S start #1",
                                                   "S → C data #1",
                                                   "S → C data #1",
                                                   "C → S start #2",
                                                   "S → C data #2",
                                                   "C → S stop #1",
                                                   "S → C complete #1",
                                                   "C → S connection_terminate",
                                                   "C → S close"};
    }
    void inspectorShowsEveryFrameInOrder()
    {
        QFETCH(int, protocol);
        QFETCH(QStringList, expected);
        QVERIFY(window->server().start());
        scriptedSession(ConnectionSettings::Protocol(protocol));
        const int panel = connectionNamed(traffic(), "Panel 1 · ws://127.0.0.1:");
        QVERIFY2(panel >= 0, qPrintable(traffic()->connectionNames().join('\n')));
        QTRY_COMPARE_WITH_TIMEOUT(withoutKeepalives(rowsOf(traffic(), uint32_t(panel))), expected,
                                  Timeout);
        // The server saw the same frames from its side (its own open comes with the upgrade).
        const int server = connectionNamed(traffic(), "server · socket 1 · 127.0.0.1:");
        QVERIFY2(server >= 0, qPrintable(traffic()->connectionNames().join('\n')));
        // graphql-ws: connection_terminate makes the server close too; either end may be first.
        const auto closeFromEitherEnd = [](QStringList rows) {
            if (!rows.isEmpty() && rows.last().endsWith(QLatin1String(" close")))
                rows.last() = QStringLiteral("close");
            return rows;
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            closeFromEitherEnd(withoutKeepalives(rowsOf(traffic(), uint32_t(server)))),
            closeFromEitherEnd(expected), Timeout);
        // The subprotocol column says what was negotiated.
        const QString name = QTest::currentDataTag();
        QCOMPARE(traffic()
                     ->index(traffic()->rowCount() - 1, TrafficModel::SubprotocolColumn)
                     .data()
                     .toString(),
                 name);
        // The register ack's summary is in words; the close says its code.
        bool ackInWords = false, closeInWords = false;
        for (int row = 0; row < traffic()->rowCount(); ++row) {
            const QString summary =
                traffic()->index(row, TrafficModel::SummaryColumn).data().toString();
            ackInWords |=
                summary == QStringLiteral("register ack · MyModelCreated · subscribe: true");
            closeInWords |= summary.startsWith(QLatin1String("1000 Normal closure"));
        }
        QVERIFY(ackInWords);
        QVERIFY(closeInWords);
    }

    // Each filter narrows to exactly the frames it names, and they combine.
    void inspectorFiltersNarrow()
    {
        QVERIFY(window->server().start());
        scriptedSession(ConnectionSettings::Protocol::TransportWs);
        scriptedSession(ConnectionSettings::Protocol::LegacyWs);
        TrafficModel *model = traffic();
        model->flush();
        const size_t total = model->recordedCount();
        QVERIFY(total > 40);
        auto *inspector = window->inspector();
        auto *text = inspector->findChild<QLineEdit *>(QStringLiteral("inspectorFilter"));
        auto *type = inspector->findChild<QComboBox *>(QStringLiteral("inspectorTypeFilter"));
        auto *connection =
            inspector->findChild<QComboBox *>(QStringLiteral("inspectorConnectionFilter"));
        auto *direction =
            inspector->findChild<QComboBox *>(QStringLiteral("inspectorDirectionFilter"));
        const auto countWhere = [&](auto predicate) {
            int n = 0;
            for (size_t i = 0; i < total; ++i)
                n += predicate(i) ? 1 : 0;
            return n;
        };
        const auto shownAll = [&](auto predicate) {
            for (int row = 0; row < model->rowCount(); ++row)
                if (!predicate(size_t(model->recordAt(row)))) return false;
            return true;
        };

        text->setText(QStringLiteral("MYMODELCREATED")); // case does not matter
        QTest::keyClick(text, Qt::Key_Return);
        const auto hasText = [&](size_t i) {
            return QString::fromUtf8(model->store().bytes(i).toByteArray())
                       .contains(QLatin1String("mymodelcreated"), Qt::CaseInsensitive) ||
                   model->connectionName(model->store().at(i).connection)
                       .contains(QLatin1String("mymodelcreated"), Qt::CaseInsensitive);
        };
        QCOMPARE(model->rowCount(), countWhere(hasText));
        QVERIFY(model->rowCount() > 0 && size_t(model->rowCount()) < total);
        text->clear();
        QTest::keyClick(text, Qt::Key_Return);
        QCOMPARE(size_t(model->rowCount()), total);

        type->setCurrentText(QStringLiteral("subscribe"));
        const auto isSubscribe = [&](size_t i) { return model->store().type(i) == "subscribe"; };
        QCOMPARE(model->rowCount(), countWhere(isSubscribe));
        QCOMPARE(model->rowCount(), 4); // two per transport-ws panel session, both ends
        QVERIFY(shownAll(isSubscribe));
        type->setCurrentIndex(0);

        connection->setCurrentIndex(connectionNamed(model, "Panel 2") + 1);
        const uint32_t panel2 = uint32_t(connectionNamed(model, "Panel 2"));
        const auto ofPanel2 = [&](size_t i) { return model->store().at(i).connection == panel2; };
        QCOMPARE(model->rowCount(), countWhere(ofPanel2));
        QVERIFY(shownAll(ofPanel2));

        direction->setCurrentIndex(2); // server → client, and still Panel 2
        const auto fromServer = [&](size_t i) {
            return ofPanel2(i) && model->store().at(i).direction == FrameDirection::ServerToClient;
        };
        QCOMPARE(model->rowCount(), countWhere(fromServer));
        QVERIFY(shownAll(fromServer));
        QCOMPARE(model->rowCount(), 5); // ack, register ack, event, errors, complete

        // New frames that match arrive; others do not.
        direction->setCurrentIndex(0);
        connection->setCurrentIndex(0);
        type->setCurrentText(QStringLiteral("next"));
        const int nexts = model->rowCount();
        ClientPanel *panel = test::readyPanel(*window, ConnectionSettings::Protocol::TransportWs);
        QVERIFY(panel);
        QVERIFY(test::subscribeAndRegister(panel, "subscription { myCustomEvent { field1 } }") >=
                0);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), nexts + 2, Timeout); // the ack, both ends
    }

    // Export writes one JSON object a line that reads back as the same frames.
    void inspectorExportReadsBackAsTheSameFrames()
    {
        QVERIFY(window->server().start());
        scriptedSession(ConnectionSettings::Protocol::LegacyWs);
        TrafficModel *model = traffic();
        model->flush();
        QTemporaryDir dir;
        const QString all = dir.filePath(QStringLiteral("all.jsonl"));
        QVERIFY(window->inspector()->exportTo(all, false));
        QFile file(all);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size() - 1, int(model->recordedCount())); // and a final newline
        for (size_t i = 0; i < model->recordedCount(); ++i) {
            graphql::JsonValue line;
            QVERIFY2(graphql::JsonValue::fromJson(lines[int(i)].toStdString(), &line),
                     lines[int(i)].constData());
            const FrameRecord &r = model->store().at(i);
            QCOMPARE(line.find("n")->toInt(), int64_t(i + 1));
            QCOMPARE(QString::fromStdString(line.find("connection")->toString()),
                     model->connectionName(r.connection));
            QCOMPARE(line.find("direction")->toString(),
                     r.direction == FrameDirection::ClientToServer ? "client-to-server"
                                                                   : "server-to-client");
            if (r.kind != FrameKind::Text) continue;
            graphql::JsonValue original;
            QVERIFY(graphql::JsonValue::fromJson(
                model->store().bytes(i).toByteArray().toStdString(), &original));
            QCOMPARE(*line.find("frame"), original);
            QCOMPARE(QString::fromStdString(line.find("type")->toString()), model->store().type(i));
            const graphql::JsonValue *id = line.find("id");
            QCOMPARE(id ? QString::fromStdString(id->toString()) : QString(),
                     model->store().operationId(i));
        }

        // The selection only, in capture order.
        QTreeView *view = window->inspector()->view();
        view->selectionModel()->select(model->index(3, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        view->selectionModel()->select(model->index(1, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QString some = dir.filePath(QStringLiteral("some.jsonl"));
        QVERIFY(window->inspector()->exportTo(some, true));
        QFile selected(some);
        QVERIFY(selected.open(QIODevice::ReadOnly));
        const QList<QByteArray> two = selected.readAll().trimmed().split('\n');
        QCOMPARE(two.size(), 2);
        QVERIFY(two[0].startsWith("{\"n\":2,"));
        QVERIFY(two[1].startsWith("{\"n\":4,"));
        // A file that cannot be written says so.
        QVERIFY(!window->inspector()->exportTo(dir.filePath("no/such/dir/x.jsonl"), false));
        QVERIFY(window->inspector()
                    ->findChild<QLabel *>(QStringLiteral("inspectorCounts"))
                    ->text()
                    .startsWith("Could not write"));
    }

    // Pause keeps nothing (and counts it); Clear empties the table.
    void inspectorPauseAndClear()
    {
        QVERIFY(window->server().start());
        auto *pause =
            window->inspector()->findChild<QToolButton *>(QStringLiteral("inspectorPauseButton"));
        pause->click();
        QVERIFY(traffic()->isPaused());
        QVERIFY(test::readyPanel(*window, ConnectionSettings::Protocol::TransportWs));
        traffic()->flush();
        QCOMPARE(traffic()->recordedCount(), size_t(0));
        QVERIFY(traffic()->notRecordedCount() >= 6); // open, init and ack, on both ends
        QVERIFY(window->inspector()
                    ->findChild<QLabel *>(QStringLiteral("inspectorCounts"))
                    ->text()
                    .contains("not recorded (paused)"));
        pause->click();
        ClientPanel *panel = test::readyPanel(*window, ConnectionSettings::Protocol::LegacyWs);
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(traffic()->rowCount() >= 6, Timeout);
        window->inspector()
            ->findChild<QToolButton *>(QStringLiteral("inspectorClearButton"))
            ->click();
        QCOMPARE(traffic()->rowCount(), 0);
        QCOMPARE(traffic()->recordedCount(), size_t(0));
        // Recording goes on after a clear.
        QVERIFY(test::subscribeAndRegister(panel, "subscription { myCustomEvent { field1 } }") >=
                0);
        QTRY_VERIFY_WITH_TIMEOUT(traffic()->rowCount() >= 4, Timeout);
    }

    // Wireshark's lesson: appends are cheap and reach the view in a few batches, not one
    // beginInsertRows each; a full capture counts what it could not keep.
    void inspectorAppendsInBatches()
    {
        TrafficModel *model = traffic();
        const uint32_t c = model->addConnection(QStringLiteral("synthetic"), QStringLiteral("x"));
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        const QByteArray frame = R"({"id":"1","type":"next","payload":{"data":{"a":1}}})";
        for (int i = 0; i < 50000; ++i)
            model->append(c, FrameDirection::ServerToClient, FrameKind::Text, frame);
        QCOMPARE(model->rowCount(), 0); // not yet flushed
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 50000, Timeout);
        QCOMPARE(inserted.count(), 1);
        model->setCapacity(50010);
        for (int i = 0; i < 20; ++i)
            model->append(c, FrameDirection::ServerToClient, FrameKind::Text, frame);
        model->flush();
        QCOMPARE(model->recordedCount(), size_t(50010));
        QCOMPARE(model->notRecordedCount(), uint64_t(10));
        QCOMPARE(model->index(50009, TrafficModel::TypeColumn).data().toString(),
                 QStringLiteral("next"));
    }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
