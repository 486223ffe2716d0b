#include "session.h"

#include "frames.h"
#include "graphql/parser.h"
#include "logging.h"

namespace subscope::protocol {

using graphql::JsonValue;

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

// W8: ids are strings; numbers are taken in their JSON text (the package echoes 16 as "16").
std::optional<std::string> operationId(const JsonValue &frame)
{
    const JsonValue *id = frame.find("id");
    if (!id) return std::nullopt;
    if (id->isString()) return id->toString();
    if (id->isNumber()) return id->toJson();
    return std::nullopt;
}

QString joined(const std::vector<std::string> &names)
{
    QStringList list;
    for (const std::string &n : names)
        list << QString::fromStdString(n);
    return list.join(QLatin1Char(' '));
}

bool isBlank(const std::string &s)
{
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

} // namespace

Session::Session(registry::Hub &hub, Subprotocol subprotocol, const graphql::Schema &schema,
                 SessionConfig config, ConnectionInfo connection)
    : m_hub(hub)
    , m_subprotocol(subprotocol)
    , m_schema(schema)
    , m_config(std::move(config))
    , m_connection(std::move(connection))
    , m_socket(hub.addSocket(std::string(vocabulary(subprotocol).result)))
{
    m_token = connectionToken(m_connection, JsonValue());
}

Session::~Session()
{
    m_hub.removeSocket(m_socket);
}

void Session::send(QByteArray frame)
{
    qCDebug(lcProtocol).noquote() << "socket" << m_socket << "out" << frame;
    m_hub.send(m_socket, std::move(frame));
}

void Session::sendResult(const std::string &id, const std::string &payloadJson)
{
    send(resultFrame(m_subprotocol, id, payloadJson));
}

SessionOutput Session::open()
{
    SessionOutput out;
    if (m_config.initTimeoutMs > 0)
        out.timers.push_back({SessionTimer::InitTimeout, m_config.initTimeoutMs, false});
    return out;
}

SessionOutput Session::binaryFrame()
{
    SessionOutput out;
    out.close = SessionOutput::Close{close_code::BadRequest,
                                     QStringLiteral("Binary frames are not supported")};
    return out;
}

SessionOutput Session::timer(SessionTimer timer)
{
    SessionOutput out;
    if (timer == SessionTimer::InitTimeout) {
        if (!m_initReceived)
            out.close = SessionOutput::Close{close_code::InitTimeout,
                                             QStringLiteral("Connection initialisation timeout")};
        return out;
    }
    // W6: a peer that has not answered two WebSocket pings in a row is dead.
    if (m_unansweredPings >= 2) {
        qCInfo(lcProtocol) << "socket" << m_socket
                           << "dropped: no pong for two keepalive intervals";
        out.abort = true;
        return out;
    }
    ++m_unansweredPings;
    out.sendPing = true;
    send(keepaliveFrame(m_subprotocol));
    return out;
}

SessionOutput Session::textFrame(const QByteArray &text)
{
    SessionOutput out;
    qCDebug(lcProtocol).noquote() << "socket" << m_socket << "in" << text;
    JsonValue frame;
    std::string error;
    if (!JsonValue::fromJson(std::string_view(text.constData(), size_t(text.size())), &frame,
                             &error)) {
        out.close = SessionOutput::Close{close_code::BadRequest, QStringLiteral("Invalid JSON")};
        return out;
    }
    const JsonValue *type = frame.isObject() ? frame.find("type") : nullptr;
    if (!type || !type->isString()) {
        qCDebug(lcProtocol) << "socket" << m_socket << "ignores a frame without a type"; // W8
        return out;
    }
    const std::string &kind = type->toString();
    const Vocabulary &words = vocabulary(m_subprotocol);
    if (kind == "connection_init") {
        connectionInit(frame, out);
    } else if (kind == "ping") {
        send(pongFrame());
    } else if (kind == "pong") {
        // W6: ignored
    } else if (kind == "connection_terminate") {
        out.close = SessionOutput::Close{close_code::Normal, QString()};
    } else if (kind == words.start) {
        const std::optional<std::string> id = operationId(frame);
        if (!id) {
            qCDebug(lcProtocol) << "socket" << m_socket << "ignores" << q(kind)
                                << "without an id"; // W8
        } else if (!m_acknowledged) {
            out.close = SessionOutput::Close{close_code::Unauthorized,
                                             QStringLiteral("Unauthorized")}; // W5
        } else {
            start(*id, frame);
        }
    } else if (kind == words.stop) {
        if (const std::optional<std::string> id = operationId(frame))
            stop(*id); // W8: honoured even before connection_init
    } else {
        qCDebug(lcProtocol) << "socket" << m_socket << "ignores a frame of type" << q(kind); // W8
    }
    return out;
}

void Session::connectionInit(const JsonValue &frame, SessionOutput &out)
{
    if (m_initReceived) {
        out.close = SessionOutput::Close{close_code::TooManyInitRequests,
                                         QStringLiteral("Too many initialisation requests")};
        return;
    }
    m_initReceived = true;
    if (const JsonValue *payload = frame.find("payload"); payload && payload->isObject())
        m_initPayload = *payload;
    if (!m_token) m_token = connectionToken(m_connection, m_initPayload);
    m_acknowledged = true;
    send(connectionAckFrame());
    out.timers.push_back({SessionTimer::InitTimeout, 0, false});
    if (m_config.keepaliveMs > 0)
        out.timers.push_back(
            {SessionTimer::Keepalive, m_config.keepaliveMs, true}); // W6: after the ack
}

void Session::stop(const std::string &id)
{
    if (!m_hub.removeOperation(m_socket, id)) return;
    qCInfo(lcProtocol).noquote() << "socket" << m_socket << "operation" << q(id) << "stopped";
    send(completeFrame(id));
}

void Session::start(const std::string &id, const JsonValue &frame)
{
    // W10: the payload checks, in this order.
    auto invalid = [&](const char *message) {
        send(operationErrorFrame(m_subprotocol, id, message, "INVALID_MESSAGE"));
    };
    const JsonValue *payload = frame.find("payload");
    if (!payload || payload->isNull()) return invalid("Invalid message: missing payload.");
    if (!payload->isObject()) return invalid("Invalid message: payload must be an object.");
    const JsonValue *query = payload->find("query");
    if (!query) return invalid("Invalid message: missing query.");
    if (!query->isString() || isBlank(query->toString()))
        return invalid("Invalid message: query must be a non-empty string.");
    const JsonValue *variables = payload->find("variables");
    if (variables && !variables->isObject() && !variables->isNull())
        return invalid("Invalid message: variables must be an object or null.");
    const JsonValue *name = payload->find("operationName");
    if (name && !name->isString() && !name->isNull())
        return invalid("Invalid message: operationName must be a string or null.");
    const std::optional<std::string> operationName =
        name && name->isString() ? std::optional(name->toString()) : std::nullopt;
    const QByteArray text = QByteArray::fromStdString(query->toString());
    const JsonValue variableValues = variables ? *variables : JsonValue();

    // W11: which operation runs. A query runs once (beyond); a subscription registers.
    auto invalidDocument = [&] {
        send(operationErrorFrame(m_subprotocol, id, "Invalid subscription document.",
                                 "INVALID_QUERY"));
    };
    const graphql::ParseResult parsed = graphql::parse(text, m_config.limits.parse);
    if (!parsed.document) return invalidDocument();
    std::vector<const graphql::ast::OperationDefinition *> operations, subscriptions;
    const graphql::ast::OperationDefinition *named = nullptr;
    for (const graphql::ast::Definition *d : parsed.document->root().definitions) {
        if (d->kind != graphql::ast::Kind::OperationDefinition) continue;
        const auto *op = static_cast<const graphql::ast::OperationDefinition *>(d);
        operations.push_back(op);
        if (op->operation == graphql::ast::OperationType::Subscription) subscriptions.push_back(op);
        if (operationName && op->name.value == *operationName) named = op;
    }
    if (named && named->operation == graphql::ast::OperationType::Query)
        return runQuery(id, text, variableValues, operationName);
    if (named && named->operation == graphql::ast::OperationType::Mutation)
        return invalidDocument();
    if (named || subscriptions.size() == 1)
        return runSubscription(id, text, variableValues, operationName);
    if (subscriptions.empty() && !operationName && operations.size() == 1 &&
        operations.front()->operation == graphql::ast::OperationType::Query)
        return runQuery(id, text, variableValues, operationName);
    invalidDocument();
}

void Session::runQuery(const std::string &id, const QByteArray &query, const JsonValue &variables,
                       const std::optional<std::string> &operationName)
{
    const graphql::CheckedRequest request =
        graphql::checkRequest(m_schema, query, variables, operationName, m_config.limits);
    static const graphql::Fixtures noFixtures;
    const graphql::ExecutionResult result =
        graphql::execute(m_schema, request, m_config.fixtures ? *m_config.fixtures : noFixtures);
    sendResult(id, executionPayload(result.data, result.errors));
    send(completeFrame(id));
}

bool Session::mayJoin(const std::vector<std::string> &groups) const
{
    if (!m_config.access || !m_config.access->mayJoin) return true;
    std::optional<std::string> user;
    if (m_token && m_config.access->knowsToken && m_config.access->knowsToken(*m_token))
        user = m_token;
    for (const std::string &group : groups)
        if (!m_config.access->mayJoin(user, group)) return false;
    return true;
}

void Session::runSubscription(const std::string &id, const QByteArray &query,
                              const JsonValue &variables,
                              const std::optional<std::string> &operationName)
{
    // Beyond: an operation more than the socket may hold does not start (W10's shape).
    if (m_config.maxOperations && !m_hub.operation(m_socket, id) &&
        m_hub.operationCount(m_socket) >= m_config.maxOperations) {
        qCInfo(lcProtocol).noquote()
            << "socket" << m_socket << "operation" << q(id) << "refused: too many operations";
        return send(operationErrorFrame(m_subprotocol, id,
                                        "Too many operations on this connection (the limit is " +
                                            std::to_string(m_config.maxOperations) + ").",
                                        "TOO_MANY_OPERATIONS"));
    }
    const graphql::CheckedRequest request =
        graphql::checkRequest(m_schema, query, variables, operationName, m_config.limits);
    if (!request.ok()) return sendResult(id, errorsPayload(request.errors)); // W12
    if (request.operation->operation != graphql::ast::OperationType::Subscription)
        return send(operationErrorFrame(m_subprotocol, id, "Invalid subscription document.",
                                        "INVALID_QUERY"));
    const graphql::SubscriptionResolution resolved =
        graphql::resolveSubscription(m_schema, request, m_config.groupNames);
    if (resolved.error) return sendResult(id, errorsPayload({*resolved.error}));
    const graphql::SubscriptionTarget &target = *resolved.target;
    const bool existed = m_hub.operation(m_socket, id) != nullptr;

    // W16: an invalid group name fails the request; the operation joins nothing of it (W13a).
    // W17: so does a group the connection may not join, all or nothing.
    const char *refusal = !target.invalidGroups.empty() ? "Invalid subscription channel name."
                          : (target.subscribe && !mayJoin(target.groups))
                              ? "Not authorized to subscribe to one or more subscription channels."
                              : nullptr;
    if (refusal) {
        qCInfo(lcProtocol).noquote()
            << "socket" << m_socket << "operation" << q(id) << "refused:" << refusal;
        sendResult(id, errorsPayload({graphql::GraphQLError{refusal}}));
        // W27: an operation still in groups stays there, and W13a does not apply to it.
        if (existed && !m_hub.operation(m_socket, id)->groups.empty()) return;
        sendResult(id, nullResultPayload(target.responseKey)); // W13a
        m_hub.removeOperation(m_socket, id); // an operation left with no group is forgotten (W17)
        return;
    }

    m_hub.upsertOperation(m_socket, id, target.responseKey, target.requestedFields); // W27
    const bool notes = target.deprecationNotesApply();
    if (target.subscribe) {
        m_hub.join(m_socket, id, target.groups);
        qCInfo(lcProtocol).noquote()
            << "socket" << m_socket << "operation" << q(id) << "joined" << joined(target.groups);
        sendResult(id, groupAckPayload(target.groups, true, notes));                      // W14
        if (target.groups.empty()) sendResult(id, nullResultPayload(target.responseKey)); // W13a
    } else {
        m_hub.leave(m_socket, id, target.groups);
        qCInfo(lcProtocol).noquote()
            << "socket" << m_socket << "operation" << q(id) << "left" << joined(target.groups);
        sendResult(id, groupAckPayload(target.groups, false, notes)); // W15
        sendResult(id, nullResultPayload(target.responseKey));
    }
}

} // namespace subscope::protocol
