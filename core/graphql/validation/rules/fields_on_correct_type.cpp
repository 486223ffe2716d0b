#include "graphql/suggestion.h"
#include "graphql/timsort.h"
#include "rules.h"

#include <algorithm>
#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

class FieldsOnCorrectType : public ValidationRule
{
public:
    explicit FieldsOnCorrectType(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::Field});
    }

    bool enter(const ast::Node &node) override
    {
        const NamedType *type = m_context.typeInfo().parentType();
        if (!type || m_context.typeInfo().fieldDef()) return true;
        const std::string_view fieldName = static_cast<const ast::Field &>(node).name.value;
        std::string suggestion =
            didYouMean(suggestedTypeNames(type, fieldName), "to use an inline fragment on");
        if (suggestion.empty()) suggestion = didYouMean(suggestedFieldNames(type, fieldName));
        m_context.report("Cannot query field '" + str(fieldName) + "' on type '" + type->name +
                             "'." + suggestion,
                         {node.start});
        return true;
    }

private:
    // Object and interface types of an abstract type that have the field, most used first.
    std::vector<std::string> suggestedTypeNames(const NamedType *type,
                                                std::string_view fieldName) const
    {
        if (!type->isAbstractType()) return {};
        const Schema &schema = m_context.schema();
        std::vector<const NamedType *> suggested;
        std::unordered_map<const NamedType *, int> usage;
        for (const NamedType *possible : schema.possibleTypes(type)) {
            if (!possible->field(fieldName)) continue;
            if (std::find(suggested.begin(), suggested.end(), possible) == suggested.end())
                suggested.push_back(possible);
            usage[possible] = 1;
            for (const NamedType *iface : possible->interfaces) {
                if (!iface->field(fieldName)) continue;
                if (std::find(suggested.begin(), suggested.end(), iface) == suggested.end())
                    suggested.push_back(iface);
                ++usage[iface];
            }
        }
        // Not a total order, so the sort algorithm matters: sort as graphql-js and graphql-core do.
        timsortSmall(suggested, [&](const NamedType *a, const NamedType *b) {
            if (usage[a] != usage[b]) return usage[a] > usage[b];
            if (a->kind == TypeKind::Interface && schema.isSubType(a, b)) return true;
            if (b->kind == TypeKind::Interface && schema.isSubType(b, a)) return false;
            return naturalCompare(a->name, b->name) < 0;
        });
        std::vector<std::string> names;
        for (const NamedType *t : suggested)
            names.push_back(t->name);
        return names;
    }

    static std::vector<std::string> suggestedFieldNames(const NamedType *type,
                                                        std::string_view fieldName)
    {
        if (type->kind != TypeKind::Object && type->kind != TypeKind::Interface) return {};
        std::vector<std::string_view> names;
        for (const FieldDefinition &f : type->fields)
            names.push_back(f.name);
        return suggestionList(fieldName, names);
    }
};

} // namespace

RulePtr fieldsOnCorrectType(ValidationContext &c)
{
    return std::make_unique<FieldsOnCorrectType>(c);
}

} // namespace subscope::graphql::rules
