#include "pubsub_message.h"

#include <QByteArray>

#include <msgpack.hpp>

namespace subscope::server {

using graphql::JsonValue;

namespace {

constexpr std::string_view GroupInfix = "__group__";
constexpr std::string_view TriggerType = "subscription.triggered";
// As deep as Python's msgpack.unpackb() goes by default (and past our JSON parser's 512, with
// the message map around the value).
constexpr size_t MaxDepth = 1024;

using Packer = msgpack::packer<msgpack::sbuffer>;

bool validUtf8(std::string_view text)
{
    return QByteArrayView(text.data(), qsizetype(text.size())).isValidUtf8();
}

// A msgpack str must be UTF-8 (Python's unpackb(raw=False) refuses the whole message
// otherwise, in every consumer of the group): bytes that are not become U+FFFD, as they do in
// a WebSocket text frame.
void packString(Packer &packer, std::string_view text)
{
    if (!validUtf8(text)) {
        const QByteArray repaired = QString::fromUtf8(text.data(), qsizetype(text.size())).toUtf8();
        packer.pack_str(uint32_t(repaired.size()));
        packer.pack_str_body(repaired.constData(), uint32_t(repaired.size()));
        return;
    }
    packer.pack_str(uint32_t(text.size()));
    packer.pack_str_body(text.data(), uint32_t(text.size()));
}

void pack(Packer &packer, const JsonValue &value)
{
    switch (value.type()) {
    case JsonValue::Type::Null:
        packer.pack_nil();
        break;
    case JsonValue::Type::Bool:
        value.toBool() ? packer.pack_true() : packer.pack_false();
        break;
    case JsonValue::Type::Int:
        packer.pack(value.toInt()); // the smallest form, as msgpack.packb()
        break;
    case JsonValue::Type::UInt:
        packer.pack(value.toUInt());
        break;
    case JsonValue::Type::Double:
        packer.pack_double(value.toDouble());
        break;
    case JsonValue::Type::String:
        packString(packer, value.toString());
        break;
    case JsonValue::Type::Array:
        packer.pack_array(uint32_t(value.size()));
        for (const JsonValue &item : value.items())
            pack(packer, item);
        break;
    case JsonValue::Type::Object:
        packer.pack_map(uint32_t(value.size()));
        for (const auto &[key, member] : value.members()) {
            packString(packer, key);
            pack(packer, member);
        }
        break;
    }
}

struct Refused
{
    std::string why;
};

JsonValue toJson(const msgpack::object &object)
{
    switch (object.type) {
    case msgpack::type::NIL:
        return {};
    case msgpack::type::BOOLEAN:
        return object.via.boolean;
    case msgpack::type::POSITIVE_INTEGER:
        return JsonValue(uint64_t(object.via.u64));
    case msgpack::type::NEGATIVE_INTEGER:
        return JsonValue(int64_t(object.via.i64));
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64:
        return object.via.f64;
    case msgpack::type::STR: {
        const std::string_view text(object.via.str.ptr, object.via.str.size);
        // Python's unpackb(raw=False) refuses such a message too.
        if (!validUtf8(text)) throw Refused{"a string is not valid UTF-8"};
        return JsonValue(text);
    }
    case msgpack::type::BIN:
        return JsonValue(QByteArray(object.via.bin.ptr, qsizetype(object.via.bin.size))
                             .toBase64()
                             .toStdString());
    case msgpack::type::ARRAY: {
        JsonValue::Array items;
        items.reserve(object.via.array.size);
        for (uint32_t i = 0; i < object.via.array.size; ++i)
            items.push_back(toJson(object.via.array.ptr[i]));
        return JsonValue(std::move(items));
    }
    case msgpack::type::MAP: {
        JsonValue map = JsonValue::object();
        for (uint32_t i = 0; i < object.via.map.size; ++i) {
            const msgpack::object_kv &kv = object.via.map.ptr[i];
            // JSON keys are strings; Python's unpackb(strict_map_key=True) refuses others too.
            if (kv.key.type != msgpack::type::STR) throw Refused{"a map key is not a string"};
            const std::string_view key(kv.key.via.str.ptr, kv.key.via.str.size);
            if (!validUtf8(key)) throw Refused{"a map key is not valid UTF-8"};
            map.insert(key, toJson(kv.val)); // a repeated key: the last value, as in Python
        }
        return map;
    }
    case msgpack::type::EXT:
        throw Refused{"it holds a msgpack extension type (" +
                      std::to_string(int(object.via.ext.type())) + "), which JSON cannot carry"};
    }
    throw Refused{"it holds an unknown msgpack type"};
}

} // namespace

std::string groupChannel(std::string_view prefix, std::string_view group)
{
    std::string channel;
    channel.reserve(prefix.size() + GroupInfix.size() + group.size());
    channel.append(prefix).append(GroupInfix).append(group);
    return channel;
}

std::optional<std::string> channelGroup(std::string_view prefix, std::string_view channel)
{
    if (channel.size() <= prefix.size() + GroupInfix.size() || !channel.starts_with(prefix) ||
        channel.substr(prefix.size(), GroupInfix.size()) != GroupInfix)
        return std::nullopt;
    return std::string(channel.substr(prefix.size() + GroupInfix.size()));
}

std::string encodeTriggerMessage(std::string_view group, const JsonValue &value)
{
    msgpack::sbuffer buffer;
    Packer packer(buffer);
    packer.pack_map(3);
    packString(packer, "type");
    packString(packer, TriggerType);
    packString(packer, "value");
    pack(packer, value);
    packString(packer, "group");
    packString(packer, group);
    return std::string(buffer.data(), buffer.size());
}

std::optional<TriggerMessage>
decodeTriggerMessage(std::string_view bytes, std::string_view channelGroup, std::string *problem)
{
    // No container or string longer than the message itself: a 5-byte header must not ask
    // for gigabytes (Python's defaults do the same).
    const auto size = std::size_t(bytes.size());
    const msgpack::unpack_limit limits(size, size, size, size, size, MaxDepth);
    try {
        size_t offset = 0;
        const msgpack::object_handle handle =
            msgpack::unpack(bytes.data(), bytes.size(), offset, nullptr, nullptr, limits);
        if (offset != bytes.size()) {
            *problem = "it has " + std::to_string(bytes.size() - offset) +
                       " bytes after its msgpack value";
            return std::nullopt;
        }
        const JsonValue message = toJson(handle.get());
        if (!message.isObject()) {
            *problem = "it is not a msgpack map";
            return std::nullopt;
        }
        const JsonValue *type = message.find("type");
        if (!type || !type->isString() || type->toString() != TriggerType) {
            *problem = "its \"type\" is " + (type ? type->toJson() : std::string("missing")) +
                       ", not \"subscription.triggered\"";
            return std::nullopt;
        }
        const JsonValue *value = message.find("value");
        if (!value) {
            *problem = "it has no \"value\"";
            return std::nullopt;
        }
        const JsonValue *group = message.find("group");
        if (group && !(group->isString() && group->toString() == channelGroup)) {
            *problem = "its \"group\" " + group->toJson() + " is not the channel's group \"" +
                       std::string(channelGroup) + "\"";
            return std::nullopt;
        }
        return TriggerMessage{std::string(channelGroup), *value};
    } catch (const Refused &refused) {
        *problem = refused.why;
    } catch (const msgpack::depth_size_overflow &) {
        *problem = "it is nested deeper than " + std::to_string(MaxDepth) + " levels";
    } catch (const std::exception &e) {
        *problem = std::string("it is not msgpack (") + e.what() + ")";
    }
    return std::nullopt;
}

} // namespace subscope::server
