#include "channel_layer_option.h"
#include "command.h"
#include "command_line.h"
#include "log_output.h"
#include "schema_option.h"
#include "server/access_file.h"
#include "server/event_replay.h"
#include "server/fixtures_file.h"
#include "server/headless_server.h"
#include "server/logging.h"
#include "server/open_file_limit.h"
#include "server/tls_files.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace subscope::cli {

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char c = signal == SIGHUP ? 'H' : 'T';
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &c, 1);
}

bool positiveInt(const QString &text, int min, int *out)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < min) return false;
    *out = v;
    return true;
}

} // namespace

int runHeadless(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Serves GraphQL subscriptions over WebSocket (graphql-transport-ws and "
                       "graphql-ws) and the HTTP API\n"
                       "(POST /trigger, POST /models/<name>, POST /graphql/, GET /healthz, GET "
                       "/metrics) on one port."));
    parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    QCommandLineOption headlessOption(QStringLiteral("headless"),
                                      QStringLiteral("Run the server without the explorer."));
    // subscope-server is the server alone: it takes --headless but has no explorer to mention.
    if (QCoreApplication::applicationName() == QLatin1String("subscope-server"))
        headlessOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(headlessOption);
    parser.addOption(schemaOption());
    const QCommandLineOption port(
        QStringLiteral("port"),
        QStringLiteral("Port (default %1; 0: any free port).").arg(server::DefaultPort),
        QStringLiteral("N"));
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                  QStringLiteral("ADDR"));
    const QCommandLineOption path(QStringLiteral("path"),
                                  QStringLiteral("WebSocket and GraphQL path (default /graphql/)."),
                                  QStringLiteral("PATH"));
    const QCommandLineOption keepalive(
        QStringLiteral("keepalive"),
        QStringLiteral("Keepalive interval in seconds, 0 for none (default 10)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption initTimeout(
        QStringLiteral("init-timeout"),
        QStringLiteral(
            "Seconds a socket may wait before connection_init, 0 for no limit (default 10)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption outboxSize(
        QStringLiteral("outbox-size"),
        QStringLiteral("Frames each socket's outbox holds (default 256)."), QStringLiteral("N"));
    const QCommandLineOption overflow(
        QStringLiteral("overflow"),
        QStringLiteral(
            "What a full outbox does: drop_newest (default), drop_oldest or close_connection."),
        QStringLiteral("STRATEGY"));
    const QCommandLineOption lenient(
        QStringLiteral("lenient-group-names"),
        QStringLiteral("Normalise invalid group names instead of refusing them."));
    const QCommandLineOption logFormat(QStringLiteral("log-format"),
                                       QStringLiteral("Log lines as text (default) or json."),
                                       QStringLiteral("FORMAT"));
    const QCommandLineOption quiet(QStringLiteral("quiet"),
                                   QStringLiteral("Log warnings and errors only."));
    const QCommandLineOption auth(QStringLiteral("auth"),
                                  QStringLiteral("Users: a JSON file of tokens, their users and "
                                                 "the groups each may join (its format: man subscope)."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption requireAuth(
        QStringLiteral("require-auth"),
        QStringLiteral("Sockets without a known token may join no group."));
    const QCommandLineOption fixtures(
        QStringLiteral("fixtures"),
        QStringLiteral("Values of query fields: a JSON object of \"Type.field\": value."),
        QStringLiteral("FILE"));
    const QCommandLineOption events(
        QStringLiteral("events"),
        QStringLiteral("Fire the events of a JSON-lines file on schedule, or read them from "
                       "standard input (-)."),
        QStringLiteral("FILE"));
    const QCommandLineOption maxConnections(
        QStringLiteral("max-connections"),
        QStringLiteral("WebSocket connections held at once; more get HTTP 503 (default 10000)."),
        QStringLiteral("N"));
    const QCommandLineOption maxOperations(
        QStringLiteral("max-operations"),
        QStringLiteral("Subscriptions per socket; more get a TOO_MANY_OPERATIONS error "
                       "(default 100, 0: no limit)."),
        QStringLiteral("N"));
    const QCommandLineOption maxMessage(
        QStringLiteral("max-message-size"),
        QStringLiteral("Largest WebSocket message a client may send, in bytes; larger ones close "
                       "the socket with 1009 (default 1048576)."),
        QStringLiteral("BYTES"));
    const QCommandLineOption maxBody(
        QStringLiteral("max-body-size"),
        QStringLiteral("Largest HTTP request body, in bytes; larger ones get 413 (default "
                       "4194304)."),
        QStringLiteral("BYTES"));
    const QCommandLineOption triggerToken(
        QStringLiteral("trigger-token"),
        QStringLiteral("POST /trigger and /models/<name> then need \"Authorization: Bearer "
                       "TOKEN\" (or set SUBSCOPE_TRIGGER_TOKEN). Without it, a server bound "
                       "beyond loopback refuses them."),
        QStringLiteral("TOKEN"));
    const QCommandLineOption allowedOrigins(
        QStringLiteral("allowed-origins"),
        QStringLiteral("Comma-separated origins whose web pages may open WebSockets, e.g. "
                       "https://app.example.com (default: any)."),
        QStringLiteral("LIST"));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve wss:// and https:// with this PEM certificate (then any "
                       "intermediates); needs --tls-key."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(
        QStringLiteral("tls-key"),
        QStringLiteral("The PEM private key of --tls-cert, without a passphrase."),
        QStringLiteral("FILE"));
    for (const QCommandLineOption &o :
         {port,         bind,           path,           keepalive,     initTimeout, outboxSize,
          overflow,     lenient,        auth,           requireAuth,   fixtures,    logFormat,
          quiet,        events,         maxConnections, maxOperations, maxMessage,  maxBody,
          triggerToken, allowedOrigins, tlsCert,        tlsKey})
        parser.addOption(o);
    addChannelLayerOptions(parser);
    if (const std::optional<int> exit = parseSubcommand(parser, arguments)) return *exit;
    const bool server = QCoreApplication::applicationName() == QLatin1String("subscope-server");
    if (parser.isSet(version)) {
        QTextStream(stdout) << versionLine(server ? Program::Server : Program::Subscope) << '\n';
        return Success;
    }

    QTextStream err(stderr);
    const QString program =
        server ? QStringLiteral("subscope-server") : QStringLiteral("subscope --headless");
    auto usage = [&](const QString &message) {
        err << program << ": " << message << '\n';
        return int(UsageError);
    };
    if (!parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("unexpected argument '%1' (options start with --)")
                         .arg(parser.positionalArguments().constFirst()));
    server::ServerConfig config;
    int number = 0;
    if (parser.isSet(port)) {
        if (!positiveInt(parser.value(port), 0, &number) || number > 65535)
            return usage(QStringLiteral("--port must be a port number (0-65535)"));
        config.port = quint16(number);
    }
    if (parser.isSet(bind) && !config.bind.setAddress(parser.value(bind)))
        return usage(
            QStringLiteral("--bind must be an IP address, not '%1'").arg(parser.value(bind)));
    if (parser.isSet(path)) {
        config.path = parser.value(path);
        if (!config.path.startsWith(QLatin1Char('/')))
            return usage(QStringLiteral("--path must start with '/'"));
    }
    if (parser.isSet(keepalive) &&
        !positiveInt(parser.value(keepalive), 0, &config.keepaliveSeconds))
        return usage(QStringLiteral("--keepalive must be a number of seconds"));
    if (parser.isSet(initTimeout) &&
        !positiveInt(parser.value(initTimeout), 0, &config.initTimeoutSeconds))
        return usage(QStringLiteral("--init-timeout must be a number of seconds"));
    if (parser.isSet(outboxSize)) {
        if (!positiveInt(parser.value(outboxSize), 1, &number))
            return usage(QStringLiteral("--outbox-size must be a number of frames, 1 or more"));
        config.outboxSize = size_t(number);
    }
    if (parser.isSet(overflow)) {
        const auto strategy = registry::overflowStrategyFromName(parser.value(overflow));
        if (!strategy)
            return usage(
                QStringLiteral("--overflow must be drop_newest, drop_oldest or close_connection"));
        config.overflow = *strategy;
    }
    if (parser.isSet(maxConnections) &&
        !positiveInt(parser.value(maxConnections), 1, &config.maxConnections))
        return usage(QStringLiteral("--max-connections must be a number, 1 or more"));
    if (parser.isSet(maxOperations) &&
        !positiveInt(parser.value(maxOperations), 0, &config.maxOperations))
        return usage(QStringLiteral("--max-operations must be a number, 0 for no limit"));
    if (parser.isSet(maxMessage)) {
        if (!positiveInt(parser.value(maxMessage), 125, &number))
            return usage(
                QStringLiteral("--max-message-size must be a number of bytes, 125 or more"));
        config.maxMessageBytes = number;
    }
    if (parser.isSet(maxBody)) {
        if (!positiveInt(parser.value(maxBody), 1024, &number))
            return usage(QStringLiteral("--max-body-size must be a number of bytes, 1024 or more"));
        config.maxBodyBytes = number;
    }
    config.triggerToken = parser.isSet(triggerToken) ? parser.value(triggerToken).toUtf8()
                                                     : qgetenv("SUBSCOPE_TRIGGER_TOKEN");
    if (parser.isSet(triggerToken) && config.triggerToken.trimmed().isEmpty())
        return usage(QStringLiteral("--trigger-token must not be empty"));
    if (parser.isSet(allowedOrigins)) {
        for (const QString &origin : parser.value(allowedOrigins).split(QLatin1Char(','))) {
            const QString o = origin.trimmed();
            const QUrl url(o);
            if (o != QLatin1String("*") &&
                (!url.isValid() || url.host().isEmpty() ||
                 (!url.path().isEmpty() && url.path() != QLatin1String("/")) ||
                 (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))))
                return usage(QStringLiteral("--allowed-origins: '%1' is not an origin such as "
                                            "https://app.example.com")
                                 .arg(o));
            config.allowedOrigins << o;
        }
    }
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return usage(parser.isSet(tlsCert) ? QStringLiteral("--tls-cert needs --tls-key")
                                           : QStringLiteral("--tls-key needs --tls-cert"));
    QString problem;
    if (!applyChannelLayerOptions(parser, &config, &problem)) return usage(problem);
    if (parser.isSet(lenient)) config.groupNames = graphql::GroupNameMode::Lenient;
    if (parser.isSet(auth) || parser.isSet(requireAuth)) {
        protocol::AccessRules rules;
        if (parser.isSet(auth)) {
            QString problem;
            auto loaded = server::loadAccessRules(parser.value(auth), &problem);
            if (!loaded) return usage(QStringLiteral("--auth: ") + problem);
            rules = std::move(*loaded);
        }
        rules.requireAuth = parser.isSet(requireAuth);
        config.access = std::make_shared<const protocol::AccessRules>(std::move(rules));
    }
    LogFormat format = LogFormat::Text;
    if (parser.isSet(logFormat)) {
        if (parser.value(logFormat) == QLatin1String("json"))
            format = LogFormat::Json;
        else if (parser.value(logFormat) != QLatin1String("text"))
            return usage(QStringLiteral("--log-format must be text or json"));
    }
    installLogOutput(format, parser.isSet(quiet));

    const auto schema = loadSchemaOption(parser);
    if (!schema) return UsageError;
    QString error;
    graphql::Fixtures values;
    if (parser.isSet(fixtures)) {
        auto loaded = server::loadFixtures(parser.value(fixtures), *schema, &error);
        if (!loaded) return usage(QStringLiteral("--fixtures: ") + error);
        values = std::move(*loaded);
    }
    if (parser.isSet(tlsCert)) {
        config.tls =
            server::loadTlsConfiguration(parser.value(tlsCert), parser.value(tlsKey), &error);
        if (!config.tls) return usage(error);
        if (const QString warning = server::certificateValidityWarning(*config.tls);
            !warning.isEmpty())
            qCWarning(lcServer).noquote() << warning;
    }
    std::optional<QByteArray> eventsFile;
    if (parser.isSet(events) && parser.value(events) != QLatin1String("-")) {
        eventsFile = server::EventReplay::readFile(parser.value(events), &error);
        if (!eventsFile) return usage(QStringLiteral("--events: ") + error);
    }
    server::raiseOpenFileLimit(config.maxConnections);
    if (!config.bind.isLoopback()) {
        const QString where = config.bind.toString();
        if (!config.access)
            qCWarning(lcServer).noquote() << "serving WebSockets on" << where
                                          << "without --auth: any client may join any group";
        if (config.allowedOrigins.isEmpty())
            qCWarning(lcServer).noquote()
                << "serving WebSockets on" << where
                << "without --allowed-origins: any web page may open them";
        if (config.triggerToken.isEmpty())
            qCWarning(lcServer).noquote() << "POST /trigger and /models/<name> are refused on"
                                          << where << "until a --trigger-token is given";
    }
    server::HeadlessServer headless(schema, config, std::move(values));
    if (!headless.start(&error)) {
        err << program << ": " << error << '\n';
        return UsageError;
    }
    QTextStream out(stdout);
    out << "Subscope " << QCoreApplication::applicationVersion() << " serving "
        << (parser.isSet(QStringLiteral("schema")) ? parser.value(QStringLiteral("schema"))
                                                   : QStringLiteral("the demo schema"))
        << '\n'
        << "  WebSocket  " << headless.websocketUrl() << "  (graphql-transport-ws, graphql-ws)\n"
        << "  HTTP       " << headless.httpUrl() << "  POST /trigger  POST /models/<name>  POST "
        << config.path << "  GET /healthz  GET /metrics\n";
    if (config.redis)
        out << "  Redis      " << config.redis->display() << "  channels "
            << QString::fromStdString(config.channelLayerPrefix) << "__group__<group>\n";
    out.flush();

    server::EventReplay replay(headless);
    if (eventsFile)
        replay.start(*eventsFile);
    else if (parser.isSet(events))
        replay.startStdin();

    // SIGINT / SIGTERM: close every socket with 1001 after its outbox, then exit 0.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        std::signal(SIGHUP, onSignal);
        const QString authFile = parser.isSet(auth) ? parser.value(auth) : QString();
        const bool requireAuthentication = parser.isSet(requireAuth);
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &headless);
        QObject::connect(notifier, &QSocketNotifier::activated, &headless, [=, &headless] {
            char c = 0;
            [[maybe_unused]] const ssize_t got = ::read(g_signalPipe[0], &c, 1);
            if (c == 'H') { // SIGHUP: the --auth file again, for joins from now on
                if (authFile.isEmpty()) {
                    qCWarning(lcServer) << "SIGHUP: there is no --auth file to reload";
                    return;
                }
                QString problem;
                auto rules = server::loadAccessRules(authFile, &problem);
                if (!rules) {
                    qCWarning(lcServer).noquote()
                        << "SIGHUP: --auth not reloaded, the previous users stay:" << problem;
                    return;
                }
                rules->requireAuth = requireAuthentication;
                const size_t users = rules->tokens.size();
                headless.setAccessRules(
                    std::make_shared<const protocol::AccessRules>(std::move(*rules)));
                qCInfo(lcServer).noquote() << "SIGHUP: reloaded" << authFile << "with" << users
                                           << (users == 1 ? "token" : "tokens");
                return;
            }
            notifier->setEnabled(false);
            qCInfo(lcServer) << "shutting down: closing every socket with 1001";
            headless.shutdown([] { QCoreApplication::exit(0); });
        });
    }
    return QCoreApplication::exec();
}

} // namespace subscope::cli
