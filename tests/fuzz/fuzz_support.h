#pragma once

#include "graphql/json_value.h"
#include "graphql/schema.h"
#include "graphql/schema_builder.h"

#include <QByteArray>
#include <QFile>
#include <QLoggingCategory>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace subscope::fuzz {

// Logging would write a line to stderr for most inputs and slow every target down.
inline const bool logsOff = [] {
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    return true;
}();

// The embedded demo schema (resources/demo.graphql), loaded once.
inline const std::shared_ptr<const graphql::Schema> &sharedDemoSchema()
{
    static const std::shared_ptr<const graphql::Schema> schema = [] {
        graphql::SchemaLoadResult result =
            graphql::loadSchemaFile(QStringLiteral(":/schemas/demo.graphql"));
        if (!result.schema) {
            std::fprintf(stderr, "the demo schema does not load\n");
            std::abort();
        }
        return result.schema;
    }();
    return schema;
}

inline const graphql::Schema &demoSchema()
{
    return *sharedDemoSchema();
}

// An invariant of the code under test failed: report it as a finding (libFuzzer keeps the input).
[[noreturn]] inline void finding(const char *what, const QByteArray &detail = {})
{
    std::fprintf(stderr, "FINDING: %s\n%s\n", what, detail.left(2000).constData());
    std::abort();
}

// Everything the server sends must be one JSON object with a string "type".
inline void checkOutgoingFrame(const QByteArray &frame)
{
    graphql::JsonValue parsed;
    std::string problem;
    if (!graphql::JsonValue::fromJson(std::string_view(frame.constData(), size_t(frame.size())),
                                      &parsed, &problem))
        finding("an outgoing frame is not JSON", frame);
    const graphql::JsonValue *type = parsed.isObject() ? parsed.find("type") : nullptr;
    if (!type || !type->isString()) finding("an outgoing frame has no string type", frame);
}

} // namespace subscope::fuzz
