#include "command.h"
#include "graphql/json_value.h"
#include "schema_option.h"
#include "server/model_events.h"
#include "server/server_config.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>
#include <QTimer>

namespace subscope::cli {

int runTrigger(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fires an event into a running Subscope server:\n"
        "  subscope trigger GROUP 'JSON'\n"
        "  subscope trigger --model MyModel --action update --pk 3 --fields '{\"name\":\"x\"}'"));
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
    for (const QCommandLineOption &o : {serverUrl, model, action, pk, fields})
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
    if (parser.isSet(model)) {
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
        return usage(QStringLiteral("--server must be an http:// URL"));
    url.setPath(path);
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = network.post(request, QByteArray::fromStdString(body.toJson()));
    int status = UsageError;
    QObject::connect(reply, &QNetworkReply::finished, [&] {
        const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        if (code == 0) {
            err << "subscope trigger: cannot reach " << url.toString(QUrl::RemovePath) << ": "
                << reply->errorString() << '\n';
            status = UsageError;
        } else if (code >= 200 && code < 300) {
            QTextStream(stdout) << answer << '\n';
            status = Success;
        } else {
            err << "subscope trigger: " << code << ' ' << answer << '\n';
            status = Invalid;
        }
        QCoreApplication::exit(0);
    });
    QCoreApplication::exec();
    reply->deleteLater();
    return status;
}

} // namespace subscope::cli
