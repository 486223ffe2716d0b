#pragma once

#include <cstdint>
#include <string_view>

// The GraphQL syntax tree (October 2021 spec), executable and type-system definitions. Nodes live
// in the Document's arena; strings are views into the source or the arena. Every node carries
// the byte offsets of its first and last token; Source::location() turns them into line/column.
namespace subscope::graphql::ast {

enum class Kind : uint8_t
{
    Document,
    OperationDefinition,
    VariableDefinition,
    Variable,
    SelectionSet,
    Field,
    Argument,
    FragmentSpread,
    InlineFragment,
    FragmentDefinition,
    IntValue,
    FloatValue,
    StringValue,
    BooleanValue,
    NullValue,
    EnumValue,
    ListValue,
    ObjectValue,
    ObjectField,
    Directive,
    NamedType,
    ListType,
    NonNullType,
    SchemaDefinition,
    OperationTypeDefinition,
    ScalarTypeDefinition,
    ObjectTypeDefinition,
    FieldDefinition,
    InputValueDefinition,
    InterfaceTypeDefinition,
    UnionTypeDefinition,
    EnumTypeDefinition,
    EnumValueDefinition,
    InputObjectTypeDefinition,
    DirectiveDefinition,
    SchemaExtension,
    ScalarTypeExtension,
    ObjectTypeExtension,
    InterfaceTypeExtension,
    UnionTypeExtension,
    EnumTypeExtension,
    InputObjectTypeExtension,
};
constexpr int KindCount = int(Kind::InputObjectTypeExtension) + 1;

// A read-only array of node pointers in the arena.
template <class T> struct List
{
    T *const *items = nullptr;
    uint32_t count = 0;

    T *const *begin() const { return items; }
    T *const *end() const { return items + count; }
    uint32_t size() const { return count; }
    bool empty() const { return count == 0; }
    T *operator[](uint32_t i) const { return items[i]; }
};

struct Name
{
    std::string_view value;
    uint32_t start = 0;
    bool empty() const { return value.empty(); }
};

struct Node
{
    Kind kind;
    uint32_t start = 0;
    uint32_t end = 0;
};

enum class OperationType : uint8_t
{
    Query,
    Mutation,
    Subscription
};

struct Value : Node
{};
struct Directive;

struct Variable : Value
{
    Name name;
};
struct IntValue : Value
{
    std::string_view value; // the literal as written
};
struct FloatValue : Value
{
    std::string_view value;
};
struct StringValue : Value
{
    std::string_view value; // decoded
    bool block = false;
};
struct BooleanValue : Value
{
    bool value = false;
};
struct NullValue : Value
{};
struct EnumValue : Value
{
    std::string_view value;
};
struct ListValue : Value
{
    List<Value> values;
};
struct ObjectField : Node
{
    Name name;
    Value *value = nullptr;
};
struct ObjectValue : Value
{
    List<ObjectField> fields;
};

struct Argument : Node
{
    Name name;
    Value *value = nullptr;
};
struct Directive : Node
{
    Name name;
    List<Argument> arguments;
};

// NamedType, ListType or NonNullType.
struct Type : Node
{};
struct NamedType : Type
{
    Name name;
};
struct ListType : Type
{
    Type *type = nullptr;
};
struct NonNullType : Type
{
    Type *type = nullptr;
};

struct SelectionSet;
struct Selection : Node
{
    List<Directive> directives;
};
struct Field : Selection
{
    Name alias; // empty when there is none
    Name name;
    List<Argument> arguments;
    SelectionSet *selectionSet = nullptr;
    std::string_view responseKey() const { return alias.empty() ? name.value : alias.value; }
};
struct FragmentSpread : Selection
{
    Name name;
};
struct InlineFragment : Selection
{
    NamedType *typeCondition = nullptr;
    SelectionSet *selectionSet = nullptr;
};
struct SelectionSet : Node
{
    List<Selection> selections;
};

struct Definition : Node
{};
struct VariableDefinition : Node
{
    Variable *variable = nullptr;
    Type *type = nullptr;
    Value *defaultValue = nullptr;
    List<Directive> directives;
};
struct OperationDefinition : Definition
{
    OperationType operation = OperationType::Query;
    Name name; // empty for anonymous operations
    List<VariableDefinition> variableDefinitions;
    List<Directive> directives;
    SelectionSet *selectionSet = nullptr;
};
struct FragmentDefinition : Definition
{
    Name name;
    NamedType *typeCondition = nullptr;
    List<Directive> directives;
    SelectionSet *selectionSet = nullptr;
};

// Type system.
struct OperationTypeDefinition : Node
{
    OperationType operation = OperationType::Query;
    NamedType *type = nullptr;
};
struct SchemaDefinition : Definition // also SchemaExtension (no description)
{
    StringValue *description = nullptr;
    List<Directive> directives;
    List<OperationTypeDefinition> operationTypes;
};
struct InputValueDefinition : Node
{
    StringValue *description = nullptr;
    Name name;
    Type *type = nullptr;
    Value *defaultValue = nullptr;
    List<Directive> directives;
};
struct FieldDefinition : Node
{
    StringValue *description = nullptr;
    Name name;
    List<InputValueDefinition> arguments;
    Type *type = nullptr;
    List<Directive> directives;
};
struct EnumValueDefinition : Node
{
    StringValue *description = nullptr;
    Name name;
    List<Directive> directives;
};
// One struct for every type definition and extension; unused lists stay empty.
struct TypeDefinition : Definition
{
    StringValue *description = nullptr; // never set on extensions
    Name name;
    List<NamedType> interfaces; // object, interface
    List<Directive> directives;
    List<FieldDefinition> fields;           // object, interface
    List<NamedType> types;                  // union members
    List<EnumValueDefinition> values;       // enum
    List<InputValueDefinition> inputFields; // input object
};
struct DirectiveDefinition : Definition
{
    StringValue *description = nullptr;
    Name name;
    List<InputValueDefinition> arguments;
    bool repeatable = false;
    List<Name> locations; // Name pointers in the arena
};

struct Document : Node
{
    List<Definition> definitions;
};

inline bool isExecutableDefinition(Kind k)
{
    return k == Kind::OperationDefinition || k == Kind::FragmentDefinition;
}
inline bool isTypeDefinition(Kind k)
{
    return k == Kind::ScalarTypeDefinition || k == Kind::ObjectTypeDefinition ||
           k == Kind::InterfaceTypeDefinition || k == Kind::UnionTypeDefinition ||
           k == Kind::EnumTypeDefinition || k == Kind::InputObjectTypeDefinition;
}
inline bool isTypeExtension(Kind k)
{
    return k == Kind::ScalarTypeExtension || k == Kind::ObjectTypeExtension ||
           k == Kind::InterfaceTypeExtension || k == Kind::UnionTypeExtension ||
           k == Kind::EnumTypeExtension || k == Kind::InputObjectTypeExtension;
}
inline bool isTypeSystemDefinitionOrExtension(Kind k)
{
    return isTypeDefinition(k) || isTypeExtension(k) || k == Kind::SchemaDefinition ||
           k == Kind::SchemaExtension || k == Kind::DirectiveDefinition;
}
inline bool isValue(Kind k)
{
    return k == Kind::Variable || (k >= Kind::IntValue && k <= Kind::ObjectValue);
}

const char *operationTypeName(OperationType op); // "query", "mutation", "subscription"

} // namespace subscope::graphql::ast
