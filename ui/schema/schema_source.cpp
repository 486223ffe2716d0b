#include "schema_source.h"

#include "graphql/client_schema.h"
#include "graphql/introspection_query.h"
#include "graphql/json_value.h"
#include "graphql/schema_builder.h"
#include "json_text.h"

#include <QFileInfo>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace subscope::ui {

namespace {
constexpr qsizetype MaxErrorsShown = 10;
constexpr qsizetype ExcerptLength = 80;

QString joinedErrors(const QStringList &errors)
{
    QStringList shown = errors.mid(0, MaxErrorsShown);
    if (errors.size() > MaxErrorsShown)
        shown << QObject::tr("… and %1 more").arg(errors.size() - MaxErrorsShown);
    return shown.join(u'\n');
}

// The start of an answer on one line, to say what came instead of JSON.
QString excerpt(const QByteArray &body)
{
    return elided(QString::fromUtf8(body).simplified(), ExcerptLength);
}
} // namespace

QUrl introspectionUrlFor(const QString &websocketUrl)
{
    const QString typed = websocketUrl.trimmed();
    if (typed.isEmpty()) return {};
    QUrl url(typed.contains(QLatin1String("://")) ? typed : QStringLiteral("ws://") + typed,
             QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) return {};
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("ws"))
        url.setScheme(QStringLiteral("http"));
    else if (scheme == QLatin1String("wss"))
        url.setScheme(QStringLiteral("https"));
    else if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return {};
    // The query string carries the socket's token (W30), which is not the endpoint's.
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

SchemaSource::SchemaSource(QObject *parent)
    : QObject(parent)
{
    m_reloadDelay.setSingleShot(true);
    m_reloadDelay.setInterval(250);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_reloadDelay,
            qOverload<>(&QTimer::start));
    connect(&m_reloadDelay, &QTimer::timeout, this, [this] {
        if (m_kind == Kind::SdlFile) loadFile(m_origin);
    });
}

SchemaSource::~SchemaSource()
{
    cancelRequest();
}

void SchemaSource::setEmbeddedSchema(std::shared_ptr<const graphql::Schema> schema)
{
    m_embedded = std::move(schema);
    if (m_kind == Kind::EmbeddedServer) setSchema(m_embedded);
}

void SchemaSource::useEmbeddedServer()
{
    begin(Kind::EmbeddedServer, QString());
    setSchema(m_embedded);
}

void SchemaSource::introspect(const QUrl &url, const Headers &headers)
{
    begin(Kind::Introspection, url.toString());
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        fail(url.isEmpty() ? tr("Give the http:// or https:// URL of the GraphQL endpoint")
                           : tr("'%1' is not an http:// or https:// URL").arg(url.toString()));
        return;
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    request.setTransferTimeout(m_timeoutMs);
    graphql::JsonValue body = graphql::JsonValue::object();
    body.insert("query", graphql::introspectionQuery());
    m_reply = m_network.post(request, QByteArray::fromStdString(body.toJson()));
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReplyFinished(reply); });
    emit loadingChanged(true);
}

bool SchemaSource::loadFile(const QString &path)
{
    begin(Kind::SdlFile, path);
    // Watched even when it does not build, so that fixing it is seen.
    if (QFileInfo(path).isFile()) m_watcher.addPath(path);
    if (path.trimmed().isEmpty()) {
        fail(tr("Choose an SDL schema file (.graphql)"));
        return false;
    }
    const graphql::SchemaLoadResult result = graphql::loadSchemaFile(path);
    if (!result.schema) {
        fail(joinedErrors(result.errors));
        return false;
    }
    succeed(result.schema);
    return true;
}

void SchemaSource::begin(Kind kind, const QString &origin)
{
    cancelRequest();
    m_reloadDelay.stop();
    if (!m_watcher.files().isEmpty()) m_watcher.removePaths(m_watcher.files());
    m_kind = kind;
    m_origin = origin;
    m_error.clear();
}

void SchemaSource::cancelRequest()
{
    if (!m_reply) return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    emit loadingChanged(false);
}

void SchemaSource::onReplyFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply) return;
    m_reply = nullptr;
    emit loadingChanged(false);
    const QString url = reply->url().toString();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        // A transfer timeout aborts the reply; requests this source abandons are not watched.
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                              reply->error() == QNetworkReply::TimeoutError;
        fail(timedOut ? tr("No answer from %1 within %2 s").arg(url).arg(m_timeoutMs / 1000.0)
                      : tr("Cannot reach %1: %2").arg(url, reply->errorString()));
        return;
    }
    const QByteArray body = reply->readAll();
    graphql::JsonValue json;
    QString jsonError;
    const bool isJson = parseJson(body, &json, &jsonError);
    if (status < 200 || status > 299) {
        QString message =
            tr("HTTP %1 %2 from %3")
                .arg(status)
                .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(), url);
        // A GraphQL server says what was wrong in "errors".
        const QStringList errors = isJson ? graphql::buildClientSchema(json).errors : QStringList();
        if (!errors.isEmpty())
            message += QStringLiteral(": ") + errors.first();
        else if (!body.trimmed().isEmpty())
            message += QStringLiteral(": ") + excerpt(body);
        fail(message);
        return;
    }
    if (!isJson) {
        fail(
            body.trimmed().isEmpty()
                ? tr("The answer from %1 is empty, not JSON").arg(url)
                : tr("The answer from %1 is not JSON (%2): %3").arg(url, jsonError, excerpt(body)));
        return;
    }
    const graphql::SchemaLoadResult built = graphql::buildClientSchema(json);
    if (!built.schema) {
        fail(tr("Introspection of %1: %2").arg(url, joinedErrors(built.errors)));
        return;
    }
    succeed(built.schema);
}

void SchemaSource::succeed(std::shared_ptr<const graphql::Schema> schema)
{
    m_error.clear();
    setSchema(std::move(schema));
}

void SchemaSource::fail(const QString &message)
{
    m_error = message;
    setSchema(nullptr);
    emit failed(message);
}

void SchemaSource::setSchema(std::shared_ptr<const graphql::Schema> schema)
{
    m_schema = std::move(schema);
    emit schemaChanged();
}

} // namespace subscope::ui
