#include "schema_builder.h"

#include "groups.h"
#include "introspection_schema.h"
#include "logging.h"
#include "parser.h"
#include "printer.h"
#include "scalars.h"
#include "schema_checks.h"
#include "suggestion.h"
#include "validation/ast_walker.h"
#include "values.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace subscope::graphql {

namespace {

TypeKind kindOf(ast::Kind kind)
{
    switch (kind) {
    case ast::Kind::ObjectTypeDefinition:
    case ast::Kind::ObjectTypeExtension:
        return TypeKind::Object;
    case ast::Kind::InterfaceTypeDefinition:
    case ast::Kind::InterfaceTypeExtension:
        return TypeKind::Interface;
    case ast::Kind::UnionTypeDefinition:
    case ast::Kind::UnionTypeExtension:
        return TypeKind::Union;
    case ast::Kind::EnumTypeDefinition:
    case ast::Kind::EnumTypeExtension:
        return TypeKind::Enum;
    case ast::Kind::InputObjectTypeDefinition:
    case ast::Kind::InputObjectTypeExtension:
        return TypeKind::InputObject;
    default:
        return TypeKind::Scalar;
    }
}

std::string str(std::string_view s)
{
    return std::string(s);
}

std::optional<std::string> descriptionOf(const ast::StringValue *description)
{
    if (!description) return std::nullopt;
    return str(description->value);
}

// Collects the names of the directives a document uses.
class DirectiveUseCollector : public AstVisitor
{
public:
    std::unordered_set<std::string_view> names;
    bool enter(const ast::Node &node) override
    {
        if (node.kind == ast::Kind::Directive)
            names.insert(static_cast<const ast::Directive &>(node).name.value);
        return true;
    }
    void leave(const ast::Node &) override {}
};

} // namespace

// Builds a Schema from SDL in phases: collect the definitions, create the types, fill in their
// fields and members, compute default values, apply the directives, pick the root types, check.
class SchemaBuilder
{
public:
    SchemaLoadResult build(const QByteArray &sdl, const QString &fileName)
    {
        m_fileName = fileName;
        ParseLimits limits = ParseLimits::none();
        limits.maxDepth = 64;
        ParseResult parsed = parse(sdl, limits, fileName);
        if (parsed.error) {
            const SourceLocation l = Source(sdl).editorLocation(parsed.errorOffset);
            return {nullptr, {format(l, parsed.error->message)}};
        }
        m_user = std::move(parsed.document);
        m_schema.reset(new Schema);
        m_schema->m_source = m_user->source();

        collect(*m_user, false);
        m_introspection = parseBuiltIn(introspectionSdl());
        collect(*m_introspection, true);
        attachExtensions();
        createDirectives();
        for (TypeSource &source : m_sources)
            fillType(source);
        for (DirectiveSource &source : m_directiveSources)
            fillDirective(source);
        computeDefaults();
        applyDirectiveUses();
        pickRootTypes();
        if (m_errors.empty()) finish();
        if (m_errors.empty()) {
            SchemaChecks checks(*m_schema);
            for (const SchemaProblem &p : checks.run())
                error(p.offset, p.message);
        }
        if (!m_errors.empty()) return {nullptr, formattedErrors()};
        return {std::shared_ptr<const Schema>(m_schema.release()), {}};
    }

private:
    struct TypeSource
    {
        NamedType *type = nullptr;
        const ast::TypeDefinition *definition = nullptr;
        std::vector<const ast::TypeDefinition *> extensions;
        bool builtIn = false;
        // The AST node of each field, argument, enum value and input field, in the same order
        // as the type's vectors.
        std::vector<const ast::FieldDefinition *> fieldNodes;
        std::vector<std::vector<const ast::InputValueDefinition *>> argumentNodes;
        std::vector<const ast::EnumValueDefinition *> enumValueNodes;
        std::vector<const ast::InputValueDefinition *> inputFieldNodes;
    };
    struct DirectiveSource
    {
        DirectiveDefinition *directive = nullptr;
        const ast::DirectiveDefinition *definition = nullptr;
        bool builtIn = false;
        std::vector<const ast::InputValueDefinition *> argumentNodes;
    };
    struct PendingDefault
    {
        InputValue *target;
        const ast::Value *node;
        std::string owner; // for messages: "Query.user(id:)", "Point.label", "@skip(if:)"
        bool builtIn;
    };
    struct Problem
    {
        uint32_t offset;
        std::string message;
    };

    // --- errors ---

    QString format(SourceLocation l, const std::string &message) const
    {
        return QStringLiteral("%1:%2:%3: %4")
            .arg(m_fileName)
            .arg(l.line)
            .arg(l.column)
            .arg(QString::fromStdString(message));
    }

    void error(uint32_t offset, std::string message)
    {
        m_errors.push_back({offset, std::move(message)});
    }

    void checkReservedName(std::string_view name, uint32_t offset)
    {
        if (name.substr(0, 2) == "__")
            error(offset,
                  "Name '" + str(name) +
                      "' must not begin with '__', which is reserved by GraphQL introspection.");
    }

