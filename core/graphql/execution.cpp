#include "execution.h"

#include "collect_fields.h"
#include "python_repr.h"
#include "scalars.h"
#include "validation/type_info.h"
#include "values.h"

#include <QJsonArray>

#include <algorithm>

namespace subscope::graphql {

namespace {

// What a resolver returned: JSON, or one of the schema's own objects for introspection.
struct Resolved
{
    enum class Kind
    {
        Json,
        Schema,
        Type,
        Field,
        InputValue,
        EnumValue,
        Directive,
        List
    };
    Kind kind = Kind::Json;
    JsonValue json;               // Json
    const void *object = nullptr; // Field, InputValue, EnumValue, Directive
    TypeRef type;                 // Type
    std::vector<Resolved> items;  // List

    static Resolved null() { return {}; }
    static Resolved of(JsonValue v) { return {Kind::Json, std::move(v), nullptr, {}, {}}; }
    static Resolved ofType(TypeRef t)
    {
        return t ? Resolved{Kind::Type, {}, nullptr, t, {}} : null();
    }
    static Resolved ofObject(Kind k, const void *o) { return {k, {}, o, {}, {}}; }
    static Resolved list(std::vector<Resolved> items)
    {
        return {Kind::List, {}, nullptr, {}, std::move(items)};
    }
    bool isNull() const { return kind == Kind::Json && json.isNull(); }
};

JsonValue text(const std::optional<std::string> &s)
{
    return s ? JsonValue(*s) : JsonValue();
}

const char *typeKindName(TypeRef type)
{
    if (type.isNonNull()) return "NON_NULL";
    if (type.isList()) return "LIST";
    switch (type.named()->kind) {
    case TypeKind::Scalar:
        return "SCALAR";
    case TypeKind::Object:
        return "OBJECT";
    case TypeKind::Interface:
        return "INTERFACE";
    case TypeKind::Union:
        return "UNION";
    case TypeKind::Enum:
        return "ENUM";
    case TypeKind::InputObject:
        return "INPUT_OBJECT";
    }
    return "";
}

// A field error that makes the field null (or its parent, for non-null fields).
struct FieldError
{
    GraphQLError error;
};

class Executor
{
public:
    Executor(const Schema &schema, const CheckedRequest &request, const Fixtures &fixtures)
        : m_schema(schema)
        , m_request(request)
        , m_fixtures(fixtures)
        , m_fragments(fragmentsOf(request.document->root()))
    {}

    ExecutionResult run()
    {
        ExecutionResult result;
        const ast::OperationDefinition &operation = *m_request.operation;
        const NamedType *root = m_schema.rootType(operation.operation);
        if (!root) {
            result.errors.push_back({std::string("Schema is not configured to execute ") +
                                         ast::operationTypeName(operation.operation) +
                                         " operation.",
                                     {m_request.document->location(operation)}});
            return result;
        }
        try {
            result.data =
                executeSelection(root, Resolved::null(), *operation.selectionSet, QJsonArray());
        } catch (const FieldError &e) {
            m_errors.push_back(e.error); // a non-null root field was null: no data
            result.data = JsonValue();
        }
        std::stable_sort(m_errors.begin(), m_errors.end(),
                         [](const GraphQLError &a, const GraphQLError &b) {
                             auto key = [](const GraphQLError &e) {
                                 std::vector<std::pair<int, int>> locations;
                                 for (const SourceLocation &l : e.locations)
                                     locations.emplace_back(l.line, l.column);
                                 return locations;
                             };
                             if (key(a) != key(b)) return key(a) < key(b);
                             if (a.path != b.path) return pathLess(a.path, b.path);
                             return a.message < b.message;
                         });
        result.errors = std::move(m_errors);
        return result;
    }

private:
    static bool pathLess(const QJsonArray &a, const QJsonArray &b)
    {
        for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
            if (a[i] == b[i]) continue;
            if (a[i].isString() && b[i].isString()) return a[i].toString() < b[i].toString();
            return a[i].toDouble() < b[i].toDouble();
        }
        return a.size() < b.size();
    }

