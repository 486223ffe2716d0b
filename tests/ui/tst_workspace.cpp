// Workspaces: File › Save/Open workspace keeps every panel's setup (URL, subprotocol, headers,
// token, connection_init payload, query, variables, schema source) and a bad file changes nothing;
// the settings restore the window's layout, the recent URLs, schema files and workspaces, and the
// appearance; the keyboard shortcuts act on the current panel or the focused inspector.
#include "client/event_stream_model.h"
#include "editor/graphql_editor.h"
#include "editor/json_editor.h"
#include "explorer_fixture.h"
#include "inspector/traffic_inspector.h"
#include "inspector/traffic_model.h"
#include "schema/schema_source.h"
#include "support/test_schemas.h"
#include "theme/appearance.h"
#include "theme/tones.h"
#include "workspace/recent_list.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QCompleter>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextLayout>

using namespace subscope;
using namespace subscope::ui;

namespace {

constexpr int Timeout = test::UiTimeout;
using Protocol = ConnectionSettings::Protocol;
using Kind = SchemaSource::Kind;

QString readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// The foreground of the character at `position` of `editor`, as the highlighter formatted it.
QColor highlightAt(QPlainTextEdit *editor, int position)
{
    const QTextBlock block = editor->document()->findBlock(position);
    for (const QTextLayout::FormatRange &range : block.layout()->formats())
        if (position - block.position() >= range.start &&
            position - block.position() < range.start + range.length)
            return range.format.foreground().color();
    return {};
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT
    QTemporaryDir dir;
    QPalette systemPalette;

private slots:
    void initTestCase()
    {
        QVERIFY(dir.isValid());
        test::isolateSettings();
        systemPalette = QApplication::palette();
    }

    void init()
    {
        QSettings().clear();
        applyAppearance(Appearance::System);
    }

    void savedWorkspaceReopensWithTheSamePanelsQueriesAndVariables()
    {
        const QString schemaFile = dir.filePath("schema.graphql");
        QVERIFY(QFile::exists(test::sharedPath("spec/demo-schema.graphql")));
        QFile::remove(schemaFile);
        QVERIFY(QFile::copy(test::sharedPath("spec/demo-schema.graphql"), schemaFile));

        auto first = test::explorerWindow();
        QVERIFY(first->server().start());
        ClientPanel *embedded = first->addPanel();
        PanelSetup a = embedded->setup();
        QCOMPARE(a.url, first->server().websocketUrl());
        a.protocol = Protocol::LegacyWs;
        a.headers = "Authorization: Token abc\n# a comment kept as typed\nX-Trace: 1";
        a.queryToken = "t0k3n";
        a.initPayload = "{\n  \"authToken\": \"xyz\"\n}";
        a.query = "subscription Updated($id: ID!) {\n  myModelUpdated(id: $id) { id name }\n}\n";
        a.variables = "{\"id\": \"5\"}";
        embedded->applySetup(a);

        PanelSetup b;
        b.url = "ws://django.example:8000/graphql/";
        b.protocol = Protocol::TransportWs;
        b.query = "subscription { myModelCreated { id } }";
        b.variables = "";
        b.schemaSource = Kind::SdlFile;
        b.schemaFile = schemaFile;
        first->addPanel()->applySetup(b);
        QTRY_VERIFY_WITH_TIMEOUT(first->panel(1)->schema() != nullptr, Timeout);

        PanelSetup c;
        c.url = "wss://staging.example/graphql/";
        c.schemaSource = Kind::Introspection;
        c.introspectionUrl = "https://staging.example/api/graphql/";
        c.query = "subscription { myModelDeleted(id: \"1\") { id } }";
        c.variables = "{}";
        first->addPanel()->applySetup(c);
        QTabBar *tabs = first->findChild<QTabWidget *>("panelTabs")->tabBar();
        QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(1).center());
        QCOMPARE(tabs->currentIndex(), 1);

        const Workspace saved = first->workspace();
        QCOMPARE(saved.panels.size(), 3);
        QCOMPARE(saved.currentPanel, 1);
        QVERIFY(saved.panels[0].embeddedServer);
        QVERIFY(!saved.panels[1].embeddedServer);
        a.embeddedServer = true;
        QCOMPARE(saved.panels[0], a);
        QCOMPARE(saved.panels[1], b);
        QCOMPARE(saved.panels[2], c);

        const QString path = dir.filePath("team.subscope.json");
        QString error;
        QVERIFY2(first->saveWorkspace(path, &error), qPrintable(error));
        QCOMPARE(first->workspacePath(), path);
        QCOMPARE(first->windowTitle(), QStringLiteral("team.subscope.json"));
        const QJsonObject json = QJsonDocument::fromJson(readAll(path).toUtf8()).object();
        QCOMPARE(json.value("format").toString(), QStringLiteral("subscope-workspace"));
        QCOMPARE(json.value("version").toInt(), 1);
        // A schema file beside the workspace is kept relative to it.
        QCOMPARE(json["panels"][1]["schema"]["path"].toString(), QStringLiteral("schema.graphql"));
        QCOMPARE(json["panels"][0]["protocol"].toString(), QStringLiteral("graphql-ws"));

        // Another window, its embedded server on another port, with a panel of its own.
        auto second = test::explorerWindow();
        QVERIFY(second->server().start());
        QVERIFY(second->server().port() != first->server().port());
        second->addPanel()->setQuery("query { replaced }");
        QVERIFY2(second->openWorkspace(path, &error), qPrintable(error));
        QCOMPARE(second->panelCount(), 3);
        QCOMPARE(second->findChild<QTabWidget *>("panelTabs")->currentIndex(), 1);
        const Workspace reopened = second->workspace();
        // The embedded server's panel follows the embedded server to its new port.
        PanelSetup expected = a;
        expected.url = second->server().websocketUrl();
        QCOMPARE(reopened.panels[0], expected);
        QCOMPARE(reopened.panels[1], b);
        QCOMPARE(reopened.panels[2], c);
        QCOMPARE(second->panel(0)->editor()->toPlainText(), a.query);
        QCOMPARE(second->panel(0)->variablesEditor()->toPlainText(), a.variables);
        QTRY_VERIFY_WITH_TIMEOUT(second->panel(1)->schema() != nullptr, Timeout);
        QCOMPARE(second->panel(1)->schemaSource()->origin(), schemaFile);
        // Nothing connects by itself.
        for (int i = 0; i < second->panelCount(); ++i)
            QCOMPARE(second->panel(i)->connection().state(), ClientConnection::State::Disconnected);

        // The workspace and its schema moved together elsewhere: the relative path follows.
        QTemporaryDir moved;
        QVERIFY(QFile::copy(path, moved.filePath("team.subscope.json")));
        QVERIFY(QFile::copy(schemaFile, moved.filePath("schema.graphql")));
        QVERIFY2(second->openWorkspace(moved.filePath("team.subscope.json"), &error),
                 qPrintable(error));
        QCOMPARE(second->workspace().panels[1].schemaFile, moved.filePath("schema.graphql"));
    }