    QStringList formattedErrors() const
    {
        std::vector<Problem> sorted = m_errors;
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const Problem &a, const Problem &b) { return a.offset < b.offset; });
        QStringList out;
        for (const Problem &p : sorted)
            out << format(m_user->source().editorLocation(p.offset), p.message);
        out.removeDuplicates();
        return out;
    }

    std::unique_ptr<ParsedDocument> parseBuiltIn(const char *sdl)
    {
        ParseResult parsed =
            parse(QByteArray(sdl), ParseLimits::none(), QStringLiteral("built-in"));
        Q_ASSERT(parsed.document);
        return std::move(parsed.document);
    }

    // --- phase 1: collect ---

    void collect(const ParsedDocument &document, bool builtIn)
    {
        for (const ast::Definition *definition : document.root().definitions) {
            const ast::Kind kind = definition->kind;
            if (kind == ast::Kind::OperationDefinition) {
                error(definition->start,
                      "A schema file holds type definitions only; this is an operation.");
            } else if (kind == ast::Kind::FragmentDefinition) {
                error(definition->start,
                      "A schema file holds type definitions only; this is a fragment.");
            } else if (kind == ast::Kind::SchemaDefinition) {
                if (m_schemaDefinition)
                    error(definition->start, "Must provide only one schema definition.");
                else
                    m_schemaDefinition = static_cast<const ast::SchemaDefinition *>(definition);
            } else if (kind == ast::Kind::SchemaExtension) {
                m_schemaExtensions.push_back(
                    static_cast<const ast::SchemaDefinition *>(definition));
            } else if (ast::isTypeDefinition(kind)) {
                createType(static_cast<const ast::TypeDefinition *>(definition), builtIn);
            } else if (ast::isTypeExtension(kind)) {
                m_extensions.push_back(static_cast<const ast::TypeDefinition *>(definition));
            } else if (kind == ast::Kind::DirectiveDefinition) {
                const auto *d = static_cast<const ast::DirectiveDefinition *>(definition);
                if (m_directiveDefinitions.count(d->name.value))
                    error(d->name.start,
                          "There can be only one directive named '@" + str(d->name.value) + "'.");
                else
                    m_directiveDefinitions[d->name.value] = d;
                m_directiveOrder.push_back(d);
            }
        }
    }

    void createType(const ast::TypeDefinition *definition, bool builtIn)
    {
        const std::string_view name = definition->name.value;
        if (const NamedType *scalar = Schema::builtInScalar(name)) {
            if (definition->kind != ast::Kind::ScalarTypeDefinition)
                error(definition->name.start,
                      "Type '" + str(name) + "' is a built-in scalar and cannot be redefined.");
            // `scalar Int` names the built-in scalar; keep its place in the document's order.
            m_documentTypes.push_back(scalar);
            return;
        }
        if (auto it = m_byName.find(name); it != m_byName.end()) {
            error(definition->name.start, "There can be only one type named '" + str(name) + "'.");
            return;
        }
        if (!builtIn) checkReservedName(name, definition->name.start);
        auto type = std::make_unique<NamedType>();
        type->kind = kindOf(definition->kind);
        type->name = str(name);
        type->description = descriptionOf(definition->description);
        type->builtIn = builtIn;
        type->offset = definition->start;
        TypeSource source;
        source.type = type.get();
        source.definition = definition;
        source.builtIn = builtIn;
        m_byName.emplace(type->name, m_sources.size());
        m_sources.push_back(std::move(source));
        if (!builtIn) m_documentTypes.push_back(type.get());
        m_schema->m_ownedTypes.push_back(std::move(type));
    }

    std::vector<std::string_view> knownTypeNames() const
    {
        std::vector<std::string_view> names = {"String", "Int", "Float", "Boolean", "ID"};
        for (const TypeSource &s : m_sources)
            names.push_back(s.type->name);
        return names;
    }

    void attachExtensions()
    {
        for (const ast::TypeDefinition *extension : m_extensions) {
            const std::string_view name = extension->name.value;
            auto it = m_byName.find(name);
            if (it == m_byName.end()) {
                error(extension->name.start,
                      "Cannot extend type '" + str(name) + "' because it is not defined." +
                          didYouMean(suggestionList(name, knownTypeNames())));
                continue;
            }
            TypeSource &source = m_sources[it->second];
            if (source.builtIn) {
                error(extension->name.start,
                      "Cannot extend the introspection type '" + str(name) + "'.");
                continue;
            }
            if (source.type->kind != kindOf(extension->kind)) {
                error(extension->name.start, std::string("Cannot extend non-") +
                                                 typeKindName(kindOf(extension->kind)) + " type '" +
                                                 str(name) + "'.");
                continue;
            }
            source.extensions.push_back(extension);
        }
    }

    // --- phase 2: directives ---

    void createDirectives()
    {
        // The document's own directives first, then @groups/@model when used but not declared,
        // then the specified directives the document does not redefine (as buildASTSchema).
        for (const ast::DirectiveDefinition *d : m_directiveOrder)
            if (m_directiveDefinitions[d->name.value] == d) addDirective(d, false);
        DirectiveUseCollector uses;
        AstWalker(uses).walk(m_user->root());
        m_subscopeDirectives = parseBuiltIn(subscopeDirectivesSdl());
        m_specifiedDirectives = parseBuiltIn(specifiedDirectivesSdl());
        for (const ast::Definition *definition : m_subscopeDirectives->root().definitions) {
            const auto *d = static_cast<const ast::DirectiveDefinition *>(definition);
            if (uses.names.count(d->name.value) && !m_directiveDefinitions.count(d->name.value))
                addDirective(d, false);
        }
        for (const ast::Definition *definition : m_specifiedDirectives->root().definitions) {
            const auto *d = static_cast<const ast::DirectiveDefinition *>(definition);
            if (!m_directiveDefinitions.count(d->name.value)) addDirective(d, true);
        }
    }

    void addDirective(const ast::DirectiveDefinition *definition, bool builtIn)
    {
        auto directive = std::make_unique<DirectiveDefinition>();
        directive->name = str(definition->name.value);
        directive->description = descriptionOf(definition->description);
        directive->repeatable = definition->repeatable;
        directive->builtIn = builtIn;
        directive->offset = definition->start;
        for (const ast::Name *location : definition->locations)
            if (auto l = directiveLocationFromName(location->value))
                directive->locations.push_back(*l);
        if (!builtIn) checkReservedName(directive->name, definition->name.start);
        m_directiveSources.push_back({directive.get(), definition, builtIn, {}});
        m_schema->m_directives.emplace(directive->name, directive.get());
        m_schema->m_directiveOrder.push_back(directive.get());
        m_schema->m_ownedDirectives.push_back(std::move(directive));
    }

    // --- phase 3: fill in the types ---

    TypeRef resolveType(const ast::Type &type, bool builtIn)
    {
        if (type.kind == ast::Kind::ListType) {
            TypeRef inner = resolveType(*static_cast<const ast::ListType &>(type).type, builtIn);
            return inner ? TypeRef::listOf(inner) : TypeRef();
        }
        if (type.kind == ast::Kind::NonNullType) {
            TypeRef inner = resolveType(*static_cast<const ast::NonNullType &>(type).type, builtIn);
            return inner ? TypeRef::nonNull(inner) : TypeRef();
        }
        const ast::Name &name = static_cast<const ast::NamedType &>(type).name;
        if (const NamedType *named = namedType(name.value)) return TypeRef(named);
        if (!builtIn)
            error(name.start, "Unknown type '" + str(name.value) + "'." +
                                  didYouMean(suggestionList(name.value, knownTypeNames())));
        return TypeRef();
    }

    const NamedType *namedType(std::string_view name) const
    {
        if (auto it = m_byName.find(name); it != m_byName.end()) return m_sources[it->second].type;
        return Schema::builtInScalar(name);
    }

    InputValue inputValue(const ast::InputValueDefinition &node, bool builtIn)
    {
        InputValue value;
        value.name = str(node.name.value);
        value.description = descriptionOf(node.description);
        value.type = resolveType(*node.type, builtIn);
        value.offset = node.start;
        if (!builtIn) checkReservedName(value.name, node.name.start);
        return value;
    }

    void fillType(TypeSource &source)
    {
        NamedType &type = *source.type;
        std::vector<const ast::TypeDefinition *> parts{source.definition};
        parts.insert(parts.end(), source.extensions.begin(), source.extensions.end());
        for (const ast::TypeDefinition *part : parts) {
            for (const ast::NamedType *iface : part->interfaces) {
                TypeRef t = resolveType(*iface, source.builtIn);
                if (!t) continue;
                if (std::find(type.interfaces.begin(), type.interfaces.end(), t.named()) !=
                    type.interfaces.end()) {
                    error(iface->start, "Type " + type.name + " can only implement " +
                                            t.named()->name + " once.");
                    continue;
                }
                type.interfaces.push_back(t.named());
            }
            for (const ast::FieldDefinition *fieldNode : part->fields) {
                if (std::any_of(source.fieldNodes.begin(), source.fieldNodes.end(),
                                [&](const ast::FieldDefinition *f) {
                                    return f->name.value == fieldNode->name.value;
                                })) {
                    error(fieldNode->name.start, "Field '" + type.name + "." +
                                                     str(fieldNode->name.value) +
                                                     "' can only be defined once.");
                    continue;
                }
                source.fieldNodes.push_back(fieldNode);
            }
            for (const ast::NamedType *member : part->types) {
                TypeRef t = resolveType(*member, source.builtIn);
                if (!t) continue;
                if (std::find(type.unionMembers.begin(), type.unionMembers.end(), t.named()) !=
                    type.unionMembers.end()) {
                    error(member->start, "Union type " + type.name + " can only include type " +
                                             t.named()->name + " once.");
                    continue;
                }
                type.unionMembers.push_back(t.named());
            }
            for (const ast::EnumValueDefinition *valueNode : part->values) {
                if (std::any_of(source.enumValueNodes.begin(), source.enumValueNodes.end(),
                                [&](const ast::EnumValueDefinition *v) {
                                    return v->name.value == valueNode->name.value;
                                })) {
                    error(valueNode->name.start, "Enum value '" + type.name + "." +
                                                     str(valueNode->name.value) +
                                                     "' can only be defined once.");
                    continue;
                }
                source.enumValueNodes.push_back(valueNode);
            }
            for (const ast::InputValueDefinition *fieldNode : part->inputFields) {
                if (std::any_of(source.inputFieldNodes.begin(), source.inputFieldNodes.end(),
                                [&](const ast::InputValueDefinition *f) {
                                    return f->name.value == fieldNode->name.value;
                                })) {
                    error(fieldNode->name.start, "Field '" + type.name + "." +
                                                     str(fieldNode->name.value) +
                                                     "' can only be defined once.");
                    continue;
                }
                source.inputFieldNodes.push_back(fieldNode);
            }
        }
        // The vectors are filled once, so pointers into them stay valid from here on.
        type.fields.reserve(source.fieldNodes.size());
        for (const ast::FieldDefinition *fieldNode : source.fieldNodes) {
            FieldDefinition field;
            field.name = str(fieldNode->name.value);
            field.description = descriptionOf(fieldNode->description);
            field.type = resolveType(*fieldNode->type, source.builtIn);
            field.offset = fieldNode->start;
            if (!source.builtIn) checkReservedName(field.name, fieldNode->name.start);
            std::vector<const ast::InputValueDefinition *> argNodes;
            for (const ast::InputValueDefinition *argNode : fieldNode->arguments) {
                if (std::any_of(argNodes.begin(), argNodes.end(),
                                [&](const ast::InputValueDefinition *a) {
                                    return a->name.value == argNode->name.value;
                                })) {
                    error(argNode->name.start, "Argument '" + type.name + "." + field.name + "(" +
                                                   str(argNode->name.value) +
                                                   ":)' can only be defined once.");
                    continue;
                }
                argNodes.push_back(argNode);
                field.arguments.push_back(inputValue(*argNode, source.builtIn));
            }
            source.argumentNodes.push_back(std::move(argNodes));
            type.fields.push_back(std::move(field));
        }
        for (size_t i = 0; i < type.fields.size(); ++i)
            for (size_t j = 0; j < type.fields[i].arguments.size(); ++j)
                if (const ast::Value *d = source.argumentNodes[i][j]->defaultValue)
                    m_pending.push_back({&type.fields[i].arguments[j], d,
                                         type.name + "." + type.fields[i].name + "(" +
                                             type.fields[i].arguments[j].name + ":)",
                                         source.builtIn});
        for (const ast::EnumValueDefinition *valueNode : source.enumValueNodes) {
            EnumValueDefinition value;
            value.name = str(valueNode->name.value);
            value.description = descriptionOf(valueNode->description);
            type.enumValues.push_back(std::move(value));
        }
        type.inputFields.reserve(source.inputFieldNodes.size());
        for (const ast::InputValueDefinition *fieldNode : source.inputFieldNodes)
            type.inputFields.push_back(inputValue(*fieldNode, source.builtIn));
        for (size_t i = 0; i < type.inputFields.size(); ++i)
            if (const ast::Value *d = source.inputFieldNodes[i]->defaultValue)
                m_pending.push_back({&type.inputFields[i], d,
                                     type.name + "." + type.inputFields[i].name, source.builtIn});
    }

    void fillDirective(DirectiveSource &source)
    {
        DirectiveDefinition &directive = *source.directive;
        for (const ast::InputValueDefinition *argNode : source.definition->arguments) {
            if (std::any_of(source.argumentNodes.begin(), source.argumentNodes.end(),
                            [&](const ast::InputValueDefinition *a) {
                                return a->name.value == argNode->name.value;
                            })) {
                error(argNode->name.start, "Argument '@" + directive.name + "(" +
                                               str(argNode->name.value) +
                                               ":)' can only be defined once.");
                continue;
            }
            source.argumentNodes.push_back(argNode);
            directive.arguments.push_back(inputValue(*argNode, source.builtIn));
        }
        for (size_t i = 0; i < directive.arguments.size(); ++i)
            if (const ast::Value *d = source.argumentNodes[i]->defaultValue)
                m_pending.push_back(
                    {&directive.arguments[i], d,
                     "@" + directive.name + "(" + directive.arguments[i].name + ":)",
                     source.builtIn});
    }

    // --- phase 4: default values ---

    // Why a literal does not fit `type`, as the validation rules would word it; "" if it fits.
    std::pair<uint32_t, std::string> literalProblem(const ast::Value &node, TypeRef type)
    {
        if (!type) return {};
        if (type.isNonNull()) {
            if (node.kind == ast::Kind::NullValue)
                return {node.start,
                        "Expected value of type '" + type.toString() + "', found null."};
            return literalProblem(node, type.ofType());
        }
        if (node.kind == ast::Kind::NullValue) return {};
        if (type.isList()) {
            if (node.kind != ast::Kind::ListValue) return literalProblem(node, type.ofType());
            for (const ast::Value *item : static_cast<const ast::ListValue &>(node).values)
                if (auto p = literalProblem(*item, type.ofType()); !p.second.empty()) return p;
            return {};
        }
        const NamedType &named = *type.named();
        if (named.kind == TypeKind::InputObject) {
            if (node.kind != ast::Kind::ObjectValue)
                return {node.start, "Expected value of type '" + named.name + "', found " +
                                        printValue(node) + "."};
            const auto &object = static_cast<const ast::ObjectValue &>(node);
            std::unordered_set<std::string_view> seen;
            for (const ast::ObjectField *field : object.fields) {
                if (!seen.insert(field->name.value).second)
                    return {field->start, "There can be only one input field named '" +
                                              str(field->name.value) + "'."};
                const InputValue *definition = named.inputField(field->name.value);
                if (!definition) {
                    std::vector<std::string_view> names;
                    for (const InputValue &f : named.inputFields)
                        names.push_back(f.name);
                    return {field->start, "Field '" + str(field->name.value) +
                                              "' is not defined by type '" + named.name + "'." +
                                              didYouMean(suggestionList(field->name.value, names))};
                }
                if (auto p = literalProblem(*field->value, definition->type); !p.second.empty())
                    return p;
            }
            for (const InputValue &f : named.inputFields)
                if (f.type.isNonNull() && !f.defaultValue && !seen.count(f.name))
                    return {node.start, "Field '" + named.name + "." + f.name +
                                            "' of required type '" + f.type.toString() +
                                            "' was not provided."};
            return {};
        }
        const Coercion c = parseLiteral(named, node, nullptr);
        if (c.ok) return {};
        return {node.start, c.error.empty() ? "Expected value of type '" + named.name +
                                                  "', found " + printValue(node) + "."
                                            : c.error};
    }

    void computeDefaults()
    {
        // Defaults of input objects can depend on the defaults of their fields' types: settle
        // them by repeating until nothing changes.
        for (int round = 0; round < 16; ++round) {
            bool changed = false;
            for (PendingDefault &p : m_pending) {
                if (!p.target->type) continue;
                std::optional<JsonValue> value = valueFromAst(p.node, p.target->type, nullptr);
                if (value && !(p.target->defaultValue && *p.target->defaultValue == *value)) {
                    p.target->defaultValue = std::move(value);
                    changed = true;
                }
            }
            if (!changed) break;
        }
        for (PendingDefault &p : m_pending) {
            if (p.builtIn || !p.target->type) continue;
            auto [offset, problem] = literalProblem(*p.node, p.target->type);
            if (!problem.empty())
                error(offset, "Default value of " + p.owner + " is invalid: " + problem);
            else if (!p.target->defaultValue)
                error(p.node->start, "Default value of " + p.owner + " is invalid.");
        }
    }

    // --- phase 5: directives on definitions ---

    // Checks a list of directive uses (known, allowed here, unique, arguments) and returns the
    // coerced arguments of each valid one.
    std::vector<std::pair<const DirectiveDefinition *, JsonValue>>
    checkDirectiveUses(const ast::List<ast::Directive> &uses, DirectiveLocation location,
                       std::unordered_map<std::string_view, uint32_t> *seenAcrossParts = nullptr)
    {
        std::vector<std::pair<const DirectiveDefinition *, JsonValue>> result;
        std::unordered_map<std::string_view, uint32_t> localSeen;
        auto &seen = seenAcrossParts ? *seenAcrossParts : localSeen;
        for (const ast::Directive *use : uses) {
            const std::string_view name = use->name.value;
            const DirectiveDefinition *directive = m_schema->directive(name);
            if (!directive) {
                error(use->start, "Unknown directive '@" + str(name) + "'.");
                continue;
            }
            if (!directive->hasLocation(location)) {
                error(use->start, "Directive '@" + str(name) + "' may not be used on " +
                                      directiveLocationText(location) + ".");
                continue;
            }
            if (!directive->repeatable && !seen.emplace(name, use->start).second) {
                error(use->start,
                      "The directive '@" + str(name) + "' can only be used once at this location.");
                continue;
            }
            bool ok = true;
            std::unordered_set<std::string_view> argNames;
            for (const ast::Argument *argument : use->arguments) {
                const InputValue *definition = directive->argument(argument->name.value);
                if (!argNames.insert(argument->name.value).second) {
                    error(argument->start, "There can be only one argument named '" +
                                               str(argument->name.value) + "'.");
                    ok = false;
                } else if (!definition) {
                    std::vector<std::string_view> names;
                    for (const InputValue &a : directive->arguments)
                        names.push_back(a.name);
                    error(argument->start,
                          "Unknown argument '" + str(argument->name.value) + "' on directive '@" +
                              str(name) + "'." +
                              didYouMean(suggestionList(argument->name.value, names)));
                    ok = false;
                } else if (auto [offset, problem] =
                               literalProblem(*argument->value, definition->type);
                           !problem.empty()) {
                    error(offset, problem);
                    ok = false;
                }
            }
            for (const InputValue &a : directive->arguments)
                if (a.type.isNonNull() && !a.defaultValue && !argNames.count(a.name)) {
                    error(use->start, "Directive '@" + str(name) + "' argument '" + a.name +
                                          "' of type '" + a.type.toString() +
                                          "' is required, but it was not provided.");
                    ok = false;
                }
            if (!ok) continue;
            ArgumentValues values = argumentValues(directive->arguments, use->arguments, use->start,
                                                   JsonValue::object(), *m_user);
            if (values.error) {
                error(use->start, values.error->message);
                continue;
            }
            result.emplace_back(directive, std::move(values.values));
        }
        return result;
    }

    static Deprecation
    deprecationFrom(const std::vector<std::pair<const DirectiveDefinition *, JsonValue>> &uses)
    {
        for (const auto &[directive, args] : uses)
            if (directive->name == "deprecated") {
                const JsonValue *reason = args.find("reason");
                if (reason && reason->isString()) return {true, reason->toString()};
            }
        return {};
    }

    void applyDirectiveUses()
    {
        if (m_schemaDefinition)
            checkDirectiveUses(m_schemaDefinition->directives, DirectiveLocation::Schema,
                               &m_schemaDirectivesSeen);
        for (const ast::SchemaDefinition *extension : m_schemaExtensions)
            checkDirectiveUses(extension->directives, DirectiveLocation::Schema,
                               &m_schemaDirectivesSeen);
        for (TypeSource &source : m_sources) {
            if (source.builtIn) continue;
            NamedType &type = *source.type;
            const DirectiveLocation location = typeLocation(type.kind);
            std::unordered_map<std::string_view, uint32_t>
                seen; // a type and its extensions share it
            std::vector<const ast::TypeDefinition *> parts{source.definition};
            parts.insert(parts.end(), source.extensions.begin(), source.extensions.end());
            for (const ast::TypeDefinition *part : parts)
                for (const auto &[directive, args] :
                     checkDirectiveUses(part->directives, location, &seen))
                    applyTypeDirective(type, *directive, args, part);
            for (size_t i = 0; i < type.fields.size(); ++i) {
                FieldDefinition &field = type.fields[i];
                const ast::FieldDefinition *fieldNode = source.fieldNodes[i];
                auto uses =
                    checkDirectiveUses(fieldNode->directives, DirectiveLocation::FieldDefinition);
                field.deprecation = deprecationFrom(uses);
                for (const auto &[directive, args] : uses)
                    if (directive->name == "groups") applyGroups(type, field, *fieldNode, args);
                for (size_t j = 0; j < field.arguments.size(); ++j)
                    field.arguments[j].deprecation =
                        deprecationFrom(checkDirectiveUses(source.argumentNodes[i][j]->directives,
                                                           DirectiveLocation::ArgumentDefinition));
            }
            for (size_t i = 0; i < type.enumValues.size(); ++i)
                type.enumValues[i].deprecation = deprecationFrom(checkDirectiveUses(
                    source.enumValueNodes[i]->directives, DirectiveLocation::EnumValue));
            for (size_t i = 0; i < type.inputFields.size(); ++i)
                type.inputFields[i].deprecation =
                    deprecationFrom(checkDirectiveUses(source.inputFieldNodes[i]->directives,
                                                       DirectiveLocation::InputFieldDefinition));
        }
        for (DirectiveSource &source : m_directiveSources) {
            if (source.builtIn) continue;
            for (size_t i = 0; i < source.directive->arguments.size(); ++i)
                source.directive->arguments[i].deprecation = deprecationFrom(checkDirectiveUses(
                    source.argumentNodes[i]->directives, DirectiveLocation::ArgumentDefinition));
        }
    }

    static DirectiveLocation typeLocation(TypeKind kind)
    {
        switch (kind) {
        case TypeKind::Scalar:
            return DirectiveLocation::Scalar;
        case TypeKind::Object:
            return DirectiveLocation::Object;
        case TypeKind::Interface:
            return DirectiveLocation::Interface;
        case TypeKind::Union:
            return DirectiveLocation::Union;
        case TypeKind::Enum:
            return DirectiveLocation::Enum;
        case TypeKind::InputObject:
            return DirectiveLocation::InputObject;
        }
        return DirectiveLocation::Object;
    }

    void applyTypeDirective(NamedType &type, const DirectiveDefinition &directive,
                            const JsonValue &args, const ast::TypeDefinition *part)
    {
        if (directive.name == "specifiedBy") {
            if (const JsonValue *url = args.find("url"); url && url->isString())
                type.specifiedByURL = url->toString();
        } else if (directive.name == "model") {
            const JsonValue *name = args.find("name");
            const std::string modelName = name && name->isString() ? name->toString() : type.name;
            // The groups <name>Created, <name>Updated.<pk>, <name>Deleted.<pk> must be valid names.
            if (!isValidGroupName(modelName + "Created"))
                error(part->start,
                      "@model name '" + modelName + "' on '" + type.name +
                          "' cannot start a group name (letters, digits, '_', '.' and '-' only).");
            else
                type.modelName = modelName;
        }
    }

    void applyGroups(const NamedType &type, FieldDefinition &field,
                     const ast::FieldDefinition &node, const JsonValue &args)
    {
        const uint32_t offset = node.start;
        const std::string where = "'" + type.name + "." + field.name + "'";
        m_groupsFields.push_back({&type, offset});
        GroupsSpec spec;
        if (const JsonValue *legacy = args.find("subscripeIsLegacy"); legacy && legacy->isBool())
            spec.subscripeIsLegacy = legacy->toBool();
        const JsonValue *names = args.find("names");
        if (!names || !names->isArray() || names->items().empty()) {
            error(offset, "@groups on " + where + " lists no group names.");
            return;
        }
        for (const JsonValue &name : names->items()) {
            if (!name.isString()) {
                error(offset, "@groups on " + where + " has a group name that is not a string.");
                continue;
            }
            std::string problem;
            std::optional<GroupsSpec::Template> parsed =
                parseGroupTemplate(name.toString(), &problem);
            if (!parsed) {
                error(offset, "@groups template '" + name.toString() + "' on " + where + " " +
                                  problem + ".");
                continue;
            }
            for (const GroupsSpec::Part &part : parsed->parts) {
                if (!part.isArgument) continue;
                const InputValue *argument = field.argument(part.text);
                if (!argument) {
                    std::vector<std::string_view> names;
                    for (const InputValue &a : field.arguments)
                        names.push_back(a.name);
                    error(offset, "@groups template '" + name.toString() + "' on " + where +
                                      " names '{" + part.text +
                                      "}', which is not an argument of the field." +
                                      didYouMean(suggestionList(part.text, names)));
                } else if (argument->type && (argument->type.nullable().isList() ||
                                              !argument->type.named()->isLeafType())) {
                    error(offset,
                          "@groups template '" + name.toString() + "' on " + where + " names '{" +
                              part.text + "}', an argument of type '" + argument->type.toString() +
                              "'; only scalar and enum arguments can be part of a group name.");
                }
            }
            spec.templates.push_back(std::move(*parsed));
        }
        field.groups = std::move(spec);
    }

    // --- phase 6: root types ---

    void pickRootTypes()
    {
        std::vector<const ast::OperationTypeDefinition *> operationTypes;
        if (m_schemaDefinition) {
            m_schema->m_description = descriptionOf(m_schemaDefinition->description);
            operationTypes.insert(operationTypes.end(), m_schemaDefinition->operationTypes.begin(),
                                  m_schemaDefinition->operationTypes.end());
        }
        for (const ast::SchemaDefinition *e : m_schemaExtensions)
            operationTypes.insert(operationTypes.end(), e->operationTypes.begin(),
                                  e->operationTypes.end());
        std::unordered_map<int, bool> defined;
        for (const ast::OperationTypeDefinition *o : operationTypes) {
            const std::string operation = ast::operationTypeName(o->operation);
            if (defined[int(o->operation)]) {
                error(o->start, "There can be only one " + operation + " type in schema.");
                continue;
            }
            defined[int(o->operation)] = true;
            TypeRef type = resolveType(*o->type, false);
            if (!type) continue;
            (o->operation == ast::OperationType::Query      ? m_schema->m_query
             : o->operation == ast::OperationType::Mutation ? m_schema->m_mutation
                                                            : m_schema->m_subscription) =
                type.named();
            m_rootTypeOffsets[type.named()] = o->start;
        }
        // Without a schema definition the types named Query, Mutation and Subscription are the
        // roots, even over what an `extend schema` named (as graphql-js's buildASTSchema does).
        if (!m_schemaDefinition) {
            for (const char *name : {"Query", "Mutation", "Subscription"}) {
                auto it = m_byName.find(name);
                if (it == m_byName.end()) continue;
                const NamedType *type = m_sources[it->second].type;
                (name[0] == 'Q'   ? m_schema->m_query
                 : name[0] == 'M' ? m_schema->m_mutation
                                  : m_schema->m_subscription) = type;
            }
        }
        if (!m_schema->m_query) {
            error(m_schemaDefinition ? m_schemaDefinition->start : 0,
                  "Query root type must be provided.");
            return;
        }
        for (const NamedType *root :
             {m_schema->m_query, m_schema->m_mutation, m_schema->m_subscription}) {
            if (root && root->kind != TypeKind::Object) {
                const std::string which = root == m_schema->m_query      ? "Query"
                                          : root == m_schema->m_mutation ? "Mutation"
                                                                         : "Subscription";
                error(m_rootTypeOffsets.count(root) ? m_rootTypeOffsets[root] : root->offset,
                      which + " root type must be Object type, it cannot be " + root->name + ".");
            }
        }
        for (const auto &[type, offset] : m_groupsFields)
            if (type != m_schema->m_subscription)
                error(offset,
                      "@groups can only be used on fields of the subscription type, not on '" +
                          type->name + "'.");
    }

    // --- phase 7: the type map, possible types and meta fields ---

    void finish()
    {
        Schema &s = *m_schema;
        // graphql-js's type map order: each type of the document in turn followed by the types
        // it references that were not placed yet, then what the root types, the directives'
        // arguments and the introspection types reference.
        std::unordered_set<const NamedType *> placed(m_documentTypes.begin(),
                                                     m_documentTypes.end());
        std::function<void(const NamedType *)> references;
        auto place = [&](const NamedType *t) {
            if (!t || !placed.insert(t).second) return;
            s.m_typeOrder.push_back(t);
            references(t);
        };
        references = [&](const NamedType *t) {
            for (const NamedType *m : t->unionMembers)
                place(m);
            for (const NamedType *i : t->interfaces)
                place(i);
            for (const FieldDefinition &f : t->fields) {
                place(f.type.named());
                for (const InputValue &a : f.arguments)
                    place(a.type.named());
            }
            for (const InputValue &f : t->inputFields)
                place(f.type.named());
        };
        for (const NamedType *t : m_documentTypes) {
            s.m_typeOrder.push_back(t);
            references(t);
        }
        for (const NamedType *root : {s.m_query, s.m_mutation, s.m_subscription})
            place(root);
        for (const DirectiveDefinition *d : s.m_directiveOrder)
            for (const InputValue &a : d->arguments)
                place(a.type.named());
        place(namedType("__Schema"));
        for (const NamedType *t : s.m_typeOrder)
            s.m_types.emplace(t->name, t);
        for (const NamedType *t : s.m_typeOrder)
            if (t->kind == TypeKind::Object)
                for (const NamedType *i : t->interfaces)
                    s.m_possibleTypes[i].push_back(t);

        s.m_schemaMetaField.name = "__schema";
        s.m_schemaMetaField.description = "Access the current type schema of this server.";
        s.m_schemaMetaField.type = TypeRef::nonNull(TypeRef(namedType("__Schema")));
        s.m_typeMetaField.name = "__type";
        s.m_typeMetaField.description = "Request the type information of a single type.";
        s.m_typeMetaField.type = TypeRef(namedType("__Type"));
        InputValue name;
        name.name = "name";
        name.type = TypeRef::nonNull(TypeRef(Schema::builtInScalar("String")));
        s.m_typeMetaField.arguments.push_back(name);
        s.m_typeNameMetaField.name = "__typename";
        s.m_typeNameMetaField.description = "The name of the current Object type at runtime.";
        s.m_typeNameMetaField.type = TypeRef::nonNull(TypeRef(Schema::builtInScalar("String")));
    }

    QString m_fileName;
    std::unique_ptr<Schema> m_schema;
    std::unique_ptr<ParsedDocument> m_user;
    std::unique_ptr<ParsedDocument> m_introspection;
    std::unique_ptr<ParsedDocument> m_subscopeDirectives;
    std::unique_ptr<ParsedDocument> m_specifiedDirectives;
    std::vector<Problem> m_errors;

    const ast::SchemaDefinition *m_schemaDefinition = nullptr;
    std::vector<const ast::SchemaDefinition *> m_schemaExtensions;
    std::vector<const ast::TypeDefinition *> m_extensions;
    std::unordered_map<std::string_view, const ast::DirectiveDefinition *> m_directiveDefinitions;
    std::vector<const ast::DirectiveDefinition *> m_directiveOrder;
    std::vector<TypeSource> m_sources;
    std::unordered_map<std::string_view, size_t> m_byName;
    std::vector<const NamedType *> m_documentTypes; // in document order, built-in scalars included
    std::vector<DirectiveSource> m_directiveSources;
    std::vector<PendingDefault> m_pending;
    std::unordered_map<std::string_view, uint32_t> m_schemaDirectivesSeen;
    std::vector<std::pair<const NamedType *, uint32_t>> m_groupsFields;
    std::unordered_map<const NamedType *, uint32_t> m_rootTypeOffsets;
};

SchemaLoadResult buildSchema(const QByteArray &sdl, const QString &fileName)
{
    return SchemaBuilder().build(sdl, fileName);
}

SchemaLoadResult loadSchemaFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {
            nullptr,
            {QStringLiteral("%1: cannot read the schema file: %2").arg(path, file.errorString())}};
    SchemaLoadResult result = buildSchema(
        file.readAll(), path.startsWith(QLatin1Char(':')) ? QFileInfo(path).fileName() : path);
    if (result.schema)
        qCDebug(lcGraphql) << "loaded" << path << "with" << result.schema->types().size()
                           << "types and" << result.schema->directives().size() << "directives";
    else
        qCDebug(lcGraphql) << path << "has" << result.errors.size() << "errors";
    return result;
}

} // namespace subscope::graphql
