// Reads GraphQL requests as JSON lines on stdin ({"schema": "demo"|"rich"|"test", "document",
// "variables", "operationName", "execute"?}) and writes, per line, {"errors": [...]} as
// checkRequest gives them (parse, validate, select the operation, coerce the variables), or
// with "execute": true the execution result {"data": ..., "errors"?: [...]}. The differential
// test feeds it the corpus and the introspection queries and compares with graphql-js.
#include "graphql/execution.h"
#include "graphql/request.h"
#include "support/test_schemas.h"

#include <cstdio>
#include <iostream>
#include <string>

using namespace subscope;
using namespace subscope::graphql;

int main()
{
    std::ios::sync_with_stdio(false);
    std::string line;
    while (std::getline(std::cin, line)) {
        JsonValue request;
        std::string error;
        if (!JsonValue::fromJson(line, &request, &error) || !request.isObject()) {
            std::cout << R"({"fatal":"bad request line"})" << '\n';
            continue;
        }
        const std::string schemaName =
            request.find("schema") ? request.find("schema")->toString() : "demo";
        const Schema &schema = schemaName == "rich"   ? test::richSchema()
                               : schemaName == "test" ? test::testSchema()
                                                      : test::demoSchema();
        std::optional<std::string> operationName;
        if (const JsonValue *name = request.find("operationName"); name && name->isString())
            operationName = name->toString();
        const JsonValue *variables = request.find("variables");
        const CheckedRequest checked =
            checkRequest(schema, QByteArray::fromStdString(request.find("document")->toString()),
                         variables ? *variables : JsonValue(), operationName);
        if (const JsonValue *execute = request.find("execute");
            execute && execute->isBool() && execute->toBool()) {
            std::cout << graphql::execute(schema, checked).toJson().toJson() << '\n';
            continue;
        }
        JsonValue out = JsonValue::object();
        out.insert("errors", toJson(checked.errors));
        std::cout << out.toJson() << '\n';
    }
    return 0;
}
