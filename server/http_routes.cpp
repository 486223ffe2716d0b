// The HTTP API of the server: POST /trigger, POST /models/<name>, POST|GET <path> (GraphQL
// queries as graphene-django's view answers them), GET /healthz, GET /metrics, CORS.
#include "graphql/request.h"
#include "headless_server.h"
#include "logging.h"
#include "metrics.h"
#include "model_events.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QUrlQuery>

#include <algorithm>
#include <cstring>
#include <functional>
#include <vector>

namespace subscope::server {

using graphql::JsonValue;
using Status = QHttpServerResponse::StatusCode;

namespace {

QHttpServerResponse json(const JsonValue &body, Status status = Status::Ok)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
                               QByteArray::fromStdString(body.toJson()), status);
}

QHttpServerResponse error(const std::string &message, Status status = Status::BadRequest)
{
    JsonValue body = JsonValue::object();
    body.insert("error", message);
    return json(body, status);
}

// 202 for events taken: {"group": ...} (or {"events": n} for a batch) with "deliveries" (the
// frames queued), or with Redis "published": true, since each process delivers what Redis
// passes on to its own members. 503 naming Redis when it is not connected: nothing was fired.
QHttpServerResponse triggered(JsonValue answer, const TriggerOutcome &outcome,
                              const RedisChannelLayer *redis)
{
    if (!outcome.ok) {
        QHttpServerResponse refusal =
            error(outcome.error.toStdString(), Status::ServiceUnavailable);
        if (redis) refusal.addHeader("Retry-After", QByteArray::number(redis->retryAfterSeconds()));
        return refusal;
    }
    if (outcome.published)
        answer.insert("published", true);
    else
        answer.insert("deliveries", int64_t(outcome.deliveries));
    return json(answer, Status::Accepted);
}

JsonValue groupAnswer(const std::string &group)
{
    JsonValue answer = JsonValue::object();
    answer.insert("group", group);
    return answer;
}

struct TriggerEvent
{
    std::string group;
    const JsonValue *value = nullptr; // in the request body
};

// One {"group": "...", "value": ...} of POST /trigger, its group checked by `validGroup` (the
// valid name, or none); false with *problem in words.
bool readTrigger(const JsonValue &item,
                 const std::function<std::optional<std::string>(const std::string &)> &validGroup,
                 TriggerEvent *event, std::string *problem)
{
    if (!item.isObject()) {
        *problem = R"(An event must be a JSON object {"group": "...", "value": ...}.)";
        return false;
    }
    const JsonValue *group = item.find("group");
    if (!group || !group->isString()) {
        *problem = "\"group\" must be a string.";
        return false;
    }
    event->value = item.find("value");
    if (!event->value) {
        *problem = "\"value\" is missing (use null for an event without a value).";
        return false;
    }
    const std::optional<std::string> name = validGroup(group->toString());
    if (!name) {
        *problem = "Invalid group name '" + group->toString() +
                   "': letters, digits, '_', '.' and '-' only, fewer than 100 characters.";
        return false;
    }
    event->group = *name;
    return true;
}

// The request body as JSON, or a 400 saying what is wrong with it.
std::optional<JsonValue> jsonBody(const QHttpServerRequest &request,
                                  std::optional<QHttpServerResponse> *failure)
{
    JsonValue body;
    std::string problem;
    const QByteArray bytes = request.body();
    if (!JsonValue::fromJson(std::string_view(bytes.constData(), size_t(bytes.size())), &body,
                             &problem)) {
        failure->emplace(error("The body is not valid JSON: " + problem + "."));
        return std::nullopt;
    }
    return body;
}

// Variables given as a JSON text (a GET parameter, or a string in the body): an object or null.
bool variablesFromText(const std::string &text, JsonValue *variables)
{
    JsonValue parsed;
    if (!JsonValue::fromJson(text, &parsed) || !(parsed.isObject() || parsed.isNull()))
        return false;
    if (parsed.isObject()) *variables = std::move(parsed);
    return true;
}

void allowCrossOrigin(QHttpServerResponse &response)
{
    response.addHeader("Access-Control-Allow-Origin", "*");
    response.addHeader("Access-Control-Allow-Headers", "Content-Type, Authorization");
    response.addHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
}

QString methodName(QHttpServerRequest::Method method)
{
    using Method = QHttpServerRequest::Method;
    switch (method) {
    case Method::Get:
        return QStringLiteral("GET");
    case Method::Post:
        return QStringLiteral("POST");
    case Method::Put:
        return QStringLiteral("PUT");
    case Method::Delete:
        return QStringLiteral("DELETE");
    case Method::Head:
        return QStringLiteral("HEAD");
    case Method::Options:
        return QStringLiteral("OPTIONS");
    case Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("OTHER");
    }
}

} // namespace

