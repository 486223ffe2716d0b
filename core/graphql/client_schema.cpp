#include "client_schema.h"

#include "parser.h"
#include "printer.h"

#include <QRegularExpression>

#include <map>

namespace subscope::graphql {

namespace {

const QString SdlSourceName = QStringLiteral("introspection result");
constexpr int MaxTypeDepth = 32; // list and non-null wrappers; the standard query asks for 8

bool isName(std::string_view text)
{
    if (text.empty()) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !(digit && i > 0)) return false;
    }
    return true;
}

bool isSpecifiedDirective(std::string_view name)
{
    return name == "include" || name == "skip" || name == "deprecated" || name == "specifiedBy";
}

bool isTypeKind(std::string_view kind)
{
    return kind == "SCALAR" || kind == "OBJECT" || kind == "INTERFACE" || kind == "UNION" ||
           kind == "ENUM" || kind == "INPUT_OBJECT";
}

std::string errorMessages(const JsonValue &errors)
{
    std::string out;
    for (const JsonValue &e : errors.items()) {
        const JsonValue *message = e.isObject() ? e.find("message") : nullptr;
        if (!out.empty()) out += "; ";
        out += message && message->isString() ? message->toString() : e.toJson();
    }
    return out;
}

// Prints SDL from the JSON, checking every piece of text that goes into it: names must be GraphQL
// names and default values single GraphQL values, so that nothing in the JSON can add a
// definition of its own.
class SdlWriter
{
public:
    explicit SdlWriter(QStringList *errors)
        : m_errors(errors)
    {}

    std::string write(const JsonValue &schema)
    {
        const JsonValue *types = list(schema, "types", "__schema", true);
        if (!types) return {};
        collectTypes(*types);
        std::vector<std::string> parts;
        parts.push_back(schemaDefinition(schema));
        if (const JsonValue *directives = list(schema, "directives", "__schema", false))
            for (size_t i = 0; i < directives->size(); ++i)
                if (std::string d = directive(directives->items()[i], i); !d.empty())
                    parts.push_back(std::move(d));
        for (const auto &[json, name] : m_typeOrder)
            if (!Schema::builtInScalar(name) && !name.starts_with("__"))
                parts.push_back(type(*json, name));
        std::string out;
        for (const std::string &part : parts)
            out += part + "\n\n";
        return out;
    }

private:
    void error(const std::string &message) { m_errors->append(QString::fromStdString(message)); }

    const JsonValue *list(const JsonValue &object, std::string_view key, const std::string &where,
                          bool required)
    {
        const JsonValue *value = object.find(key);
        if (!value || value->isNull()) {
            if (required) error(where + " has no " + std::string(key) + " list");
            return nullptr;
        }
        if (!value->isArray()) {
            error(where + ": " + std::string(key) + " is not a list");
            return nullptr;
        }
        return value;
    }

    std::optional<std::string> optionalString(const JsonValue &object, std::string_view key,
                                              const std::string &where)
    {
        const JsonValue *value = object.find(key);
        if (!value || value->isNull()) return std::nullopt;
        if (value->isString()) return value->toString();
        error(where + ": " + std::string(key) + " is not a string");
        return std::nullopt;
    }

    // The "name" member; empty (with the error said) when it is missing or not a GraphQL name.
    std::string name(const JsonValue &object, const std::string &where)
    {
        const JsonValue *value = object.isObject() ? object.find("name") : nullptr;
        if (!value || !value->isString()) {
            error(where + " has no name");
            return {};
        }
        if (!isName(value->toString())) {
            error(where + ": '" + value->toString() + "' is not a valid GraphQL name");
            return {};
        }
        return value->toString();
    }

    void collectTypes(const JsonValue &types)
    {
        for (size_t i = 0; i < types.size(); ++i) {
            const JsonValue &t = types.items()[i];
            const std::string where = "__schema.types[" + std::to_string(i) + "]";
            const std::string typeName = name(t, where);
            if (typeName.empty()) continue;
            const JsonValue *kind = t.find("kind");
            if (!kind || !kind->isString()) {
                error("Type '" + typeName + "' has no kind");
                continue;
            }
            if (!isTypeKind(kind->toString())) {
                error("Type '" + typeName + "' has the unknown kind '" + kind->toString() + "'");
                continue;
            }
            if (!m_kinds.emplace(typeName, kind->toString()).second) {
                error("Type '" + typeName + "' is defined twice");
                continue;
            }
            m_typeOrder.emplace_back(&t, typeName);
        }
    }

