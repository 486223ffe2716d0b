#include "close_codes.h"

namespace subscope::protocol {

namespace {

const char *knownMeaning(int code)
{
    switch (code) {
    // RFC 6455 and the IANA registry
    case 1000:
        return "Normal closure";
    case 1001:
        return "Going away (server shutting down)";
    case 1002:
        return "Protocol error (e.g. no supported subprotocol)";
    case 1003:
        return "Unsupported data";
    case 1005:
        return "No status code received";
    case 1006:
        return "Connection lost (no close frame)";
    case 1007:
        return "Invalid frame payload data";
    case 1008:
        return "Policy violation";
    case 1009:
        return "Message too big";
    case 1010:
        return "Mandatory extension missing";
    case 1011:
        return "Internal error (the server hit an unexpected condition)";
    case 1012:
        return "Service restart";
    case 1013:
        return "Try again later";
    case 1014:
        return "Bad gateway";
    case 1015:
        return "TLS handshake failure";
    // graphql-ws' CloseCode, and the wire contract's own application codes
    case 4004:
        return "Bad response (invalid message from the server)";
    case 4005:
        return "Internal client error";
    case 4400:
        return "Bad request (invalid message)";
    case 4401:
        return "Unauthorized (operation before connection_ack)";
    case 4403:
        return "Forbidden";
    case 4406:
        return "Subprotocol not acceptable";
    case 4408:
        return "Connection initialisation timeout";
    case 4409:
        return "Subscriber for <id> already exists";
    case 4413:
        return "Outbox overflow (slow consumer)";
    case 4429:
        return "Too many initialisation requests";
    case 4499:
        return "Terminated";
    case 4500:
        return "Internal server error";
    case 4504:
        return "Connection acknowledgement timeout";
    default:
        return nullptr;
    }
}

const char *rangeMeaning(int code)
{
    if (code >= 1000 && code <= 2999) return "Reserved WebSocket close code (unassigned)";
    if (code >= 3000 && code <= 3999) return "Registered close code (library or framework)";
    if (code >= 4000 && code <= 4999) return "Application close code (unknown)";
    return "Invalid close code";
}

} // namespace

QString closeCodeMeaning(int code)
{
    const char *known = knownMeaning(code);
    return QString::fromLatin1(known ? known : rangeMeaning(code));
}

} // namespace subscope::protocol
