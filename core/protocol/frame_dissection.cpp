#include "frame_dissection.h"

#include "graphql/json_value.h"

namespace subscope::protocol {

using graphql::JsonValue;

namespace {

std::string elide(std::string text)
{
    if (text.size() <= SummaryLength) return text;
    size_t cut = SummaryLength - 3; // room for "…" (3 bytes in UTF-8)
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // not inside a character
    text.resize(cut);
    return text + "\u2026";
}

// Runs of whitespace as one space: a query on one line.
std::string oneLine(std::string_view text)
{
    std::string line;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            space = !line.empty();
            continue;
        }
        if (space) line += ' ';
        space = false;
        line += c;
    }
    return line;
}

std::string joined(const JsonValue &list)
{
    std::string text;
    if (!list.isArray()) return text;
    for (const JsonValue &item : list.items())
        text += (text.empty() ? "" : ", ") + (item.isString() ? item.toString() : item.toJson());
    return text;
}

// The first error's message and how many more there are.
std::string errorsSummary(const JsonValue &errors)
{
    const JsonValue *first = errors.isArray() && errors.size() ? &errors.items().front() : &errors;
    const JsonValue *message = first->isObject() ? first->find("message") : nullptr;
    std::string text = message && message->isString() ? message->toString() : first->toJson();
    if (errors.isArray() && errors.size() > 1)
        text += " (+" + std::to_string(errors.size() - 1) + " more)";
    return text;
}

std::string resultSummary(const JsonValue &payload)
{
    if (!payload.isObject()) return payload.toJson();
    const JsonValue *extensions = payload.find("extensions");
    const JsonValue *cyparta =
        extensions && extensions->isObject() ? extensions->find("cyparta") : nullptr;
    if (cyparta && cyparta->isObject()) { // W14, W15
        const JsonValue *action = cyparta->find("action");
        const JsonValue *groups = cyparta->find("registeredGroups");
        const JsonValue *subscribe = cyparta->find("subscribe");
        if (!subscribe) subscribe = cyparta->find("subscripe");
        std::string text = (action && action->isString() ? action->toString() : "cyparta") + " ack";
        text += " · " + (groups ? joined(*groups) : std::string("no groups"));
        if (subscribe) text += " · subscribe: " + subscribe->toJson();
        if (const JsonValue *notes = cyparta->find("deprecationNotes"); notes && notes->size())
            text += " · deprecation note";
        return text;
    }
    const JsonValue *errors = payload.find("errors");
    if (errors && !errors->isNull() && !(errors->isArray() && errors->size() == 0))
        return "errors: " + errorsSummary(*errors); // W12, W16, W17
    const JsonValue *data = payload.find("data");
    return data ? data->toJson() : payload.toJson();
}

std::string operationSummary(const JsonValue &payload)
{
    if (!payload.isObject()) return payload.toJson();
    std::string text;
    if (const JsonValue *name = payload.find("operationName"); name && name->isString())
        text = name->toString() + " · ";
    if (const JsonValue *query = payload.find("query"); query && query->isString())
        text += oneLine(query->toString());
    if (const JsonValue *variables = payload.find("variables");
        variables && variables->isObject() && variables->size())
        text += " · variables " + variables->toJson();
    return text;
}

} // namespace

FrameDissection dissectFrame(std::string_view frame)
{
    FrameDissection d;
    JsonValue value;
    std::string error;
    if (!JsonValue::fromJson(frame, &value, &error)) {
        d.type = "(not JSON)";
        d.summary = elide(error);
        return d;
    }
    const JsonValue *type = value.isObject() ? value.find("type") : nullptr;
    if (const JsonValue *id = value.isObject() ? value.find("id") : nullptr)
        d.id = id->isString() ? id->toString() : id->toJson();
    if (!type || !type->isString()) {
        d.type = "(no type)";
        d.summary = elide(value.toJson());
        return d;
    }
    d.type = type->toString();
    const JsonValue *payload = value.find("payload");
    if (!payload) return d;
    if (d.type == "subscribe" || d.type == "start")
        d.summary = operationSummary(*payload);
    else if (d.type == "next" || d.type == "data")
        d.summary = resultSummary(*payload);
    else if (d.type == "error" || d.type == "connection_error")
        d.summary = errorsSummary(*payload);
    else
        d.summary = payload->toJson();
    d.summary = elide(std::move(d.summary));
    return d;
}

} // namespace subscope::protocol
