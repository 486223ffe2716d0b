// The explorer driven through its real widgets (offscreen): the embedded server, client panels
// with both subprotocols, register / unregister acks (W14, W15), events (W21) fired from the
// trigger panel in group and model mode (W22, W23, W24), Stop (W26), sending on a running
// operation (W27), close codes in words, completion and underlined errors in the editor, and a
// panel against a second, headless Subscope process.
#include "client/client_panel.h"
#include "client/event_stream_model.h"
#include "client/operations_model.h"
#include "editor/graphql_editor.h"
#include "editor/json_editor.h"
#include "embedded/server_dock.h"
#include "explorer_fixture.h"
#include "main_window.h"
#include "support/headless_process.h"
#include "support/net_clients.h"
#include "support/redis_server.h"
#include "trigger/trigger_panel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <optional>

using namespace subscope;
using namespace subscope::ui;
using RowKind = EventStreamModel::RowKind;

namespace {

constexpr int Timeout = test::UiTimeout;

QList<RowKind> kinds(const EventStreamModel *stream)
{
    QList<RowKind> list;
    for (int row = 0; row < stream->rowCount(); ++row)
        list << stream->index(row, 0).data(EventStreamModel::KindRole).value<RowKind>();
    return list;
}

int rowOfKind(const EventStreamModel *stream, RowKind kind)
{
    for (int row = 0; row < stream->rowCount(); ++row)
        if (stream->index(row, 0).data(EventStreamModel::KindRole).value<RowKind>() == kind)
            return row;
    return -1;
}

QString cell(const QAbstractItemModel *model, int row, int column)
{
    return model->index(row, column).data().toString();
}

// A server that accepts the handshake and closes at once with a given code, for the status
// line's words.
struct ClosingServer
{
    QWebSocketServer server{QStringLiteral("closing"), QWebSocketServer::NonSecureMode};
    explicit ClosingServer(int code, const QString &reason)
    {
        server.setSupportedSubprotocols({QStringLiteral("graphql-transport-ws")});
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QWebSocketServer::newConnection, &server, [this, code, reason] {
            QWebSocket *socket = server.nextPendingConnection();
            socket->setParent(&server); // not deleted with the server otherwise
            QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                             [socket, code, reason] {
                                 socket->close(QWebSocketProtocol::CloseCode(code), reason);
                             });
        });
    }
    QString url() const
    {
        return QStringLiteral("ws://127.0.0.1:%1/graphql/").arg(server.serverPort());
    }
};

// A server that records what a client sends and how it closes, and never acknowledges.
struct RecordingServer
{
    QWebSocketServer server{QStringLiteral("recording"), QWebSocketServer::NonSecureMode};
    QStringList frames;
    std::optional<int> closeCode;
    RecordingServer()
    {
        server.setSupportedSubprotocols({QStringLiteral("graphql-ws")});
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QWebSocketServer::newConnection, &server, [this] {
            QWebSocket *socket = server.nextPendingConnection();
            socket->setParent(&server); // not deleted with the server otherwise
            QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                             [this](const QString &text) { frames << text; });
            QObject::connect(socket, &QWebSocket::disconnected, socket, [this, socket] {
                closeCode = int(socket->closeCode());
                socket->deleteLater();
            });
        });
    }
    QString url() const
    {
        return QStringLiteral("ws://127.0.0.1:%1/graphql/").arg(server.serverPort());
    }
};

} // namespace

class TestExplorer : public QObject
{
    Q_OBJECT

    std::unique_ptr<MainWindow> window;

    TriggerPanel *trigger() { return window->triggerPanel(); }

    ClientPanel *readyPanel(ConnectionSettings::Protocol protocol)
    {
        return test::readyPanel(*window, protocol);
    }
    int subscribeAndRegister(ClientPanel *panel, const QString &query)
    {
        return test::subscribeAndRegister(panel, query);
    }
    void fireGroup(const QString &group, const QString &value)
    {
        test::fireGroup(trigger(), group, value);
    }

private slots:
    void init() { window = test::explorerWindow(); }
    void cleanup() { window.reset(); }