    void workspaceKeepsWhatIsNotFilledInAndWhatFollows()
    {
        auto first = test::explorerWindow();
        QVERIFY(first->server().start());
        // An SDL file chosen but not given yet, and an introspection URL derived from the
        // panel's URL (never typed): both reopen as they were, without an error.
        ClientPanel *sdl = first->addPanel();
        PanelSetup noFile = sdl->setup();
        noFile.schemaSource = Kind::SdlFile;
        sdl->applySetup(noFile);
        ClientPanel *derived = first->addPanel();
        PanelSetup follows = derived->setup();
        follows.schemaSource = Kind::Introspection;
        derived->applySetup(follows);
        auto *schemaUrl = derived->findChild<QLineEdit *>("schemaUrlEdit");
        const QString oldHttp = first->server().httpUrl() + "/graphql/";
        QCOMPARE(schemaUrl->text(), oldHttp);
        // A file whose name starts with two dots is still beside the workspace.
        const QString dotted = dir.filePath("..dotted.graphql");
        QFile::remove(dotted);
        QVERIFY(QFile::copy(test::sharedPath("spec/demo-schema.graphql"), dotted));
        ClientPanel *dots = first->addPanel();
        PanelSetup dottedSetup = dots->setup();
        dottedSetup.schemaSource = Kind::SdlFile;
        dottedSetup.schemaFile = dotted;
        dots->applySetup(dottedSetup);
        // Typing in the URL field takes a panel off the embedded server.
        ClientPanel *typed = first->addPanel();
        QTest::keyClicks(typed->findChild<QLineEdit *>("urlEdit"), "x");
        QVERIFY(!typed->setup().embeddedServer);

        const QString path = dir.filePath("follows.subscope.json");
        QString error;
        QVERIFY2(first->saveWorkspace(path, &error), qPrintable(error));
        const QJsonObject json = QJsonDocument::fromJson(readAll(path).toUtf8()).object();
        QVERIFY(!json["panels"][0]["schema"].toObject().contains("path"));
        QVERIFY(!json["panels"][1]["schema"].toObject().contains("url"));
        QCOMPARE(json["panels"][2]["schema"]["path"].toString(),
                 QStringLiteral("..dotted.graphql"));
        QVERIFY(json["panels"][1]["embeddedServer"].toBool());
        QVERIFY(!json["panels"][3]["embeddedServer"].toBool());
        // Nothing secret in it: the file is readable as usual.
        QVERIFY(QFile::permissions(path) & QFile::ReadOther);

        auto second = test::explorerWindow();
        QVERIFY(second->server().start());
        QVERIFY2(second->openWorkspace(path, &error), qPrintable(error));
        QCOMPARE(second->panelCount(), 4);
        QVERIFY(!second->isWorkspaceModified());
        QCOMPARE(second->panel(0)->setup().schemaSource, Kind::SdlFile);
        QVERIFY(second->panel(0)->setup().schemaFile.isEmpty());
        // The introspection URL follows the embedded server to its new port, and goes on
        // following the panel's URL.
        auto *reopenedUrl = second->panel(1)->findChild<QLineEdit *>("schemaUrlEdit");
        QCOMPARE(reopenedUrl->text(), second->server().httpUrl() + "/graphql/");
        QVERIFY(reopenedUrl->text() != oldHttp);
        second->panel(1)->setUrl("ws://elsewhere.example:9000/graphql/");
        QCOMPARE(reopenedUrl->text(), QStringLiteral("http://elsewhere.example:9000/graphql/"));
        QTRY_VERIFY_WITH_TIMEOUT(second->panel(2)->schema() != nullptr, Timeout);
        second->panel(3)->setQuery("subscription { changed { id } }");
        QVERIFY(second->isWorkspaceModified());

        // Credentials in a workspace: readable by its owner only.
        second->panel(0)->setHeaders("Authorization: Token secret");
        const QString secret = dir.filePath("secret.subscope.json");
        QVERIFY2(second->saveWorkspace(secret, &error), qPrintable(error));
        QCOMPARE(QFile::permissions(secret) & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
        QVERIFY(!second->isWorkspaceModified());
    }

    void workspaceThatIsWrongChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray(
                                         "{\n  \"format\": \"subscope-workspace\",\n  \"version\"")
                                  << "not JSON: unterminated string at line 3, column 12";
        QTest::newRow("an array") << QByteArray("[]")
                                  << "not a Subscope workspace: the document "
                                     "is not a JSON object";
        QTest::newRow("another format")
            << QByteArray("{\"format\": \"insomnia\", \"version\": 1}")
            << "not a Subscope workspace: \"format\" is not \"subscope-workspace\"";
        QTest::newRow("newer version")
            << QByteArray("{\"format\": \"subscope-workspace\", \"version\": 2, \"panels\": []}")
            << "written by a newer Subscope (workspace version 2; this one reads up to version 1)";
        QTest::newRow("version not whole")
            << QByteArray("{\"format\": \"subscope-workspace\", \"version\": 1.5}")
            << "version: expected a whole number, found 1.5";
        QTest::newRow("no version") << QByteArray("{\"format\": \"subscope-workspace\"}")
                                    << "version: expected a whole number, found nothing";
        QTest::newRow("panels not a list")
            << QByteArray("{\"format\": \"subscope-workspace\", \"version\": 1, \"panels\": {}}")
            << "panels: expected an array, found an object";
        QTest::newRow("a panel not an object")
            << QByteArray(
                   "{\"format\": \"subscope-workspace\", \"version\": 1, \"panels\": [{}, 3]}")
            << "panels[1]: expected an object, found a number";
        QTest::newRow("unknown protocol")
            << QByteArray("{\"format\": \"subscope-workspace\", \"version\": 1,"
                          " \"panels\": [{\"protocol\": \"graphql-sse\"}]}")
            << "panels[0].protocol: \"graphql-sse\" is not one of auto, graphql-transport-ws, "
               "graphql-ws";
        QTest::newRow("query not text")
            << QByteArray("{\"format\": \"subscope-workspace\", \"version\": 1,"
                          " \"panels\": [{\"url\": \"ws://a/\", \"query\": 42}]}")
            << "panels[0].query: expected a string, found a number";
        QTest::newRow("embeddedServer not a boolean")
            << QByteArray("{\"format\": \"subscope-workspace\", \"version\": 1,"
                          " \"panels\": [{\"embeddedServer\": \"yes\"}]}")
            << "panels[0].embeddedServer: expected true or false, found a string";

        QTest::newRow("unknown schema source")
            << QByteArray("{\"format\": \"subscope-workspace\", \"version\": 1,"
                          " \"panels\": [{\"schema\": {\"source\": \"ftp\"}}]}")
            << "panels[0].schema.source: \"ftp\" is not one of embedded, introspection, file";
        QTest::newRow("current panel out of range")
            << QByteArray(
                   "{\"format\": \"subscope-workspace\", \"version\": 1, \"currentPanel\": 3,"
                   " \"panels\": [{}]}")
            << "currentPanel: expected the index of one of the 1 panels, found 3";
    }

    void workspaceThatIsWrongChangesNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        auto window = test::explorerWindow();
        window->addPanel()->setQuery("subscription { kept { id } }");
        window->addPanel()->setVariables("{\"kept\": true}");
        const QString good = dir.filePath("good.subscope.json");
        QString error;
        QVERIFY2(window->saveWorkspace(good, &error), qPrintable(error));
        const Workspace before = window->workspace();

        const QString path = dir.filePath("bad.subscope.json");
        QVERIFY(writeAll(path, content));
        QVERIFY(!window->openWorkspace(path, &error));
        QCOMPARE(error, path + ": " + message);
        QCOMPARE(window->workspace(), before);
        QCOMPARE(window->workspacePath(), good);
        QVERIFY(!window->recentWorkspaces()->values().contains(path));
    }

    void workspaceFileThatCannotBeReadOrWritten()
    {
        auto window = test::explorerWindow();
        window->addPanel();
        const Workspace before = window->workspace();
        QString error;
        const QString missing = dir.filePath("missing.subscope.json");
        QVERIFY(!window->openWorkspace(missing, &error));
        QCOMPARE(error, "Cannot read " + missing + ": No such file or directory");
        QVERIFY(!window->openWorkspace(dir.path(), &error));
        QCOMPARE(error, "Cannot read " + dir.path() + ": it is a directory");
        QCOMPARE(window->workspace(), before);

        const QString unwritable = dir.filePath("no-such-dir/w.subscope.json");
        QVERIFY(!window->saveWorkspace(unwritable, &error));
        QVERIFY2(error.startsWith("Cannot write " + unwritable + ": "), qPrintable(error));
        QVERIFY(window->workspacePath().isEmpty());
        QCOMPARE(window->windowTitle(), QStringLiteral("Subscope"));

        // Saving over a workspace replaces it whole.
        const QString path = dir.filePath("over.subscope.json");
        QVERIFY(writeAll(path, QByteArray(100000, 'x')));
        QVERIFY2(window->saveWorkspace(path, &error), qPrintable(error));
        Workspace read;
        QVERIFY2(loadWorkspaceFile(path, &read, &error), qPrintable(error));
        QCOMPARE(read, window->workspace());
    }

    void workspaceSettingsRestoreLayoutRecentsAndAppearance()
    {
        const QString schemaFile = dir.filePath("recent.graphql");
        QFile::remove(schemaFile);
        QVERIFY(QFile::copy(test::sharedPath("spec/demo-schema.graphql"), schemaFile));
        QString connectedUrl;
        const QString workspaceFile = dir.filePath("recent.subscope.json");
        {
            auto window = test::explorerWindow();
            QVERIFY(window->server().start());
            window->resize(1234, 777);
            window->findChild<QDockWidget *>("docsDock")->hide();
            window->findChild<QDockWidget *>("groupsDock")->setFloating(true);
            ClientPanel *panel = test::readyPanel(*window, Protocol::Auto);
            QVERIFY(panel);
            connectedUrl = panel->url();
            PanelSetup setup = panel->setup();
            setup.schemaSource = Kind::SdlFile;
            setup.schemaFile = schemaFile;
            panel->applySetup(setup);
            QTRY_VERIFY_WITH_TIMEOUT(panel->schema() != nullptr, Timeout);
            QString error;
            QVERIFY2(window->saveWorkspace(workspaceFile, &error), qPrintable(error));
            window->setAppearance(Appearance::Dark);
            window->close();
        }
        QCOMPARE(QSettings().value("appearance").toString(), QStringLiteral("dark"));
        applyAppearance(Appearance::System);

        auto window = test::explorerWindow();
        QCOMPARE(currentAppearance(), Appearance::Dark);
        QVERIFY(isDarkPalette());
        QCOMPARE(window->size(), QSize(1234, 777));
        QVERIFY(window->findChild<QDockWidget *>("docsDock")->isHidden());
        QVERIFY(window->findChild<QDockWidget *>("groupsDock")->isFloating());
        QVERIFY(!window->findChild<QDockWidget *>("inspectorDock")->isHidden());
        QCOMPARE(window->recentUrls()->values(), QStringList{connectedUrl});
        QCOMPARE(window->recentSchemaFiles()->values(), QStringList{schemaFile});
        QCOMPARE(window->recentWorkspaces()->values(), QStringList{workspaceFile});
        // The recent URLs complete the URL field of every panel.
        ClientPanel *panel = window->addPanel();
        auto *url = panel->findChild<QLineEdit *>("urlEdit");
        QVERIFY(url->completer());
        QCOMPARE(url->completer()->model(), window->recentUrls());
        auto *file = panel->findChild<QLineEdit *>("schemaFileEdit");
        QVERIFY(file->completer());
        QCOMPARE(file->completer()->model(), window->recentSchemaFiles());

        // Newest first, once each, at most twelve.
        for (int i = 0; i < 14; ++i)
            window->recentUrls()->add(QStringLiteral("ws://host%1/").arg(i));
        window->recentUrls()->add(QStringLiteral("ws://host5/"));
        const QStringList urls = QSettings().value("recent/urls").toStringList();
        QCOMPARE(urls.size(), RecentList::DefaultCapacity);
        QCOMPARE(urls.first(), QStringLiteral("ws://host5/"));
        QCOMPARE(urls.count(QStringLiteral("ws://host5/")), 1);
        QCOMPARE(urls.at(1), QStringLiteral("ws://host13/"));
    }

    void workspaceAppearanceFollowsThePalette()
    {
        auto window = test::explorerWindow();
        QVERIFY(window->server().start());
        ClientPanel *panel = test::readyPanel(*window, Protocol::TransportWs);
        QVERIFY(panel);
        const int row = test::subscribeAndRegister(panel, "subscription { myModelCreated { id } }");
        QVERIFY(row >= 0);
        const QModelIndex state = panel->operations()->index(row, OperationsModel::StateColumn);
        const auto stateColour = [&] { return state.data(Qt::ForegroundRole).value<QColor>(); };
        const QColor lightKeyword(0x8e, 0x44, 0xad);
        const QColor darkKeyword(0xc3, 0x9b, 0xd3);
        QCOMPARE(highlightAt(panel->editor(), 0), lightKeyword);
        QCOMPARE(stateColour(), QColor(0x1e, 0x84, 0x49));

        window->setAppearance(Appearance::Dark);
        QVERIFY(isDarkPalette());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 128);
        QCOMPARE(highlightAt(panel->editor(), 0), darkKeyword);
        QCOMPARE(stateColour(), QColor(0x58, 0xd6, 0x8d));
        // Widgets hear of the new palette from the event loop.
        QTRY_VERIFY(panel->findChild<QLabel *>("statusLabel")->text().contains("#58d68d"));
        QCOMPARE(QSettings().value("appearance").toString(), QStringLiteral("dark"));

        window->setAppearance(Appearance::Light);
        QVERIFY(!isDarkPalette());
        QCOMPARE(highlightAt(panel->editor(), 0), lightKeyword);
        QTRY_VERIFY(panel->findChild<QLabel *>("statusLabel")->text().contains("#1e8449"));

        window->setAppearance(Appearance::System);
        QCOMPARE(QApplication::palette().color(QPalette::Base),
                 systemPalette.color(QPalette::Base));
        QCOMPARE(QApplication::palette().color(QPalette::Text),
                 systemPalette.color(QPalette::Text));
        QCOMPARE(QSettings().value("appearance").toString(), QStringLiteral("system"));
    }

    void workspaceShortcutsActOnTheCurrentPanelOrTheInspector()
    {
        auto window = test::explorerWindow();
        QVERIFY(window->server().start());
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        const int panels = window->panelCount();
        QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(window->panelCount(), panels + 1);
        ClientPanel *panel = window->panel(window->panelCount() - 1);

        // Ctrl+Shift+K connects, Ctrl+Enter subscribes.
        QTest::keyClick(window.get(), Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(panel->connection().state(), ClientConnection::State::Ready,
                                  Timeout);
        panel->setQuery("subscription { myModelCreated { id } }");
        panel->editor()->setFocus();
        QTest::keyClick(panel->editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(panel->operations()->rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(panel->operations()->state(0),
                                  protocol::OperationState::Registered, Timeout);
        test::fireGroup(window->triggerPanel(), "MyModelCreated", "{\"id\": 1}");
        QTRY_COMPARE_WITH_TIMEOUT(panel->currentStream()->rowCount(), 3,
                                  Timeout); // sent, ack, event

        // Ctrl+L clears the selected stream; the inspector keeps its frames.
        const int frames = window->traffic()->rowCount();
        QVERIFY(frames > 0);
        QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(panel->currentStream()->rowCount(), 0);
        QCOMPARE(window->traffic()->rowCount(), frames);

        // With the focus in the inspector, Ctrl+L clears the inspector.
        auto *view = window->inspector()->findChild<QWidget *>("inspectorView");
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_L, Qt::ControlModifier);
        QTRY_COMPARE(window->traffic()->rowCount(), 0);

        // Ctrl+F goes to the inspector's filter.
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(window->inspector()->findChild<QLineEdit *>("inspectorFilter")->hasFocus());

        // Ctrl+. stops the selected operation (W26); again, nothing runs: said so.
        QTest::keyClick(window.get(), Qt::Key_Period, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->operations()->isActive(0), Timeout);
        QTest::keyClick(window.get(), Qt::Key_Period, Qt::ControlModifier);
        QVERIFY2(panel->statusText().contains("No running operation is selected"),
                 qPrintable(panel->statusText()));

        // Ctrl+Enter in the trigger's value editor does not subscribe the panel.
        auto *value = window->triggerPanel()->findChild<QWidget *>("valueEditor");
        QVERIFY(value);
        value->setFocus();
        QTRY_VERIFY(value->hasFocus());
        QTest::keyClick(value, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(panel->operations()->rowCount(), 1);

        // Ctrl+PgUp / Ctrl+PgDown go round the panels.
        auto *tabs = window->findChild<QTabWidget *>("panelTabs");
        const int last = window->panelCount() - 1;
        QCOMPARE(tabs->currentIndex(), last);
        QTest::keyClick(window.get(), Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 0);
        QTest::keyClick(window.get(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), last);
    }
};

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
