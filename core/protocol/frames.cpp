#include "frames.h"

#include "registry/event_shaping.h"

namespace subscope::protocol {

const char *const SubscripeDeprecationNote =
    "Prefer ``subscribe`` (``extensions.cyparta.subscribe``); positional ``subscripe`` is "
    "deprecated "
    "but still mirrored as ``subscripe``.";

QByteArray connectionAckFrame()
{
    return QByteArrayLiteral(R"({"type":"connection_ack"})");
}

QByteArray keepaliveFrame(Subprotocol subprotocol)
{
    const std::string_view frame = vocabulary(subprotocol).keepalive;
    return QByteArray(frame.data(), qsizetype(frame.size()));
}

QByteArray pongFrame()
{
    return QByteArrayLiteral(R"({"type":"pong"})");
}

QByteArray completeFrame(const std::string &id)
{
    return QByteArray::fromStdString(R"({"type":"complete","id":)" + graphql::jsonQuote(id) + "}");
}

QByteArray operationErrorFrame(Subprotocol subprotocol, const std::string &id,
                               const std::string &message, const std::string &code)
{
    const std::string error = "{\"message\":" + graphql::jsonQuote(message) +
                              ",\"extensions\":{\"code\":" + graphql::jsonQuote(code) + "}}";
    const std::string payload =
        vocabulary(subprotocol).errorPayloadIsList ? "[" + error + "]" : error;
    return registry::operationFrame(id, "error", payload);
}

QByteArray resultFrame(Subprotocol subprotocol, const std::string &id,
                       const std::string &payloadJson)
{
    return registry::operationFrame(id, vocabulary(subprotocol).result, payloadJson);
}

std::string errorsPayload(const graphql::GraphQLErrors &errors)
{
    return "{\"data\":null,\"errors\":" + graphql::toJson(errors).toJson() + "}";
}

std::string nullResultPayload(const std::string &responseKey)
{
    return registry::resultPayload(responseKey, JsonValue());
}

std::string groupAckPayload(const std::vector<std::string> &groups, bool subscribe,
                            bool deprecationNotes)
{
    JsonValue names = JsonValue::array();
    for (const std::string &g : groups)
        names.append(g);
    JsonValue cyparta = JsonValue::object();
    cyparta.insert("registeredGroups", names);
    cyparta.insert("subscribe", subscribe);
    cyparta.insert("subscripe", subscribe);
    cyparta.insert("action", subscribe ? "register" : "unregister");
    if (deprecationNotes) {
        JsonValue notes = JsonValue::array();
        notes.append(SubscripeDeprecationNote);
        cyparta.insert("deprecationNotes", notes);
    }
    JsonValue extensions = JsonValue::object();
    extensions.insert("cyparta", cyparta);
    return "{\"data\":null,\"errors\":null,\"extensions\":" + extensions.toJson() + "}";
}

std::string executionPayload(const JsonValue &data, const graphql::GraphQLErrors &errors)
{
    return "{\"data\":" + data.toJson() + ",\"errors\":" +
           (errors.empty() ? std::string("null") : graphql::toJson(errors).toJson()) + "}";
}

} // namespace subscope::protocol