std::optional<QHttpServerResponse>
HeadlessServer::refuseTrigger(const QHttpServerRequest &request) const
{
    if (m_config.triggerToken.isEmpty()) {
        if (m_config.bind.isLoopback()) return std::nullopt;
        return error("Triggering over HTTP is refused: the server listens on " +
                         m_config.bind.toString().toStdString() + " without --trigger-token.",
                     Status::Unauthorized);
    }
    QByteArray given;
    for (const auto &[name, value] : request.headers())
        if (name.compare("authorization", Qt::CaseInsensitive) == 0) {
            const QByteArray v = value.trimmed();
            for (const char *scheme : {"Bearer ", "Token "})
                if (v.startsWith(scheme)) given = v.mid(qsizetype(std::strlen(scheme))).trimmed();
        }
    // Compared in constant time: how long a wrong token took says nothing about the right one.
    const QByteArray &token = m_config.triggerToken;
    unsigned char differ = given.size() == token.size() ? 0 : 1;
    for (qsizetype i = 0; i < token.size(); ++i)
        differ |= uchar(token[i]) ^ uchar(i < given.size() ? given[i] : 0);
    if (!differ) return std::nullopt;
    QHttpServerResponse refusal =
        error(given.isEmpty() ? "Triggering needs \"Authorization: Bearer <token>\" with the "
                                "server's --trigger-token."
                              : "The trigger token is wrong.",
              Status::Unauthorized);
    refusal.addHeader("WWW-Authenticate", "Bearer");
    return refusal;
}

