#pragma once

#include "schema.h"

#include <string>
#include <vector>

namespace subscope::graphql {

struct SchemaProblem
{
    uint32_t offset; // in the schema source
    std::string message;
};

// The structural checks of graphql-js's validateSchema on a built schema: every object and
// interface has fields, types are used as input or output where they must be, interfaces are
// implemented faithfully, unions hold objects, enums have values, input objects do not contain
// themselves through non-null fields.
class SchemaChecks
{
public:
    explicit SchemaChecks(const Schema &schema)
        : m_schema(schema)
    {}
    std::vector<SchemaProblem> run();

private:
    void checkFields(const NamedType &type);
    void checkInterfaces(const NamedType &type);
    void checkImplementation(const NamedType &type, const NamedType &iface);
    void checkUnion(const NamedType &type);
    void checkInputObject(const NamedType &type);
    void checkInputCycles(const NamedType &type);
    void checkDirective(const DirectiveDefinition &directive);
    void problem(uint32_t offset, std::string message)
    {
        m_problems.push_back({offset, std::move(message)});
    }

    const Schema &m_schema;
    std::vector<SchemaProblem> m_problems;
    std::vector<const NamedType *> m_visitedInputs;
};

} // namespace subscope::graphql
