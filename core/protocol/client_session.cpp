#include "client_session.h"

#include "graphql/parser.h"
#include "graphql/request.h"
#include "logging.h"

#include <algorithm>

namespace subscope::protocol {

using graphql::JsonValue;
using Kind = ClientMessage::Kind;

const char *operationStateName(OperationState state)
{
    switch (state) {
    case OperationState::Starting:
        return "starting";
    case OperationState::Registered:
        return "registered";
    case OperationState::Unregistered:
        return "unregistered";
    case OperationState::Active:
        return "active";
    case OperationState::Completed:
        return "completed";
    case OperationState::Error:
        return "error";
    }
    return "?";
}

const char *messageKindName(ClientMessage::Kind kind)
{
    switch (kind) {
    case Kind::ConnectionAck:
        return "connection_ack";
    case Kind::ConnectionError:
        return "connection_error";
    case Kind::Keepalive:
        return "keepalive";
    case Kind::Ping:
        return "ping";
    case Kind::Pong:
        return "pong";
    case Kind::RegisterAck:
        return "register_ack";
    case Kind::UnregisterAck:
        return "unregister_ack";
    case Kind::NullResult:
        return "null_result";
    case Kind::Event:
        return "event";
    case Kind::Errors:
        return "errors";
    case Kind::OperationError:
        return "operation_error";
    case Kind::Complete:
        return "complete";
    case Kind::Malformed:
        return "malformed";
    case Kind::Unknown:
        return "unknown";
    }
    return "?";
}

namespace {

QByteArray bytes(const JsonValue &value)
{
    return QByteArray::fromStdString(value.toJson());
}

JsonValue typed(const char *type)
{
    JsonValue frame = JsonValue::object();
    frame.insert("type", type);
    return frame;
}

JsonValue operationFrame(const std::string &id, std::string_view type)
{
    JsonValue frame = JsonValue::object();
    frame.insert("id", id);
    frame.insert("type", type);
    return frame;
}

// Ids are strings; a server that echoes a numeric id is taken at its word.
std::optional<std::string> idOf(const JsonValue &frame)
{
    const JsonValue *id = frame.find("id");
    if (!id) return std::nullopt;
    if (id->isString()) return id->toString();
    if (id->isInt()) return std::to_string(id->toInt());
    return std::nullopt;
}

std::vector<std::string> strings(const JsonValue *list)
{
    std::vector<std::string> out;
    if (!list) return out;
    for (const JsonValue &item : list->items())
        if (item.isString()) out.push_back(item.toString());
    return out;
}

// The message of an error object, or of the first one of an error list.
std::string firstMessage(const JsonValue &errors)
{
    const JsonValue &first = errors.isArray() && errors.size() ? errors.items().front() : errors;
    const JsonValue *message = first.find("message");
    return message && message->isString() ? message->toString() : std::string();
}

bool hasErrors(const JsonValue &payload)
{
    const JsonValue *errors = payload.find("errors");
    return errors && !errors->isNull() && !(errors->isArray() && errors->size() == 0);
}

// {"data":{<key>:null},"errors":null}: one member, null.
bool hasNullResultShape(const JsonValue &payload)
{
    const JsonValue *data = payload.find("data");
    return data && data->isObject() && data->size() == 1 &&
           data->members().front().second.isNull() && !hasErrors(payload);
}

// Whether the operation the document chooses is a query or mutation (W11 beyond): its results
// then make it Active. A document that does not parse counts as a subscription.
bool choosesQuery(const std::string &query, const std::optional<std::string> &operationName)
{
    const graphql::ParseResult parsed = graphql::parse(QByteArray::fromStdString(query));
    if (!parsed.document) return false;
    graphql::GraphQLError error;
    const graphql::ast::OperationDefinition *op =
        graphql::selectOperation(parsed.document->root(), operationName, &error);
    return op && op->operation != graphql::ast::OperationType::Subscription;
}

void remove(std::vector<std::string> &from, const std::vector<std::string> &names)
{
    std::erase_if(from, [&](const std::string &g) {
        return std::find(names.begin(), names.end(), g) != names.end();
    });
}

void add(std::vector<std::string> &to, const std::vector<std::string> &names)
{
    for (const std::string &g : names)
        if (std::find(to.begin(), to.end(), g) == to.end()) to.push_back(g);
}

ClientMessage malformed(std::string why, JsonValue frame = {})
{
    ClientMessage message;
    message.kind = Kind::Malformed;
    message.error = std::move(why);
    message.frame = std::move(frame);
    return message;
}

// W14, W15: {"registeredGroups":[...],"subscribe":b,"subscripe":b,"action":...,"deprecationNotes"?}
void classifyAck(ClientMessage &message, const JsonValue &cyparta)
{
    const JsonValue *action = cyparta.find("action");
    const JsonValue *subscribe = cyparta.find("subscribe");
    if (!subscribe || !subscribe->isBool()) subscribe = cyparta.find("subscripe");
    message.action = action && action->isString() ? action->toString() : std::string();
    message.subscribe =
        subscribe && subscribe->isBool() ? subscribe->toBool() : message.action != "unregister";
    message.groups = strings(cyparta.find("registeredGroups"));
    message.notes = strings(cyparta.find("deprecationNotes"));
    const bool unregister =
        message.action == "unregister" || (message.action != "register" && !message.subscribe);
    message.kind = unregister ? Kind::UnregisterAck : Kind::RegisterAck;
}

} // namespace

ClientSession::ClientSession(Subprotocol subprotocol, JsonValue initPayload)
    : m_subprotocol(subprotocol)
    , m_initPayload(std::move(initPayload))
{}

QByteArray ClientSession::open()
{
    JsonValue frame = typed("connection_init");
    if (!m_initPayload.isNull()) frame.insert("payload", m_initPayload);
    return bytes(frame);
}

QByteArray ClientSession::terminate()
{
    if (m_subprotocol == Subprotocol::TransportWs) return {};
    return bytes(typed("connection_terminate"));
}

const ClientOperation *ClientSession::operation(const std::string &id) const
{
    const auto it = m_operations.find(id);
    return it == m_operations.end() ? nullptr : &it->second;
}

std::string ClientSession::nextId()
{
    std::string id;
    do {
        id = std::to_string(m_nextId++);
    } while (m_operations.count(id));
    return id;
}

QByteArray ClientSession::subscribe(const std::string &query, const JsonValue &variables,
                                    const std::optional<std::string> &operationName,
                                    std::string *idOut, std::optional<std::string> id)
{
    const std::string opId = id ? *id : nextId();
    if (idOut) *idOut = opId;

    auto [it, created] = m_operations.try_emplace(opId);
    ClientOperation &op = it->second;
    if (created) m_startOrder.push_back(opId);
    op.id = opId;
    op.query = query;
    op.variables = variables;
    op.operationName = operationName;
    op.isQuery = choosesQuery(query, operationName);
    // W27: an id the server still holds keeps its groups and state; anything else starts afresh.
    if (!op.onServer || op.state == OperationState::Completed ||
        op.state == OperationState::Error) {
        op.groups.clear();
        op.state = OperationState::Starting;
        op.onServer = false;
        op.lastError.clear();
    }
    m_awaitingNullResult.erase(opId);

    JsonValue payload = JsonValue::object();
    payload.insert("query", query);
    if (!variables.isNull()) payload.insert("variables", variables);
    if (operationName) payload.insert("operationName", *operationName);
    JsonValue frame = operationFrame(opId, vocabulary(m_subprotocol).start);
    frame.insert("payload", payload);

    op.queued = !m_acknowledged;
    if (!op.queued) return bytes(frame);
    m_queue.emplace_back(opId, bytes(frame));
    return {};
}

QByteArray ClientSession::stop(const std::string &id)
{
    const auto it = m_operations.find(id);
    if (it != m_operations.end()) {
        ClientOperation &op = it->second;
        if (op.state != OperationState::Error) op.state = OperationState::Completed;
        op.groups.clear();
        op.onServer = false;
        op.lastError.clear();
        m_awaitingNullResult.erase(id);
        if (op.queued) {
            op.queued = false;
            std::erase_if(m_queue, [&](const auto &queued) { return queued.first == id; });
            return {};
        }
    }
    return bytes(operationFrame(id, vocabulary(m_subprotocol).stop));
}

void ClientSession::releaseQueue(ClientOutput &out)
{
    for (auto &[id, frame] : m_queue) {
        out.send.push_back(std::move(frame));
        m_operations[id].queued = false;
    }
    m_queue.clear();
}

ClientOutput ClientSession::received(const QByteArray &text)
{
    ClientOutput out;
    JsonValue frame;
    std::string parseError;
    if (!JsonValue::fromJson(std::string_view(text.constData(), size_t(text.size())), &frame,
                             &parseError)) {
        out.messages.push_back(malformed("invalid JSON: " + parseError));
    } else if (!frame.isObject()) {
        out.messages.push_back(malformed("not a JSON object", frame));
    } else {
        out.messages.push_back(classify(frame, out));
    }
    ClientMessage &message = out.messages.back();
    if (message.kind == Kind::Malformed || message.kind == Kind::Unknown)
        qCDebug(lcProtocol).noquote() << "client: ignored" << messageKindName(message.kind)
                                      << "frame:" << QString::fromStdString(message.error);
    else
        apply(message);
    return out;
}

ClientMessage ClientSession::classify(const JsonValue &frame, ClientOutput &out)
{
    const JsonValue *type = frame.find("type");
    if (!type || !type->isString()) return malformed("no \"type\" string", frame);

    ClientMessage message;
    message.frame = frame;
    if (const JsonValue *payload = frame.find("payload")) message.payload = *payload;
    const std::optional<std::string> id = idOf(frame);
    if (id) message.id = *id;

    const std::string &t = type->toString();
    const Vocabulary &words = vocabulary(m_subprotocol);
    const bool legacy = m_subprotocol == Subprotocol::LegacyWs;
    if (t == "connection_ack") {
        message.kind = Kind::ConnectionAck;
        m_acknowledged = true;
        releaseQueue(out);
    } else if (t == "ping") {
        message.kind = Kind::Ping;
        if (!legacy) out.send.push_back(bytes(typed("pong")));
    } else if (t == "pong") {
        message.kind = Kind::Pong;
    } else if (legacy && t == "ka") {
        message.kind = Kind::Keepalive;
    } else if (legacy && t == "connection_error") {
        message.kind = Kind::ConnectionError;
        message.error = firstMessage(message.payload);
    } else if (t == words.result) {
        if (!id) return malformed("a result frame without an id", frame);
        classifyResult(message);
    } else if (t == "error") {
        message.kind = Kind::OperationError; // legacy servers may send it without an id
        message.error = firstMessage(message.payload);
    } else if (t == "complete") {
        if (!id) return malformed("complete without an id", frame);
        message.kind = Kind::Complete;
    } else {
        message.kind = Kind::Unknown;
        message.error = "'" + t + "' is not a " + subprotocolName(m_subprotocol) + " message";
    }
    return message;
}

void ClientSession::classifyResult(ClientMessage &message)
{
    const JsonValue &payload = message.payload;
    if (!payload.isObject()) {
        message.kind = Kind::Malformed;
        message.error = "a result frame whose payload is not an object";
        return;
    }
    const JsonValue *extensions = payload.find("extensions");
    const JsonValue *cyparta = extensions ? extensions->find("cyparta") : nullptr;
    if (cyparta && cyparta->isObject()) return classifyAck(message, *cyparta);
    if (hasErrors(payload)) {
        message.kind = Kind::Errors;
        message.error = firstMessage(*payload.find("errors"));
        return;
    }
    message.kind = isNullResult(message) ? Kind::NullResult : Kind::Event;
}

// See the class comment: the frame alone cannot tell a null result from an event whose value is
// null, so the operation's history decides.
bool ClientSession::isNullResult(const ClientMessage &message) const
{
    if (!hasNullResultShape(message.payload)) return false;
    const ClientOperation *op = operation(message.id);
    if (!op) return true;
    if (op->isQuery) return false;
    return m_awaitingNullResult.count(message.id) || op->groups.empty();
}

void ClientSession::apply(const ClientMessage &message)
{
    const auto it = message.id.empty() ? m_operations.end() : m_operations.find(message.id);
    if (it == m_operations.end()) return;
    ClientOperation &op = it->second;
    const bool ended = op.state == OperationState::Error || op.state == OperationState::Completed;
    switch (message.kind) {
    case Kind::RegisterAck:
    case Kind::UnregisterAck:
        applyAck(op, message);
        break;
    case Kind::NullResult:
        m_awaitingNullResult.erase(op.id);
        if (ended || !op.groups.empty()) break;
        if (op.lastError.empty()) {
            op.state = OperationState::Unregistered;
        } else { // W13a after a refusal (W16, W17): the server forgot it
            op.state = OperationState::Error;
            op.onServer = false;
        }
        break;
    case Kind::Event:
        ++op.events;
        if (op.state == OperationState::Starting) op.state = OperationState::Active;
        if (!ended) op.onServer = true;
        break;
    case Kind::Errors:
    case Kind::OperationError:
        // W13a: only a request that leaves the operation in no group is followed by a null result.
        if (message.kind == Kind::Errors && op.groups.empty()) m_awaitingNullResult.insert(op.id);
        if (!ended && op.onServer) // W27: a failed request leaves the operation where it was
            op.lastError =
                message.error.empty() ? std::string("an error without a message") : message.error;
        else
            op.state = OperationState::Error;
        break;
    case Kind::Complete:
        m_awaitingNullResult.erase(op.id);
        op.groups.clear();
        op.onServer = false;
        op.lastError.clear();
        if (op.state != OperationState::Error) op.state = OperationState::Completed;
        break;
    default:
        break;
    }
}

void ClientSession::applyAck(ClientOperation &op, const ClientMessage &message)
{
    if (op.state == OperationState::Completed) return; // stopped here; the server drops it too
    op.lastError.clear();
    op.onServer = true;
    if (message.kind == Kind::RegisterAck) {
        add(op.groups, message.groups);
        op.state = OperationState::Registered;
        return;
    }
    remove(op.groups, message.groups);
    m_awaitingNullResult.insert(op.id); // W15: the null result follows
    op.state = op.groups.empty() ? OperationState::Unregistered : OperationState::Registered;
}

} // namespace subscope::protocol
