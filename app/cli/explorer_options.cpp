#include "explorer_options.h"

#include "channel_layer_option.h"
#include "schema_option.h"

namespace subscope::cli {

ExplorerOptions addExplorerOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QStringLiteral("The Subscope explorer: an embedded server, client panels and a trigger "
                       "panel in one window."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(schemaOption());
    ExplorerOptions options{
        QCommandLineOption(QStringLiteral("port"),
                           QStringLiteral("The embedded server's port (default 8765; any free "
                                          "port when it is taken)."),
                           QStringLiteral("port")),
        QCommandLineOption(QStringLiteral("workspace"),
                           QStringLiteral("Open the client panels of a workspace file (File › "
                                          "Save workspace) instead of the demo panel."),
                           QStringLiteral("file")),
    };
    parser.addOption(options.port);
    parser.addOption(options.workspace);
    addChannelLayerOptions(parser);
    return options;
}

QString explorerOptionsHelp()
{
    QCommandLineParser parser;
    addExplorerOptions(parser);
    const QString help = parser.helpText();
    const QLatin1String heading("\nOptions:\n");
    const qsizetype options = help.indexOf(heading);
    return options < 0 ? help : QStringLiteral("options:\n") + help.mid(options + heading.size());
}

} // namespace subscope::cli