    std::string typeRef(const JsonValue *ref, const std::string &where, int depth = 0)
    {
        if (!ref || !ref->isObject()) {
            error(where + " has no type");
            return {};
        }
        if (depth > MaxTypeDepth) {
            error(where + " has a type nested too deeply");
            return {};
        }
        const JsonValue *kind = ref->find("kind");
        const std::string k = kind && kind->isString() ? kind->toString() : std::string();
        if (k == "LIST" || k == "NON_NULL") {
            const JsonValue *of = ref->find("ofType");
            if (!of || of->isNull()) {
                error(where + " has a " + k +
                      " type without ofType (nested deeper than the introspection query asks?)");
                return {};
            }
            const std::string inner = typeRef(of, where, depth + 1);
            if (inner.empty()) return {};
            if (k == "LIST") return "[" + inner + "]";
            if (inner.back() == '!') {
                error(where + " has a non-null type wrapped in non-null");
                return {};
            }
            return inner + "!";
        }
        const JsonValue *n = ref->find("name");
        if (!n || !n->isString() || !isName(n->toString())) {
            error(where + " has a type without a valid name");
            return {};
        }
        const std::string &named = n->toString();
        if (!m_kinds.count(named) && !Schema::builtInScalar(named) && !named.starts_with("__")) {
            error("Type '" + named + "' is referenced by " + where + " but not defined");
            return {};
        }
        return named;
    }

    std::string description(const JsonValue &object, const std::string &where,
                            const std::string &before, const std::string &after)
    {
        const std::optional<std::string> text = optionalString(object, "description", where);
        return text ? before + printString(*text) + after : std::string();
    }

    std::string deprecated(const JsonValue &object, const std::string &where)
    {
        const JsonValue *is = object.find("isDeprecated");
        if (!is || !is->isBool() || !is->toBool()) return {};
        const std::optional<std::string> reason =
            optionalString(object, "deprecationReason", where);
        return reason ? " @deprecated(reason: " + printString(*reason) + ")" : " @deprecated";
    }

    // The default value as GraphQL text, parsed on its own so that it can only ever be one value;
    // empty when there is none.
    std::string defaultValue(const JsonValue &object, const std::string &where)
    {
        const std::optional<std::string> text = optionalString(object, "defaultValue", where);
        if (!text) return {};
        const QByteArray probe = "input I { v: Int = " + QByteArray::fromStdString(*text) + " }";
        const ParseResult parsed = parse(probe, ParseLimits{0, 0, 64}, QStringLiteral("default"));
        const ast::Value *value = nullptr;
        if (parsed.document && parsed.document->root().definitions.size() == 1) {
            const ast::Definition *d = parsed.document->root().definitions[0];
            if (d->kind == ast::Kind::InputObjectTypeDefinition) {
                const auto *input = static_cast<const ast::TypeDefinition *>(d);
                if (input->inputFields.size() == 1) value = input->inputFields[0]->defaultValue;
            }
        }
        if (!value) {
            error(where + " has the default value '" + *text + "', which is not a GraphQL value");
            return {};
        }
        return printValue(*value);
    }

    // An argument or input field: `"description" name: Type = default @deprecated`.
    std::string inputValue(const JsonValue &v, const std::string &whereBefore,
                           const std::string &whereAfter)
    {
        const std::string valueName = name(v, whereBefore + "?" + whereAfter);
        if (valueName.empty()) return {};
        const std::string where = whereBefore + valueName + whereAfter;
        std::string out =
            description(v, where, "", " ") + valueName + ": " + typeRef(v.find("type"), where);
        if (const std::string d = defaultValue(v, where); !d.empty()) out += " = " + d;
        return out + deprecated(v, where);
    }

