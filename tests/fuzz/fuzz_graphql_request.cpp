// GraphQL documents as clients send them: checked (parse under the request limits, validation,
// operation selection) against the demo schema, then executed or resolved as a subscription, and
// validated against a schema with every kind of type (../shared graphql-vectors).
#include "fuzz_support.h"
#include "graphql/execution.h"
#include "graphql/request.h"
#include "graphql/subscription_request.h"

using namespace subscope;

namespace {

const graphql::Schema &richSchema()
{
    static const std::shared_ptr<const graphql::Schema> schema = [] {
        graphql::SchemaLoadResult result = graphql::loadSchemaFile(
            QStringLiteral(SUBSCOPE_SHARED_DIR "/spec/graphql-vectors/rich-schema.graphql"));
        if (!result.schema) fuzz::finding("the rich schema does not load");
        return result.schema;
    }();
    return *schema;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const graphql::ParseResult parsed = graphql::parse(text);
    if (!parsed.document) {
        if (!parsed.error) fuzz::finding("a failed parse without an error", text);
        // The offset is into the text as read, each invalid UTF-8 byte as U+FFFD (3 bytes).
        if (parsed.errorOffset > 3 * size_t(text.size()))
            fuzz::finding("a syntax error past the end", text);
        return 0;
    }
    graphql::validate(richSchema(), *parsed.document);

    const graphql::CheckedRequest request =
        graphql::checkRequest(fuzz::demoSchema(), text, graphql::JsonValue::object(), {});
    if (!request.ok()) return 0;
    if (request.operation->operation == graphql::ast::OperationType::Subscription) {
        const graphql::SubscriptionResolution resolution =
            graphql::resolveSubscription(fuzz::demoSchema(), request);
        if (!resolution.target && !resolution.error)
            fuzz::finding("a subscription neither resolved nor refused", text);
        return 0;
    }
    const graphql::ExecutionResult result = graphql::execute(fuzz::demoSchema(), request);
    fuzz::checkOutgoingFrame(QByteArray::fromStdString(
        "{\"type\":\"next\",\"payload\":" + result.toJson().toJson() + "}"));
    return 0;
}