    JsonValue executeSelection(const NamedType *type, const Resolved &source,
                               const ast::SelectionSet &set, const QJsonArray &path)
    {
        CollectedFields fields = collectFields(m_schema, *m_request.document, m_fragments,
                                               m_request.variables, type, set);
        if (fields.error) throw FieldError{*fields.error};
        JsonValue object = JsonValue::object();
        for (const auto &[key, nodes] : fields.groups) {
            const FieldDefinition *definition =
                fieldDefinition(m_schema, type, nodes.front()->name.value);
            if (!definition) continue;
            QJsonArray fieldPath = path;
            fieldPath.append(QString::fromUtf8(key.data(), qsizetype(key.size())));
            object.insert(key, executeField(type, *definition, source, nodes, fieldPath));
        }
        return object;
    }

    JsonValue executeField(const NamedType *parentType, const FieldDefinition &definition,
                           const Resolved &source, const std::vector<const ast::Field *> &nodes,
                           const QJsonArray &path)
    {
        try {
            ArgumentValues args =
                argumentValues(definition.arguments, nodes.front()->arguments, nodes.front()->start,
                               m_request.variables, *m_request.document);
            if (args.error) throw FieldError{located(args.error->message, nodes, path)};
            const Resolved value = resolve(parentType, definition, source, args.values);
            return complete(definition.type, parentType, definition, nodes, path, value);
        } catch (const FieldError &e) {
            if (definition.type.isNonNull()) throw;
            m_errors.push_back(e.error);
            return JsonValue();
        }
    }

    GraphQLError located(std::string message, const std::vector<const ast::Field *> &nodes,
                         const QJsonArray &path) const
    {
        GraphQLError error{std::move(message), {}, path};
        for (const ast::Field *f : nodes)
            error.locations.push_back(m_request.document->location(*f));
        return error;
    }

    JsonValue complete(TypeRef type, const NamedType *parentType, const FieldDefinition &definition,
                       const std::vector<const ast::Field *> &nodes, const QJsonArray &path,
                       const Resolved &value)
    {
        if (type.isNonNull()) {
            JsonValue completed =
                complete(type.ofType(), parentType, definition, nodes, path, value);
            if (completed.isNull())
                throw FieldError{located("Cannot return null for non-nullable field " +
                                             parentType->name + "." + definition.name + ".",
                                         nodes, path)};
            return completed;
        }
        if (value.isNull()) return JsonValue();
        if (type.isList()) {
            std::vector<Resolved> items;
            if (value.kind == Resolved::Kind::List) {
                items = value.items;
            } else if (value.kind == Resolved::Kind::Json && value.json.isArray()) {
                for (const JsonValue &item : value.json.items())
                    items.push_back(Resolved::of(item));
            } else {
                throw FieldError{located("Expected Iterable, but did not find one for field '" +
                                             parentType->name + "." + definition.name + "'.",
                                         nodes, path)};
            }
            JsonValue list = JsonValue::array();
            for (size_t i = 0; i < items.size(); ++i) {
                QJsonArray itemPath = path;
                itemPath.append(qint64(i));
                try {
                    list.append(
                        complete(type.ofType(), parentType, definition, nodes, itemPath, items[i]));
                } catch (const FieldError &e) {
                    if (type.ofType().isNonNull()) throw;
                    m_errors.push_back(e.error);
                    list.append(JsonValue());
                }
            }
            return list;
        }
        const NamedType *named = type.named();
        if (named->isLeafType()) {
            if (value.kind != Resolved::Kind::Json) return JsonValue();
            const Coercion serialized = serializeLeaf(*named, value.json);
            if (!serialized.ok) throw FieldError{located(serialized.error, nodes, path)};
            return serialized.value;
        }
        const NamedType *runtimeType = named;
        if (named->isAbstractType()) {
            const JsonValue *typeName =
                value.kind == Resolved::Kind::Json ? value.json.find("__typename") : nullptr;
            runtimeType =
                typeName && typeName->isString() ? m_schema.type(typeName->toString()) : nullptr;
            if (!runtimeType || runtimeType->kind != TypeKind::Object ||
                !m_schema.isPossibleType(named, runtimeType))
                throw FieldError{located(
                    "Abstract type '" + named->name +
                        "' must resolve to an Object type at runtime for field '" +
                        parentType->name + "." + definition.name + "'. Either the '" + named->name +
                        "' type should provide a 'resolve_type' function or each possible type "
                        "should provide an "
                        "'is_type_of' function.",
                    nodes, path)};
        }
        // Merge the subselections of every node of this field.
        JsonValue object = JsonValue::object();
        for (const ast::Field *node : nodes) {
            if (!node->selectionSet) continue;
            const JsonValue part = executeSelection(runtimeType, value, *node->selectionSet, path);
            for (const auto &[key, v] : part.members())
                object.insert(key, v);
        }
        return object;
    }

