#pragma once

#include "graphql/json_value.h"

#include <optional>
#include <string>
#include <string_view>

namespace subscope::server {

// The wire format of channels_redis's RedisPubSubChannelLayer (channels_redis/pubsub.py, 4.0),
// so that a Django app with that layer and Subscope reach each other's sockets.

// The Redis channel of a group: "<prefix>__group__<group>".
std::string groupChannel(std::string_view prefix, std::string_view group);
// The group of such a channel, or nullopt when the channel is not one of the prefix's groups.
std::optional<std::string> channelGroup(std::string_view prefix, std::string_view channel);

// What trigger_subscription(group, value) sends through group_send(): the msgpack map
// {"type": "subscription.triggered", "value": <value>, "group": <group>}, as msgpack.packb()
// writes it (smallest integer forms, str8 strings, float64 doubles).
std::string encodeTriggerMessage(std::string_view group, const graphql::JsonValue &value);

struct TriggerMessage
{
    std::string group;
    graphql::JsonValue value;
};

// A message received on a group's channel: its group and its value as JSON. Binary values
// become base64 strings (RFC 4648, padded). nullopt with *problem when it is not a
// subscription.triggered message: not msgpack, another "type", no "value", a "group" other than
// the channel's, a map key that is not a string, an extension type, nesting beyond 1024 levels.
std::optional<TriggerMessage>
decodeTriggerMessage(std::string_view bytes, std::string_view channelGroup, std::string *problem);

} // namespace subscope::server
