#pragma once

#include "ast.h"
#include "directive_location.h"
#include "json_value.h"
#include "source.h"

#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace subscope::graphql {

enum class TypeKind : uint8_t
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject
};

// "scalar", "object", "interface", "union", "enum", "input object", as messages say them.
const char *typeKindName(TypeKind kind);

struct NamedType;

// A named type wrapped in any number of list and non-null modifiers, e.g. [Int!]!. A small value:
// documents can name wrapped types the schema never mentions, and comparing two is cheap.
class TypeRef
{
public:
    TypeRef() = default;
    TypeRef(const NamedType *named)
        : m_named(named)
    {}

    static TypeRef listOf(TypeRef inner);
    static TypeRef nonNull(TypeRef inner);

    bool isValid() const { return m_named != nullptr; }
    explicit operator bool() const { return m_named != nullptr; }
    bool isNonNull() const { return m_depth > 0 && outerBit(); }
    bool isList() const { return m_depth > 0 && !outerBit(); }
    bool isWrapped() const { return m_depth > 0; }
    TypeRef ofType() const; // one modifier less
    TypeRef nullable() const { return isNonNull() ? ofType() : *this; }
    const NamedType *named() const { return m_named; }
    // The named type itself when there are no modifiers, else null.
    const NamedType *asNamed() const { return m_depth == 0 ? m_named : nullptr; }
    TypeKind kind() const;

    std::string toString() const;
    friend bool operator==(const TypeRef &, const TypeRef &) = default;

private:
    bool outerBit() const { return (m_mods >> (m_depth - 1)) & 1; }

    const NamedType *m_named = nullptr;
    uint64_t m_mods = 0; // bit i set: modifier i (0 = innermost) is non-null, else list
    uint8_t m_depth = 0;
};

struct Deprecation
{
    bool deprecated = false;
    std::optional<std::string> reason;
};

struct InputValue // argument or input object field
{
    std::string name;
    std::optional<std::string> description;
    TypeRef type;
    std::optional<JsonValue> defaultValue; // coerced; absent when there is no default
    Deprecation deprecation;
    uint32_t offset = 0; // of its definition in the schema source
};

// @groups(names: [...], subscripeIsLegacy: Bool) on a subscription field.
struct GroupsSpec
{
    struct Part
    {
        bool isArgument = false;
        std::string text; // literal text, or the argument name
    };
    struct Template
    {
        std::string source; // as written, e.g. "MyModelUpdated.{id}"
        std::vector<Part> parts;
    };
    std::vector<Template> templates;
    bool subscripeIsLegacy = true;
};

struct FieldDefinition
{
    std::string name;
    std::optional<std::string> description;
    std::vector<InputValue> arguments;
    TypeRef type;
    Deprecation deprecation;
    std::optional<GroupsSpec> groups;
    uint32_t offset = 0;

    const InputValue *argument(std::string_view name) const;
};

struct EnumValueDefinition
{
    std::string name;
    std::optional<std::string> description;
    Deprecation deprecation;
};

struct NamedType
{
    TypeKind kind = TypeKind::Scalar;
    std::string name;
    std::optional<std::string> description;
    std::optional<std::string> specifiedByURL;
    bool builtIn = false;                      // the specified scalars and the introspection types
    std::vector<FieldDefinition> fields;       // object, interface
    std::vector<const NamedType *> interfaces; // object, interface
    std::vector<const NamedType *> unionMembers; // union
    std::vector<EnumValueDefinition> enumValues; // enum
    std::vector<InputValue> inputFields;         // input object
    std::optional<std::string> modelName;        // @model: groups <name>Created, ...
    uint32_t offset = 0;

    const FieldDefinition *field(std::string_view name) const;
    const InputValue *inputField(std::string_view name) const;
    const EnumValueDefinition *enumValue(std::string_view name) const;

    bool isInputType() const
    {
        return kind == TypeKind::Scalar || kind == TypeKind::Enum || kind == TypeKind::InputObject;
    }
    bool isOutputType() const { return kind != TypeKind::InputObject; }
    bool isLeafType() const { return kind == TypeKind::Scalar || kind == TypeKind::Enum; }
    bool isCompositeType() const
    {
        return kind == TypeKind::Object || kind == TypeKind::Interface || kind == TypeKind::Union;
    }
    bool isAbstractType() const { return kind == TypeKind::Interface || kind == TypeKind::Union; }
};

struct DirectiveDefinition
{
    std::string name;
    std::optional<std::string> description;
    std::vector<DirectiveLocation> locations;
    std::vector<InputValue> arguments;
    bool repeatable = false;
    bool builtIn = false;
    uint32_t offset = 0;

    const InputValue *argument(std::string_view name) const;
    bool hasLocation(DirectiveLocation location) const;
};

// An immutable GraphQL schema. Build one with buildSchema() (schema_builder.h).
class Schema
{
public:
    Schema();
    Schema(const Schema &) = delete;
    Schema &operator=(const Schema &) = delete;

    const NamedType *type(std::string_view name) const;
    // In the order of graphql-core's type map (what introspection lists).
    const std::vector<const NamedType *> &types() const { return m_typeOrder; }
    const NamedType *queryType() const { return m_query; }
    const NamedType *mutationType() const { return m_mutation; }
    const NamedType *subscriptionType() const { return m_subscription; }
    const NamedType *rootType(ast::OperationType operation) const;
    const std::optional<std::string> &description() const { return m_description; }

    const std::vector<const DirectiveDefinition *> &directives() const { return m_directiveOrder; }
    const DirectiveDefinition *directive(std::string_view name) const;

    // Object types of an interface (in type-map order) or members of a union.
    const std::vector<const NamedType *> &possibleTypes(const NamedType *abstract) const;
    bool isPossibleType(const NamedType *abstract, const NamedType *object) const;
    // An object or interface implementing `abstract`, or a member of the union `abstract`.
    bool isSubType(const NamedType *abstract, const NamedType *maybeSub) const;
    bool isTypeSubTypeOf(TypeRef maybeSubType, TypeRef superType) const;
    bool doTypesOverlap(const NamedType *a, const NamedType *b) const;

    // The introspection fields every schema has: __schema and __type on the query type,
    // __typename on every composite type.
    const FieldDefinition &schemaMetaField() const { return m_schemaMetaField; }
    const FieldDefinition &typeMetaField() const { return m_typeMetaField; }
    const FieldDefinition &typeNameMetaField() const { return m_typeNameMetaField; }

    // Where the schema came from, for messages.
    const Source &source() const { return m_source; }

    // The built-in scalars, shared by every schema.
    static const NamedType *builtInScalar(std::string_view name);

private:
    friend class SchemaBuilder;

    Source m_source;
    std::optional<std::string> m_description;
    std::vector<std::unique_ptr<NamedType>> m_ownedTypes;
    std::unordered_map<std::string_view, const NamedType *> m_types;
    std::vector<const NamedType *> m_typeOrder;
    const NamedType *m_query = nullptr;
    const NamedType *m_mutation = nullptr;
    const NamedType *m_subscription = nullptr;
    std::vector<std::unique_ptr<DirectiveDefinition>> m_ownedDirectives;
    std::unordered_map<std::string_view, const DirectiveDefinition *> m_directives;
    std::vector<const DirectiveDefinition *> m_directiveOrder;
    std::unordered_map<const NamedType *, std::vector<const NamedType *>> m_possibleTypes;
    FieldDefinition m_schemaMetaField;
    FieldDefinition m_typeMetaField;
    FieldDefinition m_typeNameMetaField;
};

} // namespace subscope::graphql