void HeadlessServer::addRoutes()
{
    using Method = QHttpServerRequest::Method;

    // POST /trigger {"group": "...", "value": <any JSON>}  (W20, W25)
    // POST /trigger [{"group": "...", "value": ...}, ...]: a batch, fired in order once every
    // element is valid (one bad element refuses the whole batch, naming it); one answer
    // {"events": n, "deliveries": total}, so that triggering is not one request per event.
    m_http.route(QStringLiteral("/trigger"), Method::Post,
                 [this](const QHttpServerRequest &request) {
                     if (auto refusal = refuseTrigger(request)) return std::move(*refusal);
                     std::optional<QHttpServerResponse> failure;
                     const std::optional<JsonValue> body = jsonBody(request, &failure);
                     if (!body) return std::move(*failure);
                     const auto validGroup = [this](const std::string &group) {
                         return triggerGroup(group);
                     };
                     if (!body->isArray()) {
                         TriggerEvent event;
                         std::string problem;
                         if (!readTrigger(*body, validGroup, &event, &problem))
                             return error(problem);
                         return triggered(groupAnswer(event.group),
                                          publish(event.group, *event.value), redis());
                     }
                     std::vector<std::pair<std::string, const JsonValue *>> events;
                     events.reserve(body->size());
                     for (size_t i = 0; i < body->size(); ++i) {
                         TriggerEvent event;
                         std::string problem;
                         if (!readTrigger(body->items()[i], validGroup, &event, &problem))
                             return error("[" + std::to_string(i) + "]: " + problem +
                                          " Nothing in the batch was fired.");
                         events.emplace_back(std::move(event.group), event.value);
                     }
                     JsonValue answer = JsonValue::object();
                     answer.insert("events", int64_t(events.size()));
                     return triggered(answer, publishBatch(events), redis());
                 });

    // POST /models/<name> {"action": ..., "pk": ..., "fields": {...}}  (W22, W24)
    m_http.route(QStringLiteral("/models/<arg>"), Method::Post,
                 [this](const QString &name, const QHttpServerRequest &request) {
                     if (auto refusal = refuseTrigger(request)) return std::move(*refusal);
                     const graphql::NamedType *model = findModelType(*m_schema, name.toStdString());
                     if (!model)
                         return error("No @model type named '" + name.toStdString() +
                                          "'. Models: " + modelNames(*m_schema) + ".",
                                      Status::NotFound);
                     std::optional<QHttpServerResponse> failure;
                     const std::optional<JsonValue> body = jsonBody(request, &failure);
                     if (!body) return std::move(*failure);
                     const ModelEvent event = buildModelEvent(*model, *body);
                     if (!event.error.empty()) return error(event.error);
                     return triggered(groupAnswer(event.group), publish(event.group, event.value),
                                      redis());
                 });

    // POST /graphql/ (and GET with ?query=): query operations, as graphene-django's view answers.
    auto graphql = [this](const QHttpServerRequest &request) {
        JsonValue variables = JsonValue::object();
        std::optional<std::string> operationName;
        QByteArray query;
        if (request.method() == Method::Get) {
            const QUrlQuery params = request.query();
            query = params.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded).toUtf8();
            if (params.hasQueryItem(QStringLiteral("variables")) &&
                !variablesFromText(
                    params.queryItemValue(QStringLiteral("variables"), QUrl::FullyDecoded)
                        .toStdString(),
                    &variables))
                return error("Variables are invalid JSON.");
            if (params.hasQueryItem(QStringLiteral("operationName")))
                operationName =
                    params.queryItemValue(QStringLiteral("operationName"), QUrl::FullyDecoded)
                        .toStdString();
        } else {
            std::optional<QHttpServerResponse> failure;
            const std::optional<JsonValue> body = jsonBody(request, &failure);
            if (!body) return std::move(*failure);
            const JsonValue *q = body->isObject() ? body->find("query") : nullptr;
            if (!q || !q->isString()) return error("Must provide query string.");
            query = QByteArray::fromStdString(q->toString());
            // graphene-django also takes the variables as a JSON text.
            if (const JsonValue *v = body->find("variables"); v && !v->isNull()) {
                if (v->isObject())
                    variables = *v;
                else if (!v->isString() || !variablesFromText(v->toString(), &variables))
                    return error("Variables are invalid JSON.");
            }
            if (const JsonValue *n = body->find("operationName"); n && n->isString())
                operationName = n->toString();
        }
        const graphql::CheckedRequest checked =
            graphql::checkRequest(*m_schema, query, variables, operationName);
        JsonValue answer = JsonValue::object();
        if (checked.ok() &&
            checked.operation->operation == graphql::ast::OperationType::Subscription) {
            JsonValue errors = JsonValue::array();
            JsonValue e = JsonValue::object();
            e.insert("message", "Subscriptions are served over WebSocket at " +
                                    websocketUrl().toStdString() + ".");
            errors.append(e);
            answer.insert("errors", errors);
            return json(answer, Status::BadRequest);
        }
        const graphql::ExecutionResult result = graphql::execute(*m_schema, checked, m_fixtures);
        // graphene-django: request errors (no path) answer 400 with the errors alone.
        const bool requestErrors =
            std::any_of(result.errors.begin(), result.errors.end(),
                        [](const graphql::GraphQLError &e) { return e.path.isEmpty(); });
        if (!result.errors.empty()) answer.insert("errors", graphql::toJson(result.errors));
        if (requestErrors) return json(answer, Status::BadRequest);
        answer.insert("data", result.data);
        return json(answer);
    };
    m_http.route(m_config.path, Method::Post | Method::Get, graphql);
    QString bare = m_config.path;
    while (bare.size() > 1 && bare.endsWith(QLatin1Char('/')))
        bare.chop(1);
    if (bare != m_config.path) m_http.route(bare, Method::Post | Method::Get, graphql);

    // With Redis, 503 while it is not connected: this process would miss the events fired
    // elsewhere, so a load balancer should send no clients here.
    m_http.route(QStringLiteral("/healthz"), Method::Get, [this] {
        JsonValue health = JsonValue::object();
        const bool redisUp = !m_redis || m_redis->state() == RedisChannelLayer::State::Up;
        health.insert("status", redisUp ? "ok" : "unavailable");
        if (m_redis) health.insert("redis", m_redis->stateText().toStdString());
        return json(health, redisUp ? Status::Ok : Status::ServiceUnavailable);
    });
    m_http.route(QStringLiteral("/metrics"), Method::Get, [this] {
        return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"),
                                   prometheusMetrics(m_websockets, m_redis.get()));
    });
    // Browsers' preflight for POST with a JSON body from another origin.
    const auto preflight = [] { return QHttpServerResponse(Status::NoContent); };
    for (const QString &path : {QStringLiteral("/trigger"), QStringLiteral("/healthz"),
                                QStringLiteral("/metrics"), m_config.path, bare})
        m_http.route(path, Method::Options, preflight);
    m_http.route(QStringLiteral("/models/<arg>"), Method::Options,
                 [](const QString &) { return QHttpServerResponse(Status::NoContent); });
    m_http.afterRequest([](QHttpServerResponse &&response, const QHttpServerRequest &request) {
        allowCrossOrigin(response);
        // Successes are routine (and /metrics is polled); a refused request says why at info.
        const int status = int(response.statusCode());
        if (status >= 400)
            qCInfo(lcHttp).noquote() << methodName(request.method()) << request.url().path()
                                     << status << response.data();
        else
            qCDebug(lcHttp).noquote()
                << methodName(request.method()) << request.url().path() << status;
        return std::move(response);
    });
    m_http.setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            QHttpServerResponse response =
                error("No route " + methodName(request.method()).toStdString() + ' ' +
                          request.url().path().toStdString() +
                          ". Routes: POST /trigger, POST /models/<name>, POST|GET " +
                          m_config.path.toStdString() + ", GET /healthz, GET /metrics.",
                      Status::NotFound);
            allowCrossOrigin(response);
            qCInfo(lcHttp).noquote() << methodName(request.method()) << request.url().path() << 404;
            response.write(std::move(responder));
        });
}

} // namespace subscope::server
