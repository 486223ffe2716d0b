#include "cli/channel_layer_option.h"
#include "cli/command.h"
#include "cli/explorer_options.h"
#include "main_window.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>

namespace subscope::cli {

int runGui(int &argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("subscope"));
    // Settings (layout, recent URLs, appearance) go to ~/.config/subscope/subscope.conf.
    QApplication::setOrganizationName(QStringLiteral("subscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("Subscope"));
    QApplication::setApplicationVersion(QStringLiteral(SUBSCOPE_VERSION));
    // The desktop entry's name (io.github.subscope.Subscope.desktop) is the Wayland app id; on X11
    // the window's class is the application name, the entry's StartupWMClass.
    QApplication::setDesktopFileName(QStringLiteral(SUBSCOPE_APP_ID));
    // The installed theme icon where there is one, else the embedded SVG (a build tree).
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral(SUBSCOPE_APP_ID),
                                                 QIcon(QStringLiteral(":/icons/subscope.svg"))));

    QCommandLineParser parser;
    const ExplorerOptions options = addExplorerOptions(parser);
    const QCommandLineOption &port = options.port;
    const QCommandLineOption &workspace = options.workspace;
    parser.process(app);

    ui::MainWindow window;
    if (parser.isSet(QStringLiteral("schema")) &&
        !window.server().loadSchema(parser.value(QStringLiteral("schema")))) {
        QTextStream err(stderr);
        for (const QString &e : window.server().schemaErrors())
            err << e << '\n';
        return Invalid;
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535) {
            QTextStream(stderr) << "subscope: --port must be a number from 0 to 65535\n";
            return UsageError;
        }
        server::ServerConfig config = window.server().config();
        config.port = quint16(value);
        window.server().setConfig(config);
    }
    {
        server::ServerConfig config = window.server().config();
        QString error;
        if (!cli::applyChannelLayerOptions(parser, &config, &error)) {
            QTextStream(stderr) << "subscope: " << error << '\n';
            return UsageError;
        }
        window.server().setConfig(config);
    }
    if (parser.isSet(workspace)) {
        // A bad file is told before anything starts.
        ui::Workspace checked;
        QString error;
        if (!ui::loadWorkspaceFile(parser.value(workspace), &checked, &error) ||
            (window.startEmbeddedServer(),
             !window.openWorkspace(parser.value(workspace), &error))) {
            QTextStream(stderr) << "subscope: " << error << '\n';
            return Invalid;
        }
        window.show();
        return app.exec();
    }
    window.show();
    window.startDemoSession();
    return app.exec();
}

} // namespace subscope::cli
