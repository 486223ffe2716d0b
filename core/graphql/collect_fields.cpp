#include "collect_fields.h"

#include "validation/type_info.h"
#include "values.h"

#include <unordered_set>

namespace subscope::graphql {

FragmentMap fragmentsOf(const ast::Document &document)
{
    FragmentMap fragments;
    for (const ast::Definition *definition : document.definitions)
        if (definition->kind == ast::Kind::FragmentDefinition) {
            const auto *fragment = static_cast<const ast::FragmentDefinition *>(definition);
            fragments[fragment->name.value] = fragment;
        }
    return fragments;
}

namespace {

class Collector
{
public:
    Collector(const Schema &schema, const ParsedDocument &document, const FragmentMap &fragments,
              const JsonValue &variables, const NamedType *runtimeType, CollectedFields &out)
        : m_schema(schema)
        , m_document(document)
        , m_fragments(fragments)
        , m_variables(variables)
        , m_runtimeType(runtimeType)
        , m_out(out)
    {}

    void collect(const ast::SelectionSet &set)
    {
        for (const ast::Selection *selection : set.selections) {
            if (m_out.error) return;
            if (!shouldInclude(selection->directives)) continue;
            switch (selection->kind) {
            case ast::Kind::Field: {
                const auto *field = static_cast<const ast::Field *>(selection);
                add(field->responseKey(), field);
                break;
            }
            case ast::Kind::InlineFragment: {
                const auto *fragment = static_cast<const ast::InlineFragment *>(selection);
                if (conditionMatches(fragment->typeCondition)) collect(*fragment->selectionSet);
                break;
            }
            case ast::Kind::FragmentSpread: {
                const std::string_view name =
                    static_cast<const ast::FragmentSpread *>(selection)->name.value;
                if (!m_visited.insert(name).second) continue;
                auto it = m_fragments.find(name);
                if (it == m_fragments.end() || !conditionMatches(it->second->typeCondition))
                    continue;
                collect(*it->second->selectionSet);
                break;
            }
            default:
                break;
            }
        }
    }

private:
    void add(std::string_view key, const ast::Field *field)
    {
        auto it = m_index.find(key);
        if (it == m_index.end()) {
            m_index.emplace(key, m_out.groups.size());
            m_out.groups.push_back({key, {field}});
        } else {
            m_out.groups[it->second].second.push_back(field);
        }
    }

    bool directiveIf(const ast::Directive *directive, const DirectiveDefinition *definition,
                     bool *value)
    {
        ArgumentValues args = argumentValues(definition->arguments, directive->arguments,
                                             directive->start, m_variables, m_document);
        if (args.error) {
            m_out.error = std::move(args.error);
            return false;
        }
        const JsonValue *v = args.values.find("if");
        *value = v && v->isBool() && v->toBool();
        return true;
    }

    // As graphql-js's shouldIncludeNode: the first @skip, then the first @include.
    bool shouldInclude(const ast::List<ast::Directive> &directives)
    {
        for (std::string_view name : {std::string_view("skip"), std::string_view("include")}) {
            const ast::Directive *directive = nullptr;
            for (const ast::Directive *d : directives)
                if (d->name.value == name) {
                    directive = d;
                    break;
                }
            const DirectiveDefinition *definition = directive ? m_schema.directive(name) : nullptr;
            if (!definition) continue;
            bool value = false;
            if (!directiveIf(directive, definition, &value)) return false;
            if (value == (name == "skip")) return false;
        }
        return true;
    }

    bool conditionMatches(const ast::NamedType *condition) const
    {
        if (!condition || !m_runtimeType) return true;
        const TypeRef type = typeFromAst(m_schema, *condition);
        const NamedType *conditional = type.named();
        if (!conditional) return false;
        if (conditional == m_runtimeType) return true;
        if (conditional->isAbstractType()) return m_schema.isSubType(conditional, m_runtimeType);
        return false;
    }

    const Schema &m_schema;
    const ParsedDocument &m_document;
    const FragmentMap &m_fragments;
    const JsonValue &m_variables;
    const NamedType *m_runtimeType;
    CollectedFields &m_out;
    std::unordered_map<std::string_view, size_t> m_index;
    std::unordered_set<std::string_view> m_visited;
};

} // namespace

CollectedFields collectFields(const Schema &schema, const ParsedDocument &document,
                              const FragmentMap &fragments, const JsonValue &variables,
                              const NamedType *runtimeType, const ast::SelectionSet &selectionSet)
{
    CollectedFields result;
    Collector(schema, document, fragments, variables, runtimeType, result).collect(selectionSet);
    return result;
}

} // namespace subscope::graphql
