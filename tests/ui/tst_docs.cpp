// The docs pane and the panels' schema sources, driven through the real widgets (offscreen): the
// demo schema's types, fields and arguments, the name filter, links to types, inserting a field
// into the editor, following the current panel, and schemas from introspection of a headless
// Subscope, from an SDL file, and the errors of both in words.
#include "client/client_panel.h"
#include "editor/graphql_editor.h"
#include "main_window.h"
#include "schema/docs_pane.h"
#include "schema/schema_docs_model.h"
#include "schema/schema_source.h"
#include "schema/schema_source_bar.h"
#include "settings_sandbox.h"
#include "support/headless_process.h"
#include "support/test_schemas.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace subscope;
using namespace subscope::ui;
using Kind = SchemaSource::Kind;

namespace {

constexpr int Timeout = 5000;

QStringList rows(const QAbstractItemModel *model, const QModelIndex &parent = {})
{
    QStringList list;
    for (int row = 0; row < model->rowCount(parent); ++row)
        list << model->index(row, 0, parent).data().toString();
    return list;
}

// An HTTP server that answers every request with one canned response (or never answers), and
// keeps the last request it read.
struct CannedHttpServer
{
    QTcpServer server;
    QByteArray response;
    bool silent = false;
    QByteArray request;

    CannedHttpServer()
    {
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
            QTcpSocket *socket = server.nextPendingConnection();
            auto *received = new QByteArray;
            QObject::connect(socket, &QObject::destroyed, [received] { delete received; });
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, received] {
                *received += socket->readAll();
                const qsizetype headEnd = received->indexOf("\r\n\r\n");
                if (headEnd < 0) return;
                const QByteArray head = received->left(headEnd).toLower();
                const qsizetype at = head.indexOf("content-length:");
                const qsizetype length =
                    at < 0 ? 0
                           : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toInt();
                if (received->size() < headEnd + 4 + length) return;
                request = *received;
                if (silent) return;
                socket->write(response);
                socket->disconnectFromHost();
            });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        });
    }
    void answer(int status, const QByteArray &reason, const QByteArray &type,
                const QByteArray &body)
    {
        response = "HTTP/1.1 " + QByteArray::number(status) + " " + reason +
                   "\r\nContent-Type: " + type +
                   "\r\nContent-Length: " + QByteArray::number(body.size()) +
                   "\r\nConnection: close\r\n\r\n" + body;
    }
    QString url() const
    {
        return QStringLiteral("http://127.0.0.1:%1/graphql/").arg(server.serverPort());
    }
};

} // namespace

class TestDocs : public QObject
{
    Q_OBJECT

    std::unique_ptr<MainWindow> window;
    QTemporaryDir dir;

    DocsPane *docs() { return window->docsPane(); }

    template <class T> static T *child(QObject *parent, const char *name)
    {
        T *found = parent->findChild<T *>(QString::fromLatin1(name));
        if (!found) qWarning("no %s", name);
        return found;
    }

    // Chooses the panel's schema source in its combo box, as the user does.
    static void chooseSource(ClientPanel *panel, Kind kind)
    {
        auto *combo = child<QComboBox>(panel, "schemaSourceCombo");
        combo->setCurrentIndex(combo->findData(int(kind)));
    }

    static QString schemaStatus(ClientPanel *panel)
    {
        return panel->schemaSourceBar()->statusText();
    }

    QString writeFile(const QString &name, const QByteArray &text)
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return {};
        file.write(text);
        return path;
    }

    // Loads an SDL file into the panel through its options.
    static void loadFile(ClientPanel *panel, const QString &path)
    {
        chooseSource(panel, Kind::SdlFile);
        child<QLineEdit>(panel, "schemaFileEdit")->setText(path);
        child<QPushButton>(panel, "loadSchemaButton")->click();
    }

    // Clicks the link to `type` in the description area.
    bool clickTypeLink(const QString &type)
    {
        auto *browser = child<QTextBrowser>(docs(), "docsDescription");
        QTextCursor found = browser->document()->find(type);
        while (!found.isNull() && !found.charFormat().isAnchor())
            found = browser->document()->find(type, found);
        if (found.isNull()) return false;
        QTextCursor middle(browser->document());
        middle.setPosition(found.selectionStart() + 1);
        const QPoint at = browser->cursorRect(middle).center();
        QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, at);
        return true;
    }