    // --- resolvers ---

    Resolved resolve(const NamedType *parentType, const FieldDefinition &field,
                     const Resolved &source, const JsonValue &args)
    {
        if (&field == &m_schema.typeNameMetaField()) return Resolved::of(parentType->name);
        if (&field == &m_schema.schemaMetaField())
            return Resolved::ofObject(Resolved::Kind::Schema, &m_schema);
        if (&field == &m_schema.typeMetaField()) {
            const JsonValue *name = args.find("name");
            return Resolved::ofType(name && name->isString() ? m_schema.type(name->toString())
                                                             : nullptr);
        }
        if (parentType->builtIn && parentType->name.substr(0, 2) == "__")
            return introspect(parentType->name, field.name, source, args);
        if (source.kind == Resolved::Kind::Json && source.json.isObject()) {
            const JsonValue *v = source.json.find(field.name);
            return Resolved::of(v ? *v : JsonValue());
        }
        auto fixture = m_fixtures.find(parentType->name + "." + field.name);
        return fixture == m_fixtures.end() ? Resolved::null() : Resolved::of(fixture->second);
    }

    static bool includeDeprecated(const JsonValue &args)
    {
        const JsonValue *v = args.find("includeDeprecated");
        return v && v->isBool() && v->toBool();
    }

    static Resolved inputValues(const std::vector<InputValue> &values, const JsonValue &args)
    {
        std::vector<Resolved> list;
        for (const InputValue &v : values)
            if (includeDeprecated(args) || !v.deprecation.deprecated)
                list.push_back(Resolved::ofObject(Resolved::Kind::InputValue, &v));
        return Resolved::list(std::move(list));
    }

    static JsonValue deprecationReason(const Deprecation &d)
    {
        return d.deprecated ? text(d.reason) : JsonValue();
    }