    std::string arguments(const JsonValue &owner, const std::string &ownerName)
    {
        const JsonValue *args = list(owner, "args", "'" + ownerName + "'", false);
        if (!args || args->size() == 0) return {};
        std::string out = "(";
        for (size_t i = 0; i < args->size(); ++i)
            out += (i ? ", " : "") +
                   inputValue(args->items()[i], "argument '" + ownerName + "(", ":)'");
        return out + ")";
    }

    // `{ ... }` around the lines, or nothing for none (`{}` is not GraphQL; the schema's checks
    // then say that the type needs fields).
    static std::string block(const std::vector<std::string> &lines)
    {
        if (lines.empty()) return {};
        std::string out = " {\n";
        for (const std::string &line : lines)
            out += line + "\n";
        return out + "}";
    }

    std::string fields(const JsonValue &type, const std::string &typeName)
    {
        const JsonValue *all = list(type, "fields", "Type '" + typeName + "'", true);
        if (!all) return {};
        std::vector<std::string> lines;
        for (const JsonValue &f : all->items()) {
            const std::string fieldName = name(f, "A field of '" + typeName + "'");
            if (fieldName.empty()) continue;
            const std::string owner = typeName + "." + fieldName;
            const std::string where = "field '" + owner + "'";
            lines.push_back(description(f, where, "  ", "\n") + "  " + fieldName +
                            arguments(f, owner) + ": " + typeRef(f.find("type"), where) +
                            deprecated(f, where));
        }
        return block(lines);
    }

    std::string namedTypes(const JsonValue &type, std::string_view key, const std::string &where,
                           const char *separator)
    {
        const JsonValue *all = list(type, key, where, false);
        if (!all) return {};
        std::string out;
        for (size_t i = 0; i < all->size(); ++i) {
            const std::string named = typeRef(&all->items()[i], where);
            out += (i ? separator : "") + named;
        }
        return out;
    }

    std::string type(const JsonValue &t, const std::string &typeName)
    {
        const std::string where = "Type '" + typeName + "'";
        const std::string &kind = m_kinds[typeName];
        std::string out = description(t, where, "", "\n");
        if (kind == "SCALAR") {
            out += "scalar " + typeName;
            if (const auto url = optionalString(t, "specifiedByURL", where))
                out += " @specifiedBy(url: " + printString(*url) + ")";
            return out;
        }
        if (kind == "OBJECT" || kind == "INTERFACE") {
            out += (kind == "OBJECT" ? "type " : "interface ") + typeName;
            const std::string interfaces =
                namedTypes(t, "interfaces", "the interfaces of '" + typeName + "'", " & ");
            if (!interfaces.empty()) out += " implements " + interfaces;
            return out + fields(t, typeName);
        }
        if (kind == "UNION") {
            out += "union " + typeName;
            const std::string members =
                namedTypes(t, "possibleTypes", "the members of union '" + typeName + "'", " | ");
            return members.empty() ? out : out + " = " + members;
        }
        if (kind == "ENUM") {
            std::vector<std::string> lines;
            if (const JsonValue *values = list(t, "enumValues", where, true))
                for (const JsonValue &v : values->items()) {
                    const std::string valueName = name(v, "A value of enum '" + typeName + "'");
                    if (valueName.empty()) continue;
                    const std::string valueWhere =
                        "enum value '" + typeName + "." + valueName + "'";
                    lines.push_back(description(v, valueWhere, "  ", "\n") + "  " + valueName +
                                    deprecated(v, valueWhere));
                }
            return out + "enum " + typeName + block(lines);
        }
        std::vector<std::string> lines; // INPUT_OBJECT
        if (const JsonValue *inputFields = list(t, "inputFields", where, true))
            for (const JsonValue &f : inputFields->items())
                lines.push_back("  " + inputValue(f, "input field '" + typeName + ".", "'"));
        return out + "input " + typeName + block(lines);
    }

    std::string rootType(const JsonValue &schema, std::string_view key, const char *operation)
    {
        const JsonValue *root = schema.find(key);
        if (!root || root->isNull()) return {};
        const std::string where = "The " + std::string(operation) + " type";
        const std::string rootName = name(*root, where);
        if (!rootName.empty() && !m_kinds.count(rootName)) {
            error(where + " '" + rootName + "' is not defined");
            return {};
        }
        return rootName;
    }