private slots:
    void init()
    {
        test::isolateSettings();
        window = std::make_unique<MainWindow>();
        server::ServerConfig config = window->server().config();
        config.port = 0;
        window->server().setConfig(config);
        window->show();
        window->findChild<QDockWidget *>(QStringLiteral("docsDock"))->raise();
    }
    void cleanup() { window.reset(); }

    void docsDockIsThere()
    {
        auto *dock = window->findChild<QDockWidget *>(QStringLiteral("docsDock"));
        QVERIFY(dock);
        QCOMPARE(dock->windowTitle(), QStringLiteral("Docs"));
        QVERIFY(window->tabifiedDockWidgets(dock).contains(
            window->findChild<QDockWidget *>(QStringLiteral("triggerDock"))));
        QVERIFY(dock->isAncestorOf(docs()));
        QAction *toggle = nullptr;
        for (QAction *menu : window->menuBar()->actions())
            if (menu->text() == "&View")
                for (QAction *a : menu->menu()->actions())
                    if (a->text() == "Docs") toggle = a;
        QVERIFY(toggle);
        toggle->trigger();
        QVERIFY(dock->isHidden());
        toggle->trigger();
        QVERIFY(!dock->isHidden());
        // No panel yet: nothing to show, and the pane says so.
        QCOMPARE(docs()->model()->rowCount(), 0);
        QCOMPARE(child<QLabel>(docs(), "docsEmptyLabel")->text(),
                 QStringLiteral("No client panel"));
    }

    void docsListsTheDemoSchemaTypes()
    {
        ClientPanel *panel = window->addPanel();
        QCOMPARE(docs()->panel(), panel);
        QVERIFY(child<QLabel>(docs(), "docsEmptyLabel")->isHidden());
        const QAbstractItemModel *model = docs()->shownModel();
        // The root types first, then the others by name; no introspection types.
        QCOMPARE(rows(model), (QStringList{"type Query", "type Subscription", "scalar Boolean",
                                           "type CustomType", "scalar ID", "scalar Int",
                                           "type MyModelType", "scalar String"}));
        const QModelIndex subscription = model->index(1, 0);
        QCOMPARE(rows(model, subscription).value(1),
                 QStringLiteral("myModelUpdated(id: String, subscripe: Boolean, subscribe: "
                                "Boolean): MyModelType"));
        QCOMPARE(rows(model, model->index(1, 0, subscription)),
                 (QStringList{"id: String", "subscripe: Boolean", "subscribe: Boolean"}));
        QCOMPARE(rows(model, model->index(6, 0)),
                 (QStringList{"id: ID!", "name: String", "age: Int!"}));

        // The description of the selected field: its type, arguments and groups.
        QVERIFY(docs()->showField("Subscription", "myModelUpdated"));
        QVERIFY2(docs()->documentationText().contains("Subscription.myModelUpdated: MyModelType"),
                 qPrintable(docs()->documentationText()));
        QVERIFY(docs()->documentationText().contains("id: String"));
        QVERIFY(docs()->documentationText().contains("Groups: MyModelUpdated.{id}"));
        // The field's type is a link: clicking it goes to the type.
        QVERIFY(clickTypeLink("MyModelType"));
        QTRY_COMPARE_WITH_TIMEOUT(docs()->selectedItem().data().toString(),
                                  QStringLiteral("type MyModelType"), Timeout);
        QVERIFY(docs()->documentationText().startsWith("type MyModelType"));

        // The search box filters types and fields by name, keeping what is below a match.
        QTest::keyClicks(child<QLineEdit>(docs(), "docsSearchEdit"), "UPDATED");
        QCOMPARE(rows(model), QStringList{"type Subscription"});
        QCOMPARE(rows(model, model->index(0, 0)).size(), 2); // myModelCreatedUpdateDelete too
        QCOMPARE(rows(model, model->index(0, 0, model->index(0, 0))).size(), 3);
        docs()->setFilter("custom");
        QCOMPARE(rows(model), (QStringList{"type Subscription", "type CustomType"}));
        QCOMPARE(rows(model, model->index(1, 0)), (QStringList{"field1: String", "field2: Int"}));
        docs()->setFilter(QString());
        QCOMPARE(model->rowCount(), 8);
    }

    void docsInsertsAFieldIntoTheEditor()
    {
        ClientPanel *panel = window->addPanel();
        GraphqlEditor *editor = panel->editor();
        editor->setPlainText("subscription {\n  \n}\n");
        QTextCursor cursor = editor->textCursor();
        cursor.setPosition(17); // the end of the indented second line
        editor->setTextCursor(cursor);

        QVERIFY(docs()->showField("Subscription", "myModelUpdated"));
        auto *insert = child<QPushButton>(docs(), "insertFieldButton");
        QVERIFY(insert->isEnabled());
        QTest::mouseClick(insert, Qt::LeftButton);
        QCOMPARE(editor->toPlainText(),
                 QStringLiteral("subscription {\n  myModelUpdated {\n    \n  }\n}\n"));
        QCOMPARE(editor->textCursor().position(), 38); // inside the braces
        // One undo takes the insertion back.
        editor->undo();
        QCOMPARE(editor->toPlainText(), QStringLiteral("subscription {\n  \n}\n"));
        editor->redo();
        cursor = editor->textCursor();
        cursor.setPosition(38);
        editor->setTextCursor(cursor);
        QTest::keyClicks(editor, "id");
        editor->checkNow();
        QCOMPARE(editor->toPlainText(),
                 QStringLiteral("subscription {\n  myModelUpdated {\n    id\n  }\n}\n"));
        QVERIFY2(editor->problems().isEmpty(), qPrintable(editor->problemLines().join('\n')));

        // A double click on a leaf field inserts its bare name.
        editor->setPlainText("query { }");
        cursor = editor->textCursor();
        cursor.setPosition(8);
        editor->setTextCursor(cursor);
        QVERIFY(docs()->showField("Query", "base"));
        QTreeView *tree = docs()->view();
        const QRect row = tree->visualRect(tree->currentIndex());
        QVERIFY(row.isValid());
        // What a mouse sends: a click, then the double-click event (Qt 6's mouseDClick sends only
        // the latter).
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, row.center());
        QCOMPARE(editor->toPlainText(), QStringLiteral("query { }"));
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, row.center());
        QCOMPARE(editor->toPlainText(), QStringLiteral("query { base}"));

        // Types and arguments are not inserted.
        QVERIFY(docs()->showType("MyModelType"));
        QVERIFY(!insert->isEnabled());
        QVERIFY(!docs()->insertSelectedField());
        QCOMPARE(editor->toPlainText(), QStringLiteral("query { base}"));
    }

    void docsFollowTheCurrentPanel()
    {
        ClientPanel *embedded = window->addPanel();
        ClientPanel *rich = window->addPanel();
        loadFile(rich, test::sharedPath("spec/graphql-vectors/rich-schema.graphql"));
        QVERIFY2(rich->schema(), qPrintable(schemaStatus(rich)));
        QCOMPARE(docs()->panel(), rich);
        QVERIFY(docs()->model()->schema() == rich->schema());
        QVERIFY(docs()->showType("User"));
        QCOMPARE(docs()->shownModel()->index(0, 0).data().toString(), QStringLiteral("type Query"));
        QCOMPARE(docs()->shownModel()->index(1, 0).data().toString(),
                 QStringLiteral("type Mutation"));

        auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("panelTabs"));
        tabs->setCurrentIndex(0);
        QCOMPARE(docs()->panel(), embedded);
        QVERIFY(docs()->model()->typeIndex("MyModelType").isValid());
        QVERIFY(!docs()->model()->typeIndex("User").isValid());

        // The current panel's schema changes: the docs follow, keeping the selection it still has.
        QVERIFY(docs()->showField("Query", "base"));
        const QString path =
            writeFile("embedded.graphql", "type Query {\n  base: String\n  other: Int\n}\n");
        QVERIFY(window->server().loadSchema(path));
        QVERIFY(docs()->model()->typeIndex("Query").isValid());
        QVERIFY(!docs()->model()->typeIndex("MyModelType").isValid());
        QCOMPARE(rows(docs()->shownModel(), docs()->shownModel()->index(0, 0)),
                 (QStringList{"base: String", "other: Int"}));
        QCOMPARE(docs()->selectedItem().data(SchemaDocsModel::NameRole).toString(),
                 QStringLiteral("base"));
        // A panel on another source does not follow the embedded server.
        QVERIFY(rich->schema()->type("User"));

        // Closing the current panel shows the next one.
        window->closePanel(0);
        QCOMPARE(docs()->panel(), rich);
        QVERIFY(docs()->model()->typeIndex("User").isValid());
    }

    void docsFromIntrospectionOfAHeadlessSubscope()
    {
        test::Headless headless(
            {"--schema", test::sharedPath("spec/graphql-vectors/rich-schema.graphql")});
        QVERIFY2(headless.waitServing(), qPrintable(headless.stderrText));
        ClientPanel *panel = window->addPanel();
        panel->setUrl(headless.websocket.toString());
        // The URL is derived from the panel's: ws -> http, the same path.
        QUrl expected = headless.websocket;
        expected.setScheme("http");
        QCOMPARE(child<QLineEdit>(panel, "schemaUrlEdit")->text(), expected.toString());
        QVERIFY(expected.path().startsWith("/graphql"));

        chooseSource(panel, Kind::Introspection);
        QVERIFY(panel->schemaSource()->isLoading());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->schemaSource()->isLoading(), Timeout);
        QVERIFY(panel->schema());
        QVERIFY2(schemaStatus(panel).startsWith("Introspected " + expected.toString() + ": "),
                 qPrintable(schemaStatus(panel)));
        QVERIFY(docs()->model()->typeIndex("User").isValid());
        QVERIFY(docs()->showField("Query", "user"));
        QVERIFY(docs()->documentationText().contains("Query.user: User"));

        // The editor checks against the introspected schema.
        panel->setQuery("query { user(id: 1) { nope } }");
        QCOMPARE(panel->editor()->problems().size(), 1);
        QVERIFY2(panel->editor()->problems().first().message.startsWith(
                     "Cannot query field 'nope' on type 'User'."),
                 qPrintable(panel->editor()->problems().first().message));
        panel->setQuery("query { user(id: 1) { name } }");
        QVERIFY(panel->editor()->problems().isEmpty());

        // An edited URL is kept when the panel's URL changes; back to the embedded schema.
        child<QLineEdit>(panel, "schemaUrlEdit")->clear();
        QTest::keyClicks(child<QLineEdit>(panel, "schemaUrlEdit"), headless.http + "/graphql");
        panel->setUrl("ws://example.invalid/other/");
        QCOMPARE(child<QLineEdit>(panel, "schemaUrlEdit")->text(), headless.http + "/graphql");
        chooseSource(panel, Kind::EmbeddedServer);
        QVERIFY(panel->schema() == window->server().schema());
        QVERIFY(docs()->model()->typeIndex("MyModelType").isValid());
    }

    void docsFromAnSdlFile()
    {
        ClientPanel *panel = window->addPanel();
        const QString path = writeFile("mine.graphql", "\"The root.\"\ntype Query {\n  \"Find "
                                                       "one.\"\n  find(key: String!, limit: Int! "
                                                       "= 3): Thing\n}\ntype Thing {\n  key: "
                                                       "String\n}\n");
        loadFile(panel, path);
        QVERIFY2(panel->schema(), qPrintable(schemaStatus(panel)));
        QCOMPARE(schemaStatus(panel), "Loaded " + path + ": 2 types");
        QCOMPARE(rows(docs()->shownModel()),
                 (QStringList{"type Query", "scalar Boolean", "scalar Int", "scalar String",
                              "type Thing"}));
        QVERIFY(docs()->showField("Query", "find"));
        QVERIFY(docs()->documentationText().contains("Find one."));
        QVERIFY(docs()->documentationText().contains("limit: Int! = 3"));

        // Required arguments (non-null without a default) come with the field; the cursor waits
        // for the first value.
        GraphqlEditor *editor = panel->editor();
        editor->setPlainText(QString());
        QVERIFY(docs()->insertSelectedField());
        QCOMPARE(editor->toPlainText(), QStringLiteral("find(key: ) {\n  \n}"));
        QCOMPARE(editor->textCursor().position(), 10);

        // A broken file: its errors with file:line:column, and no schema (the docs say so).
        const QString broken = writeFile("broken.graphql", "type Query {\n  a: Nope\n}\n");
        loadFile(panel, broken);
        QVERIFY(!panel->schema());
        QVERIFY2(schemaStatus(panel).startsWith(broken + ":2:6: "),
                 qPrintable(schemaStatus(panel)));
        QCOMPARE(docs()->model()->rowCount(), 0);
        QVERIFY(!child<QLabel>(docs(), "docsEmptyLabel")->isHidden());
        QVERIFY(!panel->editor()->schema());

        // The file is read again when it changes: fixed, then broken again.
        writeFile("broken.graphql", "type Query {\n  a: String\n  b: Int\n}\n");
        QTRY_VERIFY_WITH_TIMEOUT(panel->schema() != nullptr, Timeout);
        QCOMPARE(schemaStatus(panel), "Loaded " + broken + ": 1 type");
        QVERIFY(docs()->showField("Query", "b"));
        writeFile("broken.graphql", "type Query {\n  a: Nope\n}\n");
        QTRY_VERIFY_WITH_TIMEOUT(panel->schema() == nullptr, Timeout);
        // Another source: the file is no longer followed.
        chooseSource(panel, Kind::EmbeddedServer);
        writeFile("broken.graphql", "type Query {\n  c: String\n}\n");
        QTest::qWait(600);
        QCOMPARE(panel->schemaSource()->kind(), Kind::EmbeddedServer);
        QVERIFY(panel->schema() == window->server().schema());

        loadFile(panel, dir.filePath("missing.graphql"));
        QVERIFY2(schemaStatus(panel).contains("cannot read the schema file"),
                 qPrintable(schemaStatus(panel)));
        loadFile(panel, QString());
        QCOMPARE(schemaStatus(panel), QStringLiteral("Choose an SDL schema file (.graphql)"));
    }

    void docsShowIntrospectionErrorsInWords_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error"); // %1 is the URL
        QTest::newRow("404") << 404 << QByteArray("text/plain") << QByteArray("nothing here")
                             << "HTTP 404 Not Found from %1: nothing here";
        QTest::newRow("400 with GraphQL errors")
            << 400 << QByteArray("application/json")
            << QByteArray("{\"errors\": [{\"message\": \"Must provide query string.\"}]}")
            << "HTTP 400 Bad Request from %1: The introspection query failed: Must provide "
               "query string.";
        QTest::newRow("not JSON") << 200 << QByteArray("text/html")
                                  << QByteArray("<html><body>Welcome</body></html>")
                                  << "The answer from %1 is not JSON";
        QTest::newRow("GraphQL errors")
            << 200 << QByteArray("application/json")
            << QByteArray("{\"data\": null, \"errors\": [{\"message\": \"Introspection is "
                          "disabled.\"}]}")
            << "Introspection of %1: The introspection query failed: Introspection is disabled.";
        QTest::newRow("no __schema")
            << 200 << QByteArray("application/json") << QByteArray("{\"data\": {}}")
            << "Introspection of %1: The introspection result has no __schema";
        QTest::newRow("undefined type")
            << 200 << QByteArray("application/json")
            << QByteArray("{\"data\": {\"__schema\": {\"queryType\": {\"name\": \"Query\"}, "
                          "\"types\": [{\"kind\": \"OBJECT\", \"name\": \"Query\", \"fields\": "
                          "[{\"name\": \"a\", \"args\": [], \"type\": {\"kind\": \"OBJECT\", "
                          "\"name\": \"Gone\"}}]}]}}}")
            << "Introspection of %1: Type 'Gone' is referenced by field 'Query.a' but not "
               "defined";
    }

    void docsShowIntrospectionErrorsInWords()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        CannedHttpServer http;
        http.answer(status,
                    status == 404   ? "Not Found"
                    : status == 400 ? "Bad Request"
                                    : "OK",
                    type, body);
        ClientPanel *panel = window->addPanel();
        panel->setUrl(http.url().replace("http://", "ws://"));
        panel->setHeaders("Authorization: Token abc");
        chooseSource(panel, Kind::Introspection);
        QVERIFY(panel->schemaSource()->isLoading());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->schemaSource()->isLoading(), Timeout);
        QVERIFY2(schemaStatus(panel).startsWith(error.arg(http.url())),
                 qPrintable(schemaStatus(panel)));
        QVERIFY(!panel->schema());
        QCOMPARE(docs()->model()->rowCount(), 0);

        // What was sent: the standard query, POSTed as JSON with the panel's headers.
        QVERIFY2(http.request.startsWith("POST /graphql/ HTTP/1.1\r\n"), http.request.constData());
        const QByteArray head = http.request.toLower();
        QVERIFY(head.contains("content-type: application/json\r\n"));
        QVERIFY(head.contains("authorization: token abc\r\n"));
        QVERIFY(http.request.contains("{\"query\":\"\\nquery IntrospectionQuery {"));
    }

    void introspectionFailuresWithoutAnAnswer()
    {
        ClientPanel *panel = window->addPanel();
        // Nobody listening.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        panel->setUrl(QStringLiteral("ws://127.0.0.1:%1/graphql/").arg(port));
        chooseSource(panel, Kind::Introspection);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->schemaSource()->isLoading(), Timeout);
        QVERIFY2(schemaStatus(panel).startsWith(
                     QStringLiteral("Cannot reach http://127.0.0.1:%1/graphql/: ").arg(port)),
                 qPrintable(schemaStatus(panel)));

        // A server that never answers: the timeout says so.
        CannedHttpServer silent;
        silent.silent = true;
        panel->schemaSource()->setTimeout(300);
        child<QLineEdit>(panel, "schemaUrlEdit")->setText(silent.url());
        child<QPushButton>(panel, "loadSchemaButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->schemaSource()->isLoading(), Timeout);
        QCOMPARE(schemaStatus(panel), "No answer from " + silent.url() + " within 0.3 s");

        // Not an http(s) URL; bad upgrade headers.
        child<QLineEdit>(panel, "schemaUrlEdit")->setText("ftp://example.com/graphql");
        child<QPushButton>(panel, "loadSchemaButton")->click();
        QCOMPARE(schemaStatus(panel),
                 QStringLiteral("'ftp://example.com/graphql' is not an http:// or https:// URL"));
        panel->setHeaders("no colon here");
        child<QPushButton>(panel, "loadSchemaButton")->click();
        QVERIFY2(schemaStatus(panel).startsWith("Upgrade headers: Header line 1"),
                 qPrintable(schemaStatus(panel)));
    }

    void introspectionUrlIsDerivedFromTheWebSocketUrl_data()
    {
        QTest::addColumn<QString>("ws");
        QTest::addColumn<QString>("http");
        QTest::newRow("ws") << "ws://127.0.0.1:8000/graphql/"
                            << "http://127.0.0.1:8000/graphql/";
        QTest::newRow("wss") << "wss://api.example.com/subscriptions"
                             << "https://api.example.com/subscriptions";
        QTest::newRow("no scheme") << "localhost:9000/graphql/"
                                   << "http://localhost:9000/graphql/";
        QTest::newRow("token dropped") << "ws://h:1/graphql/?token=abc"
                                       << "http://h:1/graphql/";
        QTest::newRow("http kept") << "https://h/graphql"
                                   << "https://h/graphql";
        QTest::newRow("not a URL") << "ftp://h/x"
                                   << "";
        QTest::newRow("empty") << ""
                               << "";
    }

    void introspectionUrlIsDerivedFromTheWebSocketUrl()
    {
        QFETCH(QString, ws);
        QFETCH(QString, http);
        QCOMPARE(introspectionUrlFor(ws).toString(), http);
    }
};

QTEST_MAIN(TestDocs)
#include "tst_docs.moc"
