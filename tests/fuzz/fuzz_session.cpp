// The JSON frame -> session state machine path, both subprotocols: a client's frames (one a
// line) interleaved with events, timers, pongs and binary frames. Every outgoing frame must be a
// JSON object with a type; once the session asks for a close nothing more is fed (the adapter
// stops reading); when the session ends the hub holds nothing of it.
//
// Input: the first byte chooses the configuration (bit 0: legacy graphql-ws, bit 1: --auth with
// --require-auth, bit 2: lenient group names, bit 3: at most 3 operations). Then lines: "!e"
// publishes an event to every group, "!k" and "!i" fire the keepalive and init timers, "!p" is a
// pong, "!b" a binary frame, "!t" the token line (the rest is the Authorization header); any
// other line is a text frame.
#include "fuzz_support.h"
#include "protocol/access_rules.h"
#include "protocol/session.h"

using namespace subscope;
using graphql::JsonValue;

namespace {

const protocol::AccessRules &rules()
{
    static const protocol::AccessRules r = [] {
        JsonValue doc;
        JsonValue::fromJson(R"({"tokens": {"alice": {"user": "alice", "groups": ["MyModel*"]},
                                           "admin": {"user": "admin"}}})",
                            &doc);
        std::string error;
        std::optional<protocol::AccessRules> parsed = protocol::AccessRules::fromJson(doc, &error);
        if (!parsed) fuzz::finding("the access rules do not load", QByteArray(error.c_str()));
        parsed->requireAuth = true;
        return *parsed;
    }();
    return r;
}

bool drain(registry::Hub &hub, registry::SocketId socket)
{
    registry::Outbox *outbox = hub.outbox(socket);
    if (!outbox) fuzz::finding("a live session without an outbox");
    while (std::optional<QByteArray> frame = outbox->pop())
        fuzz::checkOutgoingFrame(*frame);
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    const uint8_t flags = data[0];
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QList<QByteArray> lines = input.split('\n');

    protocol::SessionConfig config;
    const protocol::AccessPolicy policy = rules().policy();
    if (flags & 2) config.access = &policy;
    if (flags & 4) config.groupNames = graphql::GroupNameMode::Lenient;
    if (flags & 8) config.maxOperations = 3;
    protocol::ConnectionInfo info;
    for (const QByteArray &line : lines)
        if (line.startsWith("!t")) info.authorization = line.mid(2).toStdString();

    registry::Hub hub;
    const auto subprotocol =
        (flags & 1) ? protocol::Subprotocol::LegacyWs : protocol::Subprotocol::TransportWs;
    {
        protocol::Session session(hub, subprotocol, fuzz::demoSchema(), config, info);
        const registry::SocketId socket = session.socket();
        protocol::SessionOutput out = session.open();
        drain(hub, socket);
        int events = 0;
        for (const QByteArray &line : lines) {
            if (out.close || out.abort) break;
            if (line == "!e") {
                JsonValue value = JsonValue::object();
                value.insert("n", int64_t(++events));
                value.insert("name", "x");
                for (const std::string &group : hub.groups().groupNames())
                    hub.publish(group, value);
            } else if (line == "!k") {
                out = session.timer(protocol::SessionTimer::Keepalive);
            } else if (line == "!i") {
                out = session.timer(protocol::SessionTimer::InitTimeout);
            } else if (line == "!p") {
                session.pong();
            } else if (line == "!b") {
                out = session.binaryFrame();
            } else if (!line.startsWith("!t")) {
                out = session.textFrame(line);
            }
            drain(hub, socket);
            if (out.close && (out.close->code < 1000 || out.close->code > 4999))
                fuzz::finding("a close code out of range", line);
        }
    }
    if (hub.socketCount() != 0 || hub.operationCount() != 0 || hub.groups().membershipCount() != 0)
        fuzz::finding("a closed session left state in the hub");
    return 0;
}