    void startsWithAWorkingSubscription()
    {
        window->startDemoSession();
        QVERIFY(window->server().isRunning());
        QCOMPARE(window->panelCount(), 1);
        ClientPanel *panel = window->panel(0);
        QCOMPARE(panel->url(), window->server().websocketUrl());
        QTRY_VERIFY_WITH_TIMEOUT(panel->operations()->rowCount() == 1 &&
                                     panel->operations()->state(0) ==
                                         protocol::OperationState::Registered,
                                 Timeout);
        EventStreamModel *stream = panel->operations()->stream(0);
        stream->flush();
        const int ack = rowOfKind(stream, RowKind::RegisterAck);
        QVERIFY(ack >= 0);
        QVERIFY2(cell(stream, ack, EventStreamModel::SummaryColumn).contains("MyModelCreated"),
                 qPrintable(cell(stream, ack, EventStreamModel::SummaryColumn)));
        // The trigger panel is filled in: one click fires an event that arrives.
        QTest::mouseClick(trigger()->findChild<QPushButton *>(QStringLiteral("fireButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            panel->operations()->index(0, OperationsModel::EventsColumn).data() == "1", Timeout);
    }

    void subscribeFireStopAndUnsubscribe_data()
    {
        QTest::addColumn<int>("protocol");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("flag"); // the package's clients still send the legacy spelling
        QTest::newRow("graphql-transport-ws")
            << int(ConnectionSettings::Protocol::TransportWs) << "graphql-transport-ws"
            << "subscribe";
        QTest::newRow("graphql-ws") << int(ConnectionSettings::Protocol::LegacyWs) << "graphql-ws"
                                    << "subscripe";
    }
    // W14, W21, W26, W27, W15 through the widgets, with each subprotocol.
    void subscribeFireStopAndUnsubscribe()
    {
        QFETCH(int, protocol);
        QFETCH(QString, name);
        QFETCH(QString, flag);
        QVERIFY(window->server().start());
        ClientPanel *panel = readyPanel(ConnectionSettings::Protocol(protocol));
        QVERIFY(panel);
        QVERIFY2(panel->statusText().startsWith("Ready (" + name + ")"),
                 qPrintable(panel->statusText()));

        // W14: the register ack row, with the groups of extensions.cyparta.
        const int row = subscribeAndRegister(panel, "subscription { myModelUpdated(id: \"5\", " +
                                                        flag + ": true) { id name } }");
        QVERIFY(row >= 0);
        OperationsModel *ops = panel->operations();
        QCOMPARE(cell(ops, row, OperationsModel::GroupsColumn), QStringLiteral("MyModelUpdated.5"));
        EventStreamModel *stream = ops->stream(row);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(stream, RowKind::RegisterAck) >= 0, Timeout);
        QVERIFY(
            cell(stream, rowOfKind(stream, RowKind::RegisterAck), EventStreamModel::SummaryColumn)
                .contains("register · groups: MyModelUpdated.5 · subscribe: true"));
        QCOMPARE(kinds(stream).first(), RowKind::Sent);

        // W21: an event fired from the trigger panel arrives in the stream.
        fireGroup("MyModelUpdated.5", "{\"id\": 5, \"name\": \"five\"}");
        QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(stream, RowKind::Event) >= 0, Timeout);
        const int event = rowOfKind(stream, RowKind::Event);
        QCOMPARE(cell(stream, event, EventStreamModel::SummaryColumn),
                 QStringLiteral("{\"myModelUpdated\":{\"id\":5,\"name\":\"five\"}}"));
        QVERIFY(stream->index(event, 0)
                    .data(EventStreamModel::PrettyJsonRole)
                    .toString()
                    .contains("\n  \"id\": "));
        QCOMPARE(cell(ops, row, OperationsModel::EventsColumn), QStringLiteral("1"));
        QVERIFY(trigger()->resultText().contains("1 frame queued"));

        // W27, W15: the same id with subscribe: false leaves the group; the operation stays.
        panel->setQuery("subscription { myModelUpdated(id: \"5\", " + flag +
                        ": false) { id name } }");
        panel->selectOperation(row);
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("sendOnSelectedButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(stream, RowKind::UnregisterAck) >= 0, Timeout);
        QVERIFY(
            cell(stream, rowOfKind(stream, RowKind::UnregisterAck), EventStreamModel::SummaryColumn)
                .contains("unregister · groups: MyModelUpdated.5 · subscribe: false"));
        QTRY_COMPARE_WITH_TIMEOUT(ops->state(row), protocol::OperationState::Unregistered, Timeout);
        QCOMPARE(cell(ops, row, OperationsModel::GroupsColumn), QString());
        fireGroup("MyModelUpdated.5", "{\"id\": 5}");
        QVERIFY(trigger()->resultText().contains("0 frames queued"));

        // W26: Stop sends complete / stop; the server answers complete.
        auto *stop = qobject_cast<QPushButton *>(
            panel->findChild<QTableView *>(QStringLiteral("operationsView"))
                ->indexWidget(ops->index(row, OperationsModel::StopColumn)));
        QVERIFY(stop);
        QTest::mouseClick(stop, Qt::LeftButton);
        QCOMPARE(ops->state(row), protocol::OperationState::Completed);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(stream, RowKind::Complete) >= 0, Timeout);
        QVERIFY(!ops->isActive(row));
        QCOMPARE(window->server().figures().operations, size_t(0));
    }

    // W27, W12: a failed request on a registered operation leaves it in its group on the server,
    // so it stays active here with its Stop button, and events keep arriving.
    void failedSendOnSelectedKeepsOperation()
    {
        QVERIFY(window->server().start());
        ClientPanel *panel = readyPanel(ConnectionSettings::Protocol::TransportWs);
        QVERIFY(panel);
        OperationsModel *ops = panel->operations();
        const int row = subscribeAndRegister(panel, "subscription { myModelCreated { id } }");
        QVERIFY(row >= 0);
        EventStreamModel *stream = ops->stream(row);
        panel->setQuery("subscription { myModelCreated { nope } }");
        panel->selectOperation(row);
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("sendOnSelectedButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(stream, RowKind::Errors) >= 0, Timeout);
        QCOMPARE(ops->state(row), protocol::OperationState::Registered);
        QVERIFY(ops->isActive(row));
        QCOMPARE(cell(ops, row, OperationsModel::StateColumn),
                 QStringLiteral("registered, last request failed"));
        QVERIFY(ops->index(row, OperationsModel::StateColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains("Cannot query field 'nope'"));
        QVERIFY(panel->findChild<QTableView *>(QStringLiteral("operationsView"))
                    ->indexWidget(ops->index(row, OperationsModel::StopColumn)));
        QCOMPARE(cell(ops, row, OperationsModel::GroupsColumn), QStringLiteral("MyModelCreated"));
        fireGroup("MyModelCreated", "{\"id\": 1}");
        QVERIFY(trigger()->resultText().contains("1 frame queued"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(ops, row, OperationsModel::EventsColumn),
                                  QStringLiteral("1"), Timeout);
    }

    // Several operations per panel: clicking a row shows its stream; Remove ended keeps the
    // running ones; Ctrl+Enter while disconnected adds nothing.
    void severalOperationsPerPanel()
    {
        ClientPanel *offline = window->addPanel();
        QVERIFY(!offline->subscribe());
        QCOMPARE(offline->operations()->rowCount(), 0);
        QVERIFY2(offline->statusText().contains("Not connected"),
                 qPrintable(offline->statusText()));

        QVERIFY(window->server().start());
        ClientPanel *panel = readyPanel(ConnectionSettings::Protocol::TransportWs);
        QVERIFY(panel);
        const int a = subscribeAndRegister(panel, "subscription { myModelCreated { id } }");
        const int b = subscribeAndRegister(panel, "subscription { myCustomEvent { field1 } }");
        QVERIFY(a == 0 && b == 1);
        QCOMPARE(panel->currentStream(), panel->operations()->stream(b));
        auto *view = panel->findChild<QTableView *>(QStringLiteral("operationsView"));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(panel->operations()->index(a, 0)).center());
        QCOMPARE(panel->currentStream(), panel->operations()->stream(a));

        panel->stopOperation(b);
        panel->selectOperation(b);
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("removeEndedButton")),
                          Qt::LeftButton);
        QCOMPARE(panel->operations()->rowCount(), 1);
        QCOMPARE(panel->currentStream(), panel->operations()->stream(0));
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("clearStreamButton")),
                          Qt::LeftButton);
        QCOMPARE(panel->currentStream()->rowCount(), 0);
        fireGroup("MyModelCreated", "{\"id\": 1}");
        QTRY_COMPARE_WITH_TIMEOUT(panel->currentStream()->rowCount(), 1, Timeout);
    }

    // W22-W24: the model form builds the shape and the group; W23 keeps the requested fields.
    void modelModeFiresAnUpdate()
    {
        QVERIFY(window->server().start());
        ClientPanel *panel = readyPanel(ConnectionSettings::Protocol::Auto);
        QVERIFY(panel);
        const int row = subscribeAndRegister(
            panel, "subscription { myModelUpdated(id: \"7\", subscribe: true) { name } }");
        QVERIFY(row >= 0);
        trigger()->setMode(TriggerPanel::Mode::Model);
        trigger()->setModel("MyModel");
        trigger()->setAction("update");
        trigger()->setPk("7");
        QVERIFY(trigger()->setFieldValue("name", "seven"));
        QVERIFY(trigger()->setFieldValue("age", "70"));
        QCOMPARE(
            trigger()->findChild<QLabel *>(QStringLiteral("modelPreview"))->text(),
            QStringLiteral(
                "→ MyModelUpdated.7: {\"pk\":7,\"fields\":{\"name\":\"seven\",\"age\":70,\"id\":7},"
                "\"group\":\"MyModelUpdated.7\"}"));
        QVERIFY(trigger()->fire());
        EventStreamModel *stream = panel->operations()->stream(row);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(stream, RowKind::Event) >= 0, Timeout);
        QCOMPARE(cell(stream, rowOfKind(stream, RowKind::Event), EventStreamModel::SummaryColumn),
                 QStringLiteral("{\"myModelUpdated\":{\"pk\":7,\"fields\":{\"name\":\"seven\"},"
                                "\"group\":\"MyModelUpdated.7\"}}"));
        QCOMPARE(trigger()->history()->count(), 1);

        // A wrong field value is refused with the engine's words, and nothing is sent.
        QVERIFY(trigger()->setFieldValue("age", "old"));
        QVERIFY(trigger()->fire());
        QVERIFY2(trigger()->resultText().contains("Int cannot represent non-integer value: 'old'"),
                 qPrintable(trigger()->resultText()));
        QCOMPARE(panel->operations()->index(row, OperationsModel::EventsColumn).data().toString(),
                 QStringLiteral("1"));
    }

    void repeatFiresNTimesAndHistoryFiresAgain()
    {
        QVERIFY(window->server().start());
        ClientPanel *panel = readyPanel(ConnectionSettings::Protocol::TransportWs);
        QVERIFY(panel);
        const int row =
            subscribeAndRegister(panel, "subscription { myCustomEvent { field1 field2 } }");
        QVERIFY(row >= 0);
        trigger()->setMode(TriggerPanel::Mode::Group);
        trigger()->setGroup("custom_event");
        trigger()->setValue("{\"field1\": \"n{{n}}\", \"field2\": {{n}}}");
        trigger()->setRepeat(5, 200);
        QVERIFY(trigger()->fire());
        QTRY_VERIFY_WITH_TIMEOUT(!trigger()->isRepeating(), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(cell(panel->operations(), row, OperationsModel::EventsColumn),
                                  QStringLiteral("5"), Timeout);
        EventStreamModel *stream = panel->operations()->stream(row);
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(stream, stream->rowCount() - 1, EventStreamModel::SummaryColumn) ==
                "{\"myCustomEvent\":{\"field1\":\"n5\",\"field2\":5}}",
            Timeout);
        QCOMPARE(trigger()->history()->count(), 5);
        QListWidgetItem *first = trigger()->history()->item(4);
        emit trigger()->history()->itemDoubleClicked(first);
        QTRY_COMPARE_WITH_TIMEOUT(cell(panel->operations(), row, OperationsModel::EventsColumn),
                                  QStringLiteral("6"), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(stream, stream->rowCount() - 1, EventStreamModel::SummaryColumn) ==
                "{\"myCustomEvent\":{\"field1\":\"n1\",\"field2\":1}}",
            Timeout);
    }

    // A repeat fires what the form said at Fire: editing the form meanwhile changes nothing of
    // it, and Ctrl+Shift+Enter (like the button) stops it rather than starting another.
    void repeatUsesTheFormAsFiredAndTheShortcutStopsIt()
    {
        QVERIFY(window->server().start());
        ClientPanel *panel = readyPanel(ConnectionSettings::Protocol::TransportWs);
        QVERIFY(panel);
        const int row = subscribeAndRegister(panel, "subscription { myCustomEvent { field2 } }");
        QVERIFY(row >= 0);
        trigger()->setMode(TriggerPanel::Mode::Group);
        trigger()->setGroup("custom_event");
        trigger()->setValue("{\"field2\": {{n}}}");
        trigger()->setRepeat(4, 50);
        QVERIFY(trigger()->fire());
        QVERIFY(trigger()->isRepeating());
        trigger()->setGroup("elsewhere");
        trigger()->setValue("{\"unclosed\": ");
        QTRY_VERIFY_WITH_TIMEOUT(!trigger()->isRepeating(), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(cell(panel->operations(), row, OperationsModel::EventsColumn),
                                  QStringLiteral("4"), Timeout);
        EventStreamModel *stream = panel->operations()->stream(row);
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(stream, stream->rowCount() - 1, EventStreamModel::SummaryColumn) ==
                "{\"myCustomEvent\":{\"field2\":4}}",
            Timeout);
        QCOMPARE(window->server().figures().triggers, uint64_t(4));

        trigger()->setGroup("custom_event");
        trigger()->setValue("{\"field2\": {{n}}}");
        trigger()->setRepeat(1000, 5);
        QTest::keyClick(window.get(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(trigger()->isRepeating());
        QTest::keyClick(window.get(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!trigger()->isRepeating());
        QCOMPARE(trigger()->findChild<QPushButton *>(QStringLiteral("fireButton"))->text(),
                 QStringLiteral("Fire"));
        QTest::qWait(400);
        QCOMPARE(window->server().figures().triggers, uint64_t(5));
    }

    // Model mode types each field by its schema type: a number typed into a String field is text,
    // {{n}} in an Int field is a number, and the pk follows the command line's rule.
    void modelFormTypesFieldsByTheSchema()
    {
        QVERIFY(window->server().start());
        ClientPanel *panel = readyPanel(ConnectionSettings::Protocol::TransportWs);
        QVERIFY(panel);
        const int row = subscribeAndRegister(panel, "subscription { myModelCreated { name age } }");
        QVERIFY(row >= 0);
        trigger()->useEmbeddedTarget();
        trigger()->setMode(TriggerPanel::Mode::Model);
        trigger()->setModel("MyModel");
        trigger()->setAction("create");
        trigger()->setPk("\"{{n}}\"");
        QVERIFY(trigger()->setFieldValue("name", "42"));
        QVERIFY(trigger()->setFieldValue("age", "{{n}}"));
        trigger()->setRepeat(2, 100);
        QVERIFY(trigger()->fire());
        EventStreamModel *stream = panel->operations()->stream(row);
        QTRY_COMPARE_WITH_TIMEOUT(cell(panel->operations(), row, OperationsModel::EventsColumn),
                                  QStringLiteral("2"), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(stream, stream->rowCount() - 1, EventStreamModel::SummaryColumn) ==
                "{\"myModelCreated\":{\"pk\":\"2\",\"fields\":{\"name\":\"42\",\"age\":2},"
                "\"group\":\"MyModelCreated\"}}",
            Timeout);
        // A pk that is neither an integer nor a string is the text, as `subscope trigger --pk`.
        trigger()->setPk("true");
        trigger()->setRepeat(1, 10);
        QVERIFY(trigger()->fire());
        QTRY_COMPARE_WITH_TIMEOUT(cell(panel->operations(), row, OperationsModel::EventsColumn),
                                  QStringLiteral("3"), Timeout);
        // The stream appends in batches, after the count: wait for the row too.
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(stream, stream->rowCount() - 1, EventStreamModel::SummaryColumn)
                .contains("\"pk\":\"true\""),
            Timeout);
    }

    // The HTTP target must be a headless Subscope's http(s) URL: anything else is refused with a
    // reason, and Fire (or the history) does not fall back to the embedded server.
    void httpTargetIsValidated()
    {
        QVERIFY(window->server().start());
        fireGroup("MyModelCreated", "1");
        QCOMPARE(window->server().figures().triggers, uint64_t(1));
        for (const char *bad : {"ws://127.0.0.1:8765/graphql/", "", "ftp://host/", "http://"}) {
            QVERIFY2(!trigger()->setHttpTarget(QString::fromLatin1(bad)), bad);
            QVERIFY2(!trigger()->resultText().isEmpty(), bad);
            QVERIFY(!trigger()->fire());
        }
        QVERIFY(trigger()->setHttpTarget("ws://127.0.0.1:1") == false);
        QVERIFY2(trigger()->resultText().contains("is a WebSocket URL"),
                 qPrintable(trigger()->resultText()));
        emit trigger()->history()->itemDoubleClicked(trigger()->history()->item(0));
        QVERIFY(trigger()->resultText().contains("is a WebSocket URL"));
        QCOMPARE(window->server().figures().triggers, uint64_t(1));
        auto *combo = trigger()->findChild<QComboBox *>(QStringLiteral("targetCombo"));
        QCOMPARE(combo->currentIndex(), 1);
        QVERIFY(trigger()->setHttpTarget("127.0.0.1:8765"));
        QCOMPARE(trigger()->sender().httpTarget(), QUrl("http://127.0.0.1:8765"));
        // A base path (a reverse proxy's prefix) is kept.
        QCOMPARE(endpointUrl(QUrl("http://h:1/sub/"), "/trigger"), QUrl("http://h:1/sub/trigger"));
        QCOMPARE(endpointUrl(QUrl("http://h:1"), "/models/M"), QUrl("http://h:1/models/M"));
        combo->setCurrentIndex(0);
        QVERIFY(trigger()->sender().httpTarget().isEmpty());
        QVERIFY(trigger()->resultText().isEmpty()); // the target's complaint went with it
        fireGroup("MyModelCreated", "2");
        QCOMPARE(window->server().figures().triggers, uint64_t(2));

        // A repeat whose target becomes unusable while it runs stops; nothing goes elsewhere.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        QVERIFY(trigger()->setHttpTarget(
            QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())));
        trigger()->setRepeat(5, 20);
        QVERIFY(trigger()->fire());
        QVERIFY(trigger()->isRepeating());
        QVERIFY(!trigger()->setHttpTarget("ws://nope"));
        QTRY_VERIFY_WITH_TIMEOUT(!trigger()->isRepeating(), Timeout);
        QVERIFY2(trigger()->resultText().contains("is a WebSocket URL"),
                 qPrintable(trigger()->resultText()));
        QCOMPARE(window->server().figures().triggers, uint64_t(2));

        // A URL typed and fired with Ctrl+Shift+Enter without leaving the field is the one used.
        QVERIFY(trigger()->setHttpTarget(
            QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())));
        auto *url = trigger()->findChild<QLineEdit *>(QStringLiteral("targetUrl"));
        url->setFocus();
        url->selectAll();
        QTest::keyClicks(url, "ws://typed");
        trigger()->setRepeat(1, 10);
        QTest::keyClick(window.get(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY2(trigger()->resultText().contains("'ws://typed' is a WebSocket URL"),
                 qPrintable(trigger()->resultText()));
        QCOMPARE(window->server().figures().triggers, uint64_t(2));
    }

    // The target field shows where events go: greyed, the embedded server's own URL (whatever
    // its port); the HTTP URL last chosen comes back when the HTTP target is picked again.
    void triggerTargetFieldShowsWhereEventsGo()
    {
        QVERIFY(window->server().start());
        auto *url = trigger()->findChild<QLineEdit *>(QStringLiteral("targetUrl"));
        auto *combo = trigger()->findChild<QComboBox *>(QStringLiteral("targetCombo"));
        QVERIFY(url && combo);
        QCOMPARE(url->text(), window->server().httpUrl());
        QVERIFY(!url->isEnabled());
        QVERIFY(trigger()->setHttpTarget(QStringLiteral("http://127.0.0.1:9")));
        combo->setCurrentIndex(0);
        QCOMPARE(url->text(), window->server().httpUrl());
        window->server().stop();
        QTRY_VERIFY_WITH_TIMEOUT(url->text().isEmpty(), Timeout);
        QVERIFY(url->placeholderText().contains(QStringLiteral("stopped")));
        combo->setCurrentIndex(1);
        QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:9"));
        QVERIFY(url->isEnabled());
        combo->setCurrentIndex(0);
    }

    void invalidTriggerInputIsRefusedWithAReason()
    {
        QVERIFY(window->server().start());
        fireGroup("bad group!", "1");
        QVERIFY2(trigger()->resultText().contains("'bad group!' is not a valid group name"),
                 qPrintable(trigger()->resultText()));
        fireGroup("MyModelCreated", "{\"unclosed\": ");
        QVERIFY2(trigger()->resultText().startsWith("The value is not valid JSON"),
                 qPrintable(trigger()->resultText()));
        QCOMPARE(window->server().figures().triggers, uint64_t(0));
    }

    // Closing a panel ends its connection properly: graphql-ws's connection_terminate and a
    // 1000 close frame reach the server before the panel goes.
    void closingAPanelClosesItsConnectionCleanly()
    {
        RecordingServer recording;
        const int before = window->panelCount();
        ClientPanel *panel = window->addPanel();
        panel->setUrl(recording.url());
        panel->setProtocol(ConnectionSettings::Protocol::LegacyWs);
        QVERIFY(panel->connectToServer());
        QTRY_COMPARE_WITH_TIMEOUT(panel->connection().state(), ClientConnection::State::AwaitingAck,
                                  Timeout);
        QPointer<ClientPanel> gone = panel;
        window->closePanel(window->panelCount() - 1);
        QCOMPARE(window->panelCount(), before);
        QTRY_VERIFY_WITH_TIMEOUT(recording.closeCode.has_value(), Timeout);
        QCOMPARE(*recording.closeCode, 1000);
        QCOMPARE(recording.frames, QStringList({"{\"type\":\"connection_init\"}",
                                                "{\"type\":\"connection_terminate\"}"}));
        QTRY_VERIFY_WITH_TIMEOUT(gone.isNull(), Timeout);
    }

    // A host that accepts the TCP connection and never answers the upgrade: the panel gives up
    // after the connect timeout and says so, instead of "Connecting…" for ever.
    void connectTimeoutOnASilentHost()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ClientConnection connection;
        ConnectionSettings settings;
        settings.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/graphql/").arg(silent.serverPort()));
        settings.connectTimeoutMs = 300;
        QString error;
        QVERIFY2(connection.open(settings, &error), qPrintable(error));
        QCOMPARE(connection.state(), ClientConnection::State::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ClientConnection::State::Failed, Timeout);
        QVERIFY2(connection.statusText().contains(
                     QStringLiteral("no answer from 127.0.0.1:%1 within 0.3 s")
                         .arg(silent.serverPort())),
                 qPrintable(connection.statusText()));
        // Closing while connecting is a plain disconnect, not a failure.
        QVERIFY(connection.open(settings, &error));
        connection.close();
        QCOMPARE(connection.state(), ClientConnection::State::Disconnected);
        QTest::qWait(500);
        QCOMPARE(connection.state(), ClientConnection::State::Disconnected);
    }

    void closeCodesAreShownInWords_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("4401") << 4401 << "Closed 4401: Unauthorized";
        QTest::newRow("4429") << 4429 << "Closed 4429: Too many initialisation requests";
    }
    void closeCodesAreShownInWords()
    {
        QFETCH(int, code);
        QFETCH(QString, expected);
        ClosingServer closing(code, QStringLiteral("reason from the server"));
        ClientPanel *panel = window->addPanel();
        panel->setUrl(closing.url());
        QVERIFY(panel->connectToServer());
        QTRY_COMPARE_WITH_TIMEOUT(panel->connection().state(), ClientConnection::State::Closed,
                                  Timeout);
        QVERIFY2(panel->statusText().startsWith(expected), qPrintable(panel->statusText()));
        QVERIFY(panel->statusText().contains("\"reason from the server\""));
        QVERIFY(panel->findChild<QLabel *>(QStringLiteral("statusLabel"))
                    ->text()
                    .contains(QString::number(code)));
    }

    void realCloseCodeFromTheEmbeddedServer()
    {
        // W1: nothing the server speaks is offered: 1002.
        QVERIFY(window->server().start());
        ClientPanel *panel = window->addPanel();
        QVERIFY(panel->connectToServer());
        QTRY_COMPARE_WITH_TIMEOUT(panel->connection().state(), ClientConnection::State::Ready,
                                  Timeout);
        window->server().stop();
        QTRY_COMPARE_WITH_TIMEOUT(panel->connection().state(), ClientConnection::State::Closed,
                                  Timeout);
        QVERIFY2(panel->statusText().startsWith("Closed 1001: Going away"),
                 qPrintable(panel->statusText()));
    }

    void badSettingsAreRefusedWithAReason()
    {
        ClientPanel *panel = window->addPanel();
        panel->setUrl("ftp://example.org/");
        QVERIFY(!panel->connectToServer());
        QVERIFY2(panel->statusText().contains("is not a WebSocket URL"),
                 qPrintable(panel->statusText()));
        panel->setUrl("ws://127.0.0.1:1/graphql/");
        panel->setInitPayload("[1, 2]");
        QVERIFY(!panel->connectToServer());
        QVERIFY2(panel->statusText().contains("must be a JSON object"),
                 qPrintable(panel->statusText()));
        panel->setInitPayload("");
        panel->setHeaders("Authorization Token abc");
        QVERIFY(!panel->connectToServer());
        QVERIFY2(panel->statusText().contains("Header line 1 is not"),
                 qPrintable(panel->statusText()));
        QCOMPARE(panel->connection().state(), ClientConnection::State::Disconnected);
    }

    void completionOffersTheSchemasFields()
    {
        ClientPanel *panel = window->addPanel();
        GraphqlEditor *editor = panel->editor();
        editor->setPlainText(QString());
        editor->setFocus();
        QTest::keyClicks(editor, "subscription { myModelU");
        QTRY_VERIFY_WITH_TIMEOUT(editor->completer()->popup()->isVisible(), Timeout);
        QStringList offered;
        for (int i = 0; i < editor->completer()->completionCount(); ++i) {
            editor->completer()->setCurrentRow(i);
            offered << editor->completer()->currentCompletion();
        }
        QCOMPARE(offered, QStringList{"myModelUpdated"});
        QTest::keyClick(editor->completer()->popup(), Qt::Key_Return);
        QCOMPARE(editor->toPlainText(), QStringLiteral("subscription { myModelUpdated"));

        // Completing inside a word replaces all of it.
        editor->setPlainText("subscription { myMoXYZ }");
        QTextCursor inside = editor->textCursor();
        inside.setPosition(19);
        editor->setTextCursor(inside);
        QVERIFY(editor->showCompletions().contains("myModelCreated"));
        emit editor->completer()->activated(QStringLiteral("myModelCreated"));
        QCOMPARE(editor->toPlainText(), QStringLiteral("subscription { myModelCreated }"));
        editor->setPlainText("subscription { myModelUpdated");
        editor->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor, "(");
        QTextCursor end = editor->textCursor();
        end.movePosition(QTextCursor::End);
        editor->setTextCursor(end);
        const QStringList arguments = editor->showCompletions();
        QCOMPARE(arguments, (QStringList{"id", "subscripe", "subscribe"}));
    }

    void validationErrorsAreUnderlined()
    {
        ClientPanel *panel = window->addPanel();
        const QString query = "subscription {\n  myModelCreated {\n    nope\n  }\n}\n";
        panel->setQuery(query);
        GraphqlEditor *editor = panel->editor();
        QCOMPARE(editor->problems().size(), 1);
        const TextProblem problem = editor->problems().first();
        QCOMPARE(problem.message,
                 QStringLiteral(
                     "Cannot query field 'nope' on type 'MyModelType'. Did you mean 'name'?"));
        QCOMPARE(problem.position, query.indexOf("nope"));
        QCOMPARE(problem.length, 4);
        QCOMPARE(problem.line, 3);
        const auto selections = editor->extraSelections();
        QCOMPARE(selections.size(), 1);
        QCOMPARE(selections.first().format.underlineStyle(), QTextCharFormat::WaveUnderline);
        QCOMPARE(selections.first().cursor.selectedText(), QStringLiteral("nope"));
        QVERIFY(panel->findChild<QLabel *>(QStringLiteral("problemsLabel"))
                    ->text()
                    .contains("3:5: Cannot query field"));

        // Typing fixes it: the underline goes once the document is valid.
        panel->setQuery("subscription { myModelCreated { name } }");
        QVERIFY(editor->problems().isEmpty());
        QVERIFY(editor->extraSelections().isEmpty());
    }

    void variablesAreCheckedAgainstTheOperation()
    {
        ClientPanel *panel = window->addPanel();
        panel->setQuery("subscription OnUpdate($id: String!) { myModelUpdated(id: $id) { id } }");
        panel->setVariables("{}");
        QCOMPARE(panel->variablesEditor()->problemLines(),
                 QStringList{"Variable '$id' of required type 'String!' was not provided."});
        panel->setVariables("{\"id\": ");
        QVERIFY(panel->variablesEditor()->problemLines().value(0).startsWith("2:1: Invalid JSON") ||
                panel->variablesEditor()->problemLines().value(0).startsWith("1:8: Invalid JSON"));
        panel->setVariables("{\"id\": \"3\"}");
        QVERIFY(panel->variablesEditor()->problemLines().isEmpty());
    }

    void prettifyAndOperationPicker()
    {
        ClientPanel *panel = window->addPanel();
        panel->setQuery("subscription A{myModelCreated{id}} subscription B{myCustomEvent{field1}}");
        auto *picker = panel->findChild<QComboBox *>(QStringLiteral("operationPicker"));
        QCOMPARE(picker->count(), 2);
        QCOMPARE(picker->itemText(1), QStringLiteral("B"));
        QString error;
        QVERIFY(panel->editor()->prettify(&error));
        QCOMPARE(panel->editor()->toPlainText(),
                 QStringLiteral("subscription A {\n  myModelCreated {\n    id\n  }\n}\n\n"
                                "subscription B {\n  myCustomEvent {\n    field1\n  }\n}"));
        panel->setQuery("subscription {");
        QVERIFY(!panel->editor()->prettify(&error));
        QVERIFY2(error.startsWith("Syntax Error"), qPrintable(error));
    }

    void eventStreamIsBoundedNewestFirstAndClearable()
    {
        EventStreamModel stream;
        stream.setCapacity(5);
        protocol::ClientMessage message;
        message.kind = protocol::ClientMessage::Kind::Event;
        for (int i = 1; i <= 8; ++i) {
            graphql::JsonValue payload = graphql::JsonValue::object();
            graphql::JsonValue data = graphql::JsonValue::object();
            data.insert("n", i);
            payload.insert("data", data);
            message.payload = payload;
            stream.addReceived(message, QByteArray());
            if (i == 6) stream.flush();
        }
        stream.flush();
        QCOMPARE(stream.rowCount(), 5);
        QCOMPARE(stream.dropped(), uint64_t(3));
        QCOMPARE(cell(&stream, 0, EventStreamModel::SummaryColumn), QStringLiteral("{\"n\":4}"));
        stream.setNewestFirst(true);
        QCOMPARE(cell(&stream, 0, EventStreamModel::SummaryColumn), QStringLiteral("{\"n\":8}"));
        QCOMPARE(cell(&stream, 4, EventStreamModel::SummaryColumn), QStringLiteral("{\"n\":4}"));
        stream.clear();
        QCOMPARE(stream.rowCount(), 0);
        QCOMPARE(stream.dropped(), uint64_t(0));
        QCOMPARE(EventStreamModel::DefaultCapacity, size_t(10000));
    }

    void serverDockShowsFiguresAndSchemaErrors()
    {
        QVERIFY(window->server().start());
        ClientPanel *a = readyPanel(ConnectionSettings::Protocol::TransportWs);
        ClientPanel *b = readyPanel(ConnectionSettings::Protocol::LegacyWs);
        QVERIFY(a && b);
        QVERIFY(subscribeAndRegister(a, "subscription { myModelCreated { id } }") >= 0);
        window->serverDock()->sample();
        auto figure = [this](const char *name) {
            return window->serverDock()->findChild<QLabel *>(QString::fromLatin1(name))->text();
        };
        QCOMPARE(figure("connectionsFigure"),
                 QStringLiteral("2 (graphql-transport-ws 1, graphql-ws 1)"));
        QCOMPARE(figure("operationsFigure"), QStringLiteral("1"));
        QCOMPARE(figure("groupsFigure"), QStringLiteral("1"));
        QVERIFY(window->server().liveGroups() == QStringList{"MyModelCreated"});
        QVERIFY(trigger()->groupCompletions().startsWith("MyModelCreated"));
        QVERIFY(trigger()->groupCompletions().contains("MyModelUpdated.{id}"));

        // A schema with an error: shown with line and column; the server keeps the old one.
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.graphql");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("type Query {\n  a: Nope\n}\n");
        file.close();
        QVERIFY(!window->server().loadSchema(path));
        auto *errors =
            window->serverDock()->findChild<QListWidget *>(QStringLiteral("schemaErrors"));
        QVERIFY(errors->count() >= 1);
        QVERIFY2(errors->item(0)->text().startsWith(path + ":2:6: "),
                 qPrintable(errors->item(0)->text()));
        QVERIFY(window->server().isRunning());
        QCOMPARE(a->connection().state(), ClientConnection::State::Ready);

        // Fixing the file on disk reloads it and restarts the server on it.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("type Query {\n  a: String\n}\ntype Subscription {\n  tick: Int @groups(names: "
                   "[\"ticks\"])\n}\n");
        file.close();
        QTRY_VERIFY_WITH_TIMEOUT(errors->isHidden() && window->server().schemaPath() == path,
                                 Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(window->server().isRunning() &&
                                     window->server().schema()->type("Query")->field("a"),
                                 Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(a->connection().state(), ClientConnection::State::Closed,
                                  Timeout);
        QVERIFY(trigger()->groupCompletions().contains("ticks"));
        QCOMPARE(a->editor()->schema(), window->server().schema().get());
    }

    // The embedded server on Redis, set in the dock: the trigger panel publishes, an event fired
    // on a headless Subscope of the same Redis reaches the panel, and the dock shows the link
    // going down and coming back.
    void serverDockRunsTheServerOnRedis()
    {
        test::RedisServer redis;
        auto *url = window->serverDock()->findChild<QLineEdit *>(QStringLiteral("channelLayerUrl"));
        auto *redisFigure =
            window->serverDock()->findChild<QLabel *>(QStringLiteral("redisFigure"));
        QVERIFY(url && redisFigure);
        QVERIFY(window->server().start());
        window->serverDock()->sample();
        QVERIFY(redisFigure->isHidden()); // events stay in the process

        // A URL with a password (as --channel-layer gives it) survives editing another setting.
        server::ServerConfig withPassword = window->server().config();
        QString error;
        withPassword.redis = server::parseRedisUrl(QStringLiteral("redis://:p%40ss@h:1/2"), &error);
        window->server().setConfig(withPassword);
        QCOMPARE(url->text(), QStringLiteral("redis://:p%40ss@h:1/2"));
        window->serverDock()->findChild<QCheckBox *>()->toggle();
        QCOMPARE(window->server().config().redis->password, QByteArray("p@ss"));
        url->clear();
        QTest::keyClicks(url, QStringLiteral("http://127.0.0.1"));
        QVERIFY2(url->toolTip().contains("must start with redis://"), qPrintable(url->toolTip()));
        QCOMPARE(window->server().config().redis->host, QStringLiteral("h")); // kept the last one
        url->clear();
        QTest::keyClicks(url, redis.url() + QStringLiteral("/0"));
        QCOMPARE(window->server().config().redis->port, redis.port);
        window->server().restart();
        QTRY_VERIFY_WITH_TIMEOUT(redisFigure->text().startsWith("connected to Redis at"), Timeout);
        QVERIFY(redisFigure->isVisible());

        ClientPanel *panel = readyPanel(ConnectionSettings::Protocol::TransportWs);
        const int row = subscribeAndRegister(panel, "subscription { myCustomEvent { field1 } }");
        QVERIFY(row >= 0);
        EventStreamModel *stream = panel->operations()->stream(row);
        QTRY_COMPARE_WITH_TIMEOUT(redis.subscribers("asgi__group__custom_event"), 1, Timeout);
        fireGroup("custom_event", R"({"field1": "from the panel"})");
        QTRY_VERIFY_WITH_TIMEOUT(
            trigger()->resultText().contains("Fired into custom_event: published to Redis"),
            Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(stream, RowKind::Event) >= 0, Timeout);

        test::Headless headless({QStringLiteral("--channel-layer"), redis.url()});
        QVERIFY2(headless.waitServing(), qPrintable(headless.stderrText));
        test::Http http;
        QTRY_COMPARE_WITH_TIMEOUT(
            http.request(QStringLiteral("GET"), QUrl(headless.http + QStringLiteral("/healthz")))
                .first,
            200, Timeout);
        QCOMPARE(http.request(QStringLiteral("POST"),
                              QUrl(headless.http + QStringLiteral("/trigger")),
                              R"({"group": "custom_event", "value": {"field1": "from headless"}})")
                     .first,
                 202);
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(stream, stream->rowCount() - 1, EventStreamModel::SummaryColumn)
                .contains("from headless"),
            Timeout);
        QVERIFY(redis.shutdownNoSave());
        QTRY_VERIFY_WITH_TIMEOUT(redisFigure->text().startsWith("cannot reach Redis at"), Timeout);
        fireGroup("custom_event", "1");
        QTRY_VERIFY_WITH_TIMEOUT(trigger()->resultText().contains("Not published"), Timeout);
        QVERIFY(redis.start());
        QTRY_VERIFY_WITH_TIMEOUT(redisFigure->text().contains("reconnects 1"), 15000);
    }

    // A panel against a second Subscope, started as `subscope --headless`; the trigger panel
    // fires into it through its HTTP API.
    void panelAgainstAHeadlessSubscope()
    {
        test::Headless headless({QStringLiteral("--trigger-token"), QStringLiteral("s3cret")});
        QVERIFY2(headless.waitServing(), qPrintable(headless.stderrText));
        ClientPanel *panel = window->addPanel();
        panel->setUrl(headless.websocket.toString());
        panel->setProtocol(ConnectionSettings::Protocol::LegacyWs);
        panel->setInitPayload("{\"authToken\": \"abc\"}");
        QVERIFY(panel->connectToServer());
        QTRY_COMPARE_WITH_TIMEOUT(panel->connection().state(), ClientConnection::State::Ready,
                                  Timeout);
        const int row =
            subscribeAndRegister(panel, "subscription { myModelCreated(subscripe: true) { id } }");
        QVERIFY(row >= 0);
        EventStreamModel *stream = panel->operations()->stream(row);
        QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(stream, RowKind::RegisterAck) >= 0, Timeout);
        // W14: the legacy spelling brings the deprecation note.
        QVERIFY(
            cell(stream, rowOfKind(stream, RowKind::RegisterAck), EventStreamModel::SummaryColumn)
                .contains("note: Prefer"));

        trigger()->setHttpTarget(headless.http);
        auto *token = trigger()->findChild<QLineEdit *>(QStringLiteral("triggerToken"));
        QVERIFY(token->isEnabled());
        trigger()->setMode(TriggerPanel::Mode::Group);
        trigger()->setGroup("MyModelCreated");
        trigger()->setValue("1");
        QVERIFY(trigger()->fire()); // without the token: refused, and the panel says where it goes
        QTRY_VERIFY_WITH_TIMEOUT(trigger()->resultText().startsWith("HTTP 401: "), Timeout);
        QVERIFY(trigger()->resultText().contains("Token field"));
        token->setText("s3cret");
        trigger()->setMode(TriggerPanel::Mode::Model);
        trigger()->setModel("MyModel");
        trigger()->setAction("create");
        trigger()->setPk("12");
        QVERIFY(trigger()->setFieldValue("name", "twelve"));
        QVERIFY(trigger()->fire());
        QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(stream, RowKind::Event) >= 0, Timeout);
        QCOMPARE(cell(stream, rowOfKind(stream, RowKind::Event), EventStreamModel::SummaryColumn),
                 QStringLiteral("{\"myModelCreated\":{\"pk\":12,\"fields\":{\"id\":12},\"group\":"
                                "\"MyModelCreated\"}}"));
        QTRY_VERIFY_WITH_TIMEOUT(
            trigger()->resultText().contains("Fired into MyModelCreated: 1 frame queued"), Timeout);
        QVERIFY(!window->server().isRunning()); // nothing went through the embedded server

        trigger()->setMode(TriggerPanel::Mode::Group);
        trigger()->setGroup("bad group");
        trigger()->setValue("1");
        QVERIFY(trigger()->fire());
        QTRY_VERIFY_WITH_TIMEOUT(trigger()->resultText().startsWith("HTTP 400: "), Timeout);
    }
};

QTEST_MAIN(TestExplorer)
#include "tst_explorer.moc"