    // Always written: without it, types named Query, Mutation or Subscription would become roots
    // that the introspected schema may not have.
    std::string schemaDefinition(const JsonValue &schema)
    {
        std::string out = description(schema, "The schema", "", "\n") + "schema {\n";
        const std::string query = rootType(schema, "queryType", "query");
        if (query.empty()) error("The introspection result names no query type");
        out += "  query: " + query + "\n";
        if (const std::string m = rootType(schema, "mutationType", "mutation"); !m.empty())
            out += "  mutation: " + m + "\n";
        if (const std::string s = rootType(schema, "subscriptionType", "subscription"); !s.empty())
            out += "  subscription: " + s + "\n";
        return out + "}";
    }

    std::string directive(const JsonValue &d, size_t index)
    {
        const std::string directiveName =
            name(d, "__schema.directives[" + std::to_string(index) + "]");
        if (directiveName.empty() || isSpecifiedDirective(directiveName)) return {};
        const std::string where = "directive '@" + directiveName + "'";
        std::string out = description(d, where, "", "\n") + "directive @" + directiveName +
                          arguments(d, "@" + directiveName);
        if (const JsonValue *repeatable = d.find("isRepeatable");
            repeatable && repeatable->isBool() && repeatable->toBool())
            out += " repeatable";
        const JsonValue *locations = list(d, "locations", where, true);
        if (!locations) return {};
        if (locations->size() == 0) error(where + " has no locations");
        for (size_t i = 0; i < locations->size(); ++i) {
            const JsonValue &l = locations->items()[i];
            if (!l.isString() || !isName(l.toString())) {
                error(where + " has a location that is not a name: " + l.toJson());
                continue;
            }
            out += (i ? " | " : " on ") + l.toString();
        }
        return out;
    }

    QStringList *m_errors;
    std::map<std::string, std::string, std::less<>> m_kinds; // type name -> introspection kind
    std::vector<std::pair<const JsonValue *, std::string>> m_typeOrder;
};

// __schema of the result, or null with the reason in *errors.
const JsonValue *findSchema(const JsonValue &result, QStringList *errors)
{
    if (!result.isObject()) {
        errors->append(QStringLiteral("The introspection result is not a JSON object"));
        return nullptr;
    }
    const JsonValue *data = result.find("data");
    const JsonValue *holder = !data ? &result : data->isObject() ? data : nullptr;
    const JsonValue *schema = holder ? holder->find("__schema") : nullptr;
    if (schema && schema->isObject()) return schema;
    if (const JsonValue *e = result.find("errors"); e && e->isArray() && e->size() > 0) {
        errors->append(QStringLiteral("The introspection query failed: ") +
                       QString::fromStdString(errorMessages(*e)));
        return nullptr;
    }
    errors->append(schema && !schema->isNull()
                       ? QStringLiteral("The introspection result's __schema is not an object")
                       : QStringLiteral("The introspection result has no __schema"));
    return nullptr;
}

} // namespace

bool introspectionToSdl(const JsonValue &result, std::string *sdl, QStringList *errors)
{
    const qsizetype before = errors->size();
    const JsonValue *schema = findSchema(result, errors);
    if (!schema) return false;
    *sdl = SdlWriter(errors).write(*schema);
    return errors->size() == before;
}

SchemaLoadResult buildClientSchema(const JsonValue &result)
{
    SchemaLoadResult out;
    std::string sdl;
    if (!introspectionToSdl(result, &sdl, &out.errors)) return out;
    SchemaLoadResult built = buildSchema(QByteArray::fromStdString(sdl), SdlSourceName);
    if (built.schema) return built;
    // The locations are in SDL nobody sees; the messages name the types and fields.
    static const QRegularExpression location(
        QStringLiteral("^%1:\\d+:\\d+: ").arg(QRegularExpression::escape(SdlSourceName)));
    for (QString e : built.errors)
        out.errors << QStringLiteral("The introspected schema is invalid: ") + e.remove(location);
    return out;
}

} // namespace subscope::graphql
