#include "command.h"
#include "graphql/json_value.h"
#include "schema_option.h"
#include "server/model_events.h"
#include "server/server_config.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTextStream>
#include <QTimer>

#include <functional>

namespace subscope::cli {

namespace {

// What one request carries at most: the server refuses bodies over 4 MiB (413).
constexpr qsizetype MaxBatchBytes = 1024 * 1024;

// --events: {"group": ..., "value": ...} a line (at_ms and other keys are ignored), blank lines
// skipped. Each entry is the JSON of one batch element and the line it came from.
struct EventLine
{
    int line;
    QByteArray json;
};

bool readEventLines(QIODevice &input, const QString &name, std::vector<EventLine> *events,
                    QString *error)
{
    int number = 0;
    while (!input.atEnd()) {
        ++number;
        const QByteArray text = input.readLine().trimmed();
        if (text.isEmpty()) continue;
        graphql::JsonValue line;
        std::string problem;
        const auto where = QStringLiteral("%1:%2: ").arg(name).arg(number);
        if (!graphql::JsonValue::fromJson(text.toStdString(), &line, &problem)) {
            *error = where + QStringLiteral("not JSON (%1)").arg(QString::fromStdString(problem));
            return false;
        }
        const graphql::JsonValue *group = line.isObject() ? line.find("group") : nullptr;
        const graphql::JsonValue *value = line.isObject() ? line.find("value") : nullptr;
        if (!group || !group->isString() || !value) {
            *error = where + QStringLiteral("a line must be {\"group\": \"...\", \"value\": "
                                            "...} (model events: one at a time with --model)");
            return false;
        }
        graphql::JsonValue event = graphql::JsonValue::object();
        event.insert("group", *group);
        event.insert("value", *value);
        events->push_back({number, QByteArray::fromStdString(event.toJson())});
    }
    return true;
}

} // namespace

int runTrigger(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fires an event into a running Subscope server:\n"
        "  subscope trigger GROUP 'JSON'\n"
        "  subscope trigger --model MyModel --action update --pk 3 --fields '{\"name\":\"x\"}'\n"
        "  subscope trigger --events events.jsonl"));
    parser.addHelpOption();
    const QCommandLineOption serverUrl(
        QStringLiteral("server"),
        QStringLiteral("The server (default http://127.0.0.1:%1).").arg(server::DefaultPort),
        QStringLiteral("URL"));
    const QCommandLineOption model(QStringLiteral("model"),
                                   QStringLiteral("Fire a model event of this @model type."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption action(QStringLiteral("action"),
                                    QStringLiteral("create, update or delete."),
                                    QStringLiteral("ACTION"));
    const QCommandLineOption pk(QStringLiteral("pk"),
                                QStringLiteral("The model instance's primary key."),
                                QStringLiteral("PK"));
    const QCommandLineOption fields(QStringLiteral("fields"),
                                    QStringLiteral("The model's fields, a JSON object."),
                                    QStringLiteral("JSON"));
    const QCommandLineOption eventsFile(
        QStringLiteral("events"),
        QStringLiteral("Fire every {\"group\", \"value\"} line of a JSON-lines file (- for "
                       "standard input) at once, in order, in batches of POST /trigger; at_ms "
                       "is ignored. Nothing is sent unless every line is well formed."),
        QStringLiteral("FILE"));
    const QCommandLineOption token(
        QStringLiteral("token"),
        QStringLiteral("The server's --trigger-token (default: $SUBSCOPE_TRIGGER_TOKEN)."),
        QStringLiteral("TOKEN"));
    const QCommandLineOption caCert(
        QStringLiteral("cacert"),
        QStringLiteral("Trust this PEM certificate for an https:// server, e.g. the server's own "
                       "--tls-cert when it is self-signed."),
        QStringLiteral("FILE"));
    for (const QCommandLineOption &o :
         {serverUrl, model, action, pk, fields, eventsFile, token, caCert})
        parser.addOption(o);
    parser.addPositionalArgument(QStringLiteral("group"), QStringLiteral("The group to fire into."),
                                 QStringLiteral("[GROUP 'JSON']"));
    if (const std::optional<int> exit = parseSubcommand(parser, arguments)) return *exit;
    QTextStream err(stderr);
    auto usage = [&](const QString &message) {
        err << "subscope trigger: " << message << '\n';
        return int(UsageError);
    };

    QString path;
    graphql::JsonValue body = graphql::JsonValue::object();
    std::vector<QByteArray> batches; // --events: the bodies to post, in order
    std::vector<int> batchFirstLine;
    if (parser.isSet(eventsFile)) {
        if (parser.isSet(model) || !parser.positionalArguments().isEmpty())
            return usage(QStringLiteral("give --events alone, not with GROUP 'JSON' or --model"));
        const QString name = parser.value(eventsFile);
        QFile file(name);
        const bool opened = name == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                       : file.open(QIODevice::ReadOnly);
        if (!opened)
            return usage(QStringLiteral("cannot read %1: %2").arg(name, file.errorString()));
        std::vector<EventLine> events;
        QString problem;
        if (!readEventLines(file, name == QLatin1String("-") ? QStringLiteral("stdin") : name,
                            &events, &problem))
            return usage(problem + QStringLiteral(". Nothing was fired."));
        if (events.empty()) return usage(name + QStringLiteral(": no events"));
        for (const EventLine &event : events) {
            if (batches.empty() || batches.back().size() + event.json.size() + 2 > MaxBatchBytes) {
                if (!batches.empty()) batches.back() += ']';
                batches.push_back("[");
                batchFirstLine.push_back(event.line);
            } else {
                batches.back() += ',';
            }
            batches.back() += event.json;
        }
        batches.back() += ']';
        path = QStringLiteral("/trigger");
    } else if (parser.isSet(model)) {
        if (!parser.positionalArguments().isEmpty())
            return usage(QStringLiteral("give either GROUP 'JSON' or --model, not both"));
        if (!parser.isSet(action) || !parser.isSet(pk))
            return usage(QStringLiteral("--model needs --action and --pk"));
        path = QStringLiteral("/models/") + parser.value(model);
        body.insert("action", parser.value(action).toStdString());
        body.insert("pk", server::pkFromText(parser.value(pk).toStdString()));
        if (parser.isSet(fields)) {
            graphql::JsonValue f;
            std::string problem;
            if (!graphql::JsonValue::fromJson(parser.value(fields).toStdString(), &f, &problem) ||
                !f.isObject())
                return usage(QStringLiteral("--fields must be a JSON object"));
            body.insert("fields", f);
        }
    } else {
        const QStringList positional = parser.positionalArguments();
        if (positional.size() != 2)
            return usage(
                QStringLiteral("give GROUP and a JSON value (or --model ...); see --help"));
        graphql::JsonValue value;
        std::string problem;
        if (!graphql::JsonValue::fromJson(positional[1].toStdString(), &value, &problem))
            return usage(
                QStringLiteral("the value is not JSON (%1); a text needs quotes: '\"text\"'")
                    .arg(QString::fromStdString(problem)));
        path = QStringLiteral("/trigger");
        body.insert("group", positional[0].toStdString());
        body.insert("value", value);
    }

    QUrl url(parser.isSet(serverUrl)
                 ? parser.value(serverUrl)
                 : QStringLiteral("http://127.0.0.1:%1").arg(server::DefaultPort));
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return usage(QStringLiteral("--server must be an http:// or https:// URL"));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (parser.isSet(caCert)) {
        const QList<QSslCertificate> trusted =
            QSslCertificate::fromPath(parser.value(caCert), QSsl::Pem);
        if (trusted.isEmpty())
            return usage(
                QStringLiteral("--cacert: %1 holds no PEM certificate").arg(parser.value(caCert)));
        tls.setCaCertificates(QSslConfiguration::systemCaCertificates() + trusted);
    }
    url.setPath(path);
    const QByteArray bearer =
        parser.isSet(token) ? parser.value(token).toUtf8() : qgetenv("SUBSCOPE_TRIGGER_TOKEN");
    QNetworkAccessManager network;
    if (batches.empty()) batches.push_back(QByteArray::fromStdString(body.toJson()));
    int status = Success;
    size_t next = 0;
    int64_t events = 0, deliveries = 0;
    bool published = false; // with Redis, each server delivers what it hears: no count here
    std::function<void()> postNext = [&] {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        if (!bearer.isEmpty()) request.setRawHeader("Authorization", "Bearer " + bearer);
        request.setTransferTimeout(10000);
        request.setSslConfiguration(tls);
        QNetworkReply *reply = network.post(request, batches[next]);
        QObject::connect(reply, &QNetworkReply::finished, [&, reply] {
            reply->deleteLater();
            const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray answer = reply->readAll();
            // Batches after the first that fail: say which lines went out before.
            const QString before = next == 0
                                       ? QString()
                                       : QStringLiteral(" (the lines before line %1 were fired)")
                                             .arg(batchFirstLine[next]);
            if (code == 0) {
                err << "subscope trigger: cannot reach " << url.toString(QUrl::RemovePath) << ": "
                    << reply->errorString()
                    << (reply->error() == QNetworkReply::SslHandshakeFailedError &&
                                !parser.isSet(caCert)
                            ? " (a self-signed server's certificate is given with --cacert)"
                            : "")
                    << before << '\n';
                status = UsageError;
            } else if (code < 200 || code >= 300) {
                err << "subscope trigger: " << code << ' ' << answer << before << '\n';
                status = Invalid;
            } else if (batchFirstLine.empty()) {
                QTextStream(stdout) << answer << '\n';
            } else {
                graphql::JsonValue counts;
                std::string problem;
                if (graphql::JsonValue::fromJson(answer.toStdString(), &counts, &problem) &&
                    counts.isObject()) {
                    if (const graphql::JsonValue *e = counts.find("events"); e && e->isInt())
                        events += e->toInt();
                    if (const graphql::JsonValue *d = counts.find("deliveries"); d && d->isInt())
                        deliveries += d->toInt();
                    if (const graphql::JsonValue *p = counts.find("published"); p && p->isBool())
                        published |= p->toBool();
                }
                if (++next < batches.size()) {
                    postNext();
                    return;
                }
                QTextStream(stdout)
                    << "{\"events\":" << events
                    << (published ? QStringLiteral(",\"published\":true}\n")
                                  : QStringLiteral(",\"deliveries\":%1}\n").arg(deliveries));
            }
            QCoreApplication::exit(0);
        });
    };
    postNext();
    QCoreApplication::exec();
    return status;
}

} // namespace subscope::cli
