#include "subprotocol.h"

namespace subscope::protocol {

const char *subprotocolName(Subprotocol subprotocol)
{
    return subprotocol == Subprotocol::TransportWs ? "graphql-transport-ws" : "graphql-ws";
}

std::optional<Subprotocol> negotiateSubprotocol(const QStringList &offered)
{
    for (const QString &value : offered) {
        const QString v = value.trimmed();
        if (v == QLatin1String("graphql-transport-ws")) return Subprotocol::TransportWs;
        if (v == QLatin1String("graphql-ws")) return Subprotocol::LegacyWs;
    }
    return std::nullopt;
}

QStringList supportedSubprotocols()
{
    return {QStringLiteral("graphql-transport-ws"), QStringLiteral("graphql-ws")};
}

const Vocabulary &vocabulary(Subprotocol subprotocol)
{
    static const Vocabulary transport{"subscribe", "next", "complete", R"({"type":"ping"})", true};
    static const Vocabulary legacy{"start", "data", "stop", R"({"type":"ka"})", false};
    return subprotocol == Subprotocol::TransportWs ? transport : legacy;
}

} // namespace subscope::protocol
