#include "trigger_sender.h"

#include "embedded/embedded_server.h"
#include "json_text.h"
#include "server/model_events.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace subscope::ui {

bool httpTargetFromText(const QString &text, QUrl *url, QString *error)
{
    const QString typed = text.trimmed();
    if (typed.isEmpty()) {
        *error = QObject::tr("Give the URL of a headless Subscope, e.g. http://127.0.0.1:8765");
        return false;
    }
    const QUrl parsed(typed.contains(QLatin1String("://")) ? typed
                                                           : QStringLiteral("http://") + typed,
                      QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    if (scheme == QLatin1String("ws") || scheme == QLatin1String("wss")) {
        *error = QObject::tr("'%1' is a WebSocket URL; the HTTP API of a headless Subscope is "
                             "at http://host:port on the same port")
                     .arg(typed);
        return false;
    }
    if (!parsed.isValid() || parsed.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        parsed.hasQuery() || parsed.hasFragment()) {
        *error = QObject::tr("'%1' is not an http:// or https:// URL of a headless Subscope (e.g. "
                             "http://127.0.0.1:8765)")
                     .arg(typed);
        return false;
    }
    *url = parsed;
    return true;
}

QUrl endpointUrl(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString prefix = base.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    return url;
}

TriggerSender::TriggerSender(EmbeddedServer &embedded, QObject *parent)
    : QObject(parent)
    , m_embedded(embedded)
{}

void TriggerSender::fireGroup(const QString &group, const graphql::JsonValue &value)
{
    if (!m_unusable.isEmpty()) {
        emit fired(TriggerResult{false, group, 0, false, m_unusable});
        return;
    }
    if (!m_http.isEmpty()) {
        graphql::JsonValue body = graphql::JsonValue::object();
        body.insert("group", group.toStdString());
        body.insert("value", value);
        post(QStringLiteral("/trigger"), body);
        return;
    }
    TriggerResult result;
    result.group = group;
    const server::TriggerOutcome outcome = m_embedded.publish(group, value);
    result.ok = outcome.ok;
    result.deliveries = qint64(outcome.deliveries);
    result.published = outcome.published;
    result.error = outcome.error;
    emit fired(result);
}

void TriggerSender::fireModel(const QString &model, const graphql::JsonValue &request)
{
    if (!m_unusable.isEmpty()) {
        emit fired(TriggerResult{false, QString(), 0, false, m_unusable});
        return;
    }
    if (!m_http.isEmpty()) {
        post(QStringLiteral("/models/") + model, request);
        return;
    }
    TriggerResult result;
    const auto schema = m_embedded.schema();
    const graphql::NamedType *type =
        schema ? server::findModelType(*schema, model.toStdString()) : nullptr;
    if (!type) {
        result.error = tr("No @model type '%1' in the schema").arg(model);
        emit fired(result);
        return;
    }
    const server::ModelEvent event = server::buildModelEvent(*type, request);
    if (!event.error.empty()) {
        result.error = QString::fromStdString(event.error);
        emit fired(result);
        return;
    }
    fireGroup(QString::fromStdString(event.group), event.value);
}

void TriggerSender::post(const QString &path, const graphql::JsonValue &body)
{
    QNetworkRequest request(endpointUrl(m_http, path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(10000);
    if (!m_token.isEmpty()) request.setRawHeader("Authorization", "Bearer " + m_token);
    QNetworkReply *reply = m_network.post(request, QByteArray::fromStdString(body.toJson()));
    ++m_pending;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        --m_pending;
        TriggerResult result;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        graphql::JsonValue json;
        parseJson(answer, &json);
        if (status == 202) {
            result.ok = true;
            if (const auto *group = json.find("group"))
                result.group = QString::fromStdString(group->toString());
            if (const auto *deliveries = json.find("deliveries"))
                result.deliveries = deliveries->toInt();
            if (const auto *published = json.find("published"))
                result.published = published->isBool() && published->toBool();
        } else if (const auto *error = json.find("error"); error && error->isString()) {
            result.error =
                tr("HTTP %1: %2").arg(status).arg(QString::fromStdString(error->toString()));
            if (status == 401) result.error += tr(" Give it in the Token field beside the URL.");
        } else {
            result.error = status ? tr("HTTP %1 from %2").arg(status).arg(reply->url().toString())
                                  : tr("%1: %2").arg(reply->url().toString(), reply->errorString());
        }
        emit fired(result);
    });
}

} // namespace subscope::ui