    Resolved introspect(const std::string &typeName, const std::string &fieldName,
                        const Resolved &source, const JsonValue &args)
    {
        const std::string_view f = fieldName;
        if (typeName == "__Schema") {
            if (f == "description") return Resolved::of(text(m_schema.description()));
            if (f == "types") {
                std::vector<Resolved> list;
                for (const NamedType *t : m_schema.types())
                    list.push_back(Resolved::ofType(t));
                return Resolved::list(std::move(list));
            }
            if (f == "queryType") return Resolved::ofType(m_schema.queryType());
            if (f == "mutationType") return Resolved::ofType(m_schema.mutationType());
            if (f == "subscriptionType") return Resolved::ofType(m_schema.subscriptionType());
            if (f == "directives") {
                std::vector<Resolved> list;
                for (const DirectiveDefinition *d : m_schema.directives())
                    list.push_back(Resolved::ofObject(Resolved::Kind::Directive, d));
                return Resolved::list(std::move(list));
            }
        } else if (typeName == "__Type") {
            const TypeRef type = source.type;
            const NamedType *named = type.asNamed();
            if (f == "kind") return Resolved::of(typeKindName(type));
            if (f == "name") return Resolved::of(named ? JsonValue(named->name) : JsonValue());
            if (f == "description")
                return Resolved::of(named ? text(named->description) : JsonValue());
            if (f == "specifiedByURL")
                return Resolved::of(named && named->kind == TypeKind::Scalar
                                        ? text(named->specifiedByURL)
                                        : JsonValue());
            if (f == "fields") {
                if (!named ||
                    (named->kind != TypeKind::Object && named->kind != TypeKind::Interface))
                    return Resolved::null();
                std::vector<Resolved> list;
                for (const FieldDefinition &field : named->fields)
                    if (includeDeprecated(args) || !field.deprecation.deprecated)
                        list.push_back(Resolved::ofObject(Resolved::Kind::Field, &field));
                return Resolved::list(std::move(list));
            }
            if (f == "interfaces") {
                if (!named ||
                    (named->kind != TypeKind::Object && named->kind != TypeKind::Interface))
                    return Resolved::null();
                std::vector<Resolved> list;
                for (const NamedType *i : named->interfaces)
                    list.push_back(Resolved::ofType(i));
                return Resolved::list(std::move(list));
            }
            if (f == "possibleTypes") {
                if (!named || !named->isAbstractType()) return Resolved::null();
                std::vector<Resolved> list;
                for (const NamedType *t : m_schema.possibleTypes(named))
                    list.push_back(Resolved::ofType(t));
                return Resolved::list(std::move(list));
            }
            if (f == "enumValues") {
                if (!named || named->kind != TypeKind::Enum) return Resolved::null();
                std::vector<Resolved> list;
                for (const EnumValueDefinition &v : named->enumValues)
                    if (includeDeprecated(args) || !v.deprecation.deprecated)
                        list.push_back(Resolved::ofObject(Resolved::Kind::EnumValue, &v));
                return Resolved::list(std::move(list));
            }
            if (f == "inputFields")
                return named && named->kind == TypeKind::InputObject
                           ? inputValues(named->inputFields, args)
                           : Resolved::null();
            if (f == "ofType")
                return type.isWrapped() ? Resolved::ofType(type.ofType()) : Resolved::null();
        } else if (typeName == "__Field") {
            const auto &field = *static_cast<const FieldDefinition *>(source.object);
            if (f == "name") return Resolved::of(field.name);
            if (f == "description") return Resolved::of(text(field.description));
            if (f == "args") return inputValues(field.arguments, args);
            if (f == "type") return Resolved::ofType(field.type);
            if (f == "isDeprecated") return Resolved::of(field.deprecation.deprecated);
            if (f == "deprecationReason") return Resolved::of(deprecationReason(field.deprecation));
        } else if (typeName == "__InputValue") {
            const auto &value = *static_cast<const InputValue *>(source.object);
            if (f == "name") return Resolved::of(value.name);
            if (f == "description") return Resolved::of(text(value.description));
            if (f == "type") return Resolved::ofType(value.type);
            if (f == "defaultValue") {
                if (!value.defaultValue) return Resolved::null();
                std::optional<std::string> printed =
                    printInputValue(*value.defaultValue, value.type);
                return Resolved::of(printed ? JsonValue(*printed) : JsonValue());
            }
            if (f == "isDeprecated") return Resolved::of(value.deprecation.deprecated);
            if (f == "deprecationReason") return Resolved::of(deprecationReason(value.deprecation));
        } else if (typeName == "__EnumValue") {
            const auto &value = *static_cast<const EnumValueDefinition *>(source.object);
            if (f == "name") return Resolved::of(value.name);
            if (f == "description") return Resolved::of(text(value.description));
            if (f == "isDeprecated") return Resolved::of(value.deprecation.deprecated);
            if (f == "deprecationReason") return Resolved::of(deprecationReason(value.deprecation));
        } else if (typeName == "__Directive") {
            const auto &directive = *static_cast<const DirectiveDefinition *>(source.object);
            if (f == "name") return Resolved::of(directive.name);
            if (f == "description") return Resolved::of(text(directive.description));
            if (f == "isRepeatable") return Resolved::of(directive.repeatable);
            if (f == "locations") {
                JsonValue list = JsonValue::array();
                for (DirectiveLocation l : directive.locations)
                    list.append(directiveLocationName(l));
                return Resolved::of(list);
            }
            if (f == "args") return inputValues(directive.arguments, args);
        }
        return Resolved::null();
    }

    const Schema &m_schema;
    const CheckedRequest &m_request;
    const Fixtures &m_fixtures;
    FragmentMap m_fragments;
    GraphQLErrors m_errors;
};

} // namespace

JsonValue ExecutionResult::toJson() const
{
    JsonValue result = JsonValue::object();
    result.insert("data", data);
    if (!errors.empty()) {
        result.insert("errors", graphql::toJson(errors));
    }
    return result;
}

ExecutionResult execute(const Schema &schema, const CheckedRequest &request,
                        const Fixtures &fixtures)
{
    if (!request.ok() || !request.operation) {
        ExecutionResult result;
        result.errors = request.errors;
        return result;
    }
    return Executor(schema, request, fixtures).run();
}

} // namespace subscope::graphql
