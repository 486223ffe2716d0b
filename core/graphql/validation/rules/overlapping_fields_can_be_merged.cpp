#include "graphql/printer.h"
#include "graphql/suggestion.h"
#include "rules.h"

#include <algorithm>
#include <map>
#include <memory>
#include <tuple>
#include <unordered_map>

namespace subscope::graphql::rules {

namespace {

struct FieldEntry
{
    const NamedType *parentType;
    const ast::Field *node;
    const FieldDefinition *definition;
};

// Response name -> fields, in order of first appearance.
struct FieldMap
{
    std::vector<std::pair<std::string_view, std::vector<FieldEntry>>> entries;

    std::vector<FieldEntry> *find(std::string_view name)
    {
        for (auto &e : entries)
            if (e.first == name) return &e.second;
        return nullptr;
    }
    const std::vector<FieldEntry> *find(std::string_view name) const
    {
        return const_cast<FieldMap *>(this)->find(name);
    }
};

struct FieldsAndFragments
{
    FieldMap fields;
    std::vector<std::string_view> fragmentNames;
};

struct Reason
{
    std::string responseName;
    std::string message;            // when the fields conflict themselves
    std::vector<Reason> subReasons; // when their subfields do
};

struct Conflict
{
    Reason reason;
    std::vector<const ast::Field *> fields1;
    std::vector<const ast::Field *> fields2;
};

std::string reasonMessage(const Reason &reason)
{
    if (reason.subReasons.empty()) return reason.message;
    std::string out;
    for (const Reason &sub : reason.subReasons) {
        if (!out.empty()) out += " and ";
        out += "subfields '" + sub.responseName + "' conflict because " + reasonMessage(sub);
    }
    return out;
}

// Which fragment pairs were compared, and whether only as mutually exclusive.
class PairSet
{
public:
    bool has(std::string_view a, std::string_view b, bool mutuallyExclusive) const
    {
        auto it = m_data.find(key(a, b));
        if (it == m_data.end()) return false;
        return mutuallyExclusive ? true : it->second == mutuallyExclusive;
    }
    void add(std::string_view a, std::string_view b, bool mutuallyExclusive)
    {
        m_data[key(a, b)] = mutuallyExclusive;
    }

private:
    static std::pair<std::string_view, std::string_view> key(std::string_view a, std::string_view b)
    {
        return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
    }
    std::map<std::pair<std::string_view, std::string_view>, bool> m_data;
};

// Which field maps were compared with which fragments, and whether only as mutually exclusive.
// Without it, a fragment spread inside a field of itself (fragment F on T { f { ...F } }) is
// compared again at every level, without end (graphql-js #3442).
class FieldsAndFragmentPairs
{
public:
    bool has(const FieldMap *fields, std::string_view fragment, bool mutuallyExclusive) const
    {
        auto it = m_data.find({fields, fragment});
        if (it == m_data.end()) return false;
        return mutuallyExclusive ? true : it->second == mutuallyExclusive;
    }
    void add(const FieldMap *fields, std::string_view fragment, bool mutuallyExclusive)
    {
        m_data[{fields, fragment}] = mutuallyExclusive;
    }

private:
    std::map<std::pair<const FieldMap *, std::string_view>, bool> m_data;
};

// Printing of arguments with object fields sorted, to compare two fields' arguments.
std::string sortedValueText(const ast::Value &value)
{
    if (value.kind == ast::Kind::ObjectValue) {
        std::vector<const ast::ObjectField *> fields(
            static_cast<const ast::ObjectValue &>(value).fields.begin(),
            static_cast<const ast::ObjectValue &>(value).fields.end());
        std::stable_sort(fields.begin(), fields.end(),
                         [](const ast::ObjectField *a, const ast::ObjectField *b) {
                             return naturalCompare(a->name.value, b->name.value) < 0;
                         });
        std::string out = "{";
        for (size_t i = 0; i < fields.size(); ++i) {
            if (i) out += ", ";
            out += str(fields[i]->name.value) + ": " + sortedValueText(*fields[i]->value);
        }
        return out + "}";
    }
    if (value.kind == ast::Kind::ListValue) {
        std::string out = "[";
        bool first = true;
        for (const ast::Value *item : static_cast<const ast::ListValue &>(value).values) {
            if (!first) out += ", ";
            first = false;
            out += sortedValueText(*item);
        }
        return out + "]";
    }
    return printValue(value);
}

std::string stringifyArguments(const ast::Field &field)
{
    std::vector<const ast::Argument *> args(field.arguments.begin(), field.arguments.end());
    std::stable_sort(args.begin(), args.end(), [](const ast::Argument *a, const ast::Argument *b) {
        return naturalCompare(a->name.value, b->name.value) < 0;
    });
    std::string out = "{";
    for (size_t i = 0; i < args.size(); ++i) {
        if (i) out += ", ";
        out += str(args[i]->name.value) + ": " + sortedValueText(*args[i]->value);
    }
    return out + "}";
}

bool doTypesConflict(TypeRef a, TypeRef b)
{
    if (a.isList()) return b.isList() ? doTypesConflict(a.ofType(), b.ofType()) : true;
    if (b.isList()) return true;
    if (a.isNonNull()) return b.isNonNull() ? doTypesConflict(a.ofType(), b.ofType()) : true;
    if (b.isNonNull()) return true;
    if (a.named()->isLeafType() || b.named()->isLeafType()) return a.named() != b.named();
    return false;
}

class OverlappingFieldsCanBeMerged : public ValidationRule
{
public:
    explicit OverlappingFieldsCanBeMerged(ValidationContext &c)
        : ValidationRule(c)
    {
        onEnter({ast::Kind::SelectionSet});
    }

    bool enter(const ast::Node &node) override
    {
        std::vector<Conflict> conflicts;
        findConflictsWithinSelectionSet(conflicts, m_context.typeInfo().parentType(),
                                        static_cast<const ast::SelectionSet &>(node));
        for (const Conflict &c : conflicts) {
            std::vector<uint32_t> offsets;
            for (const ast::Field *f : c.fields1)
                offsets.push_back(f->start);
            for (const ast::Field *f : c.fields2)
                offsets.push_back(f->start);
            m_context.report(
                "Fields '" + c.reason.responseName + "' conflict because " +
                    reasonMessage(c.reason) +
                    ". Use different aliases on the fields to fetch both if this was intentional.",
                offsets);
        }
        return true;
    }

private:
    void findConflictsWithinSelectionSet(std::vector<Conflict> &conflicts,
                                         const NamedType *parentType, const ast::SelectionSet &set)
    {
        const FieldsAndFragments &ff = fieldsAndFragmentNames(parentType, set);
        collectConflictsWithin(conflicts, ff.fields);
        const std::vector<std::string_view> names = ff.fragmentNames;
        for (size_t i = 0; i < names.size(); ++i) {
            collectConflictsBetweenFieldsAndFragment(conflicts, false, ff.fields, names[i]);
            for (size_t j = i + 1; j < names.size(); ++j)
                collectConflictsBetweenFragments(conflicts, false, names[i], names[j]);
        }
    }

    void collectConflictsBetweenFieldsAndFragment(std::vector<Conflict> &conflicts,
                                                  bool mutuallyExclusive, const FieldMap &fieldMap,
                                                  std::string_view fragmentName)
    {
        if (m_comparedWithFragments.has(&fieldMap, fragmentName, mutuallyExclusive)) return;
        m_comparedWithFragments.add(&fieldMap, fragmentName, mutuallyExclusive);
        const ast::FragmentDefinition *fragment = m_context.fragment(fragmentName);
        if (!fragment) return;
        const FieldsAndFragments &ff2 = referencedFieldsAndFragmentNames(*fragment);
        if (&fieldMap == &ff2.fields) return;
        collectConflictsBetween(conflicts, mutuallyExclusive, fieldMap, ff2.fields);
        const std::vector<std::string_view> referenced = ff2.fragmentNames;
        for (std::string_view name : referenced)
            collectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fieldMap, name);
    }

    void collectConflictsBetweenFragments(std::vector<Conflict> &conflicts, bool mutuallyExclusive,
                                          std::string_view name1, std::string_view name2)
    {
        if (name1 == name2 || m_compared.has(name1, name2, mutuallyExclusive)) return;
        m_compared.add(name1, name2, mutuallyExclusive);
        const ast::FragmentDefinition *fragment1 = m_context.fragment(name1);
        const ast::FragmentDefinition *fragment2 = m_context.fragment(name2);
        if (!fragment1 || !fragment2) return;
        const FieldsAndFragments &ff1 = referencedFieldsAndFragmentNames(*fragment1);
        const FieldsAndFragments &ff2 = referencedFieldsAndFragmentNames(*fragment2);
        collectConflictsBetween(conflicts, mutuallyExclusive, ff1.fields, ff2.fields);
        const std::vector<std::string_view> referenced2 = ff2.fragmentNames;
        for (std::string_view name : referenced2)
            collectConflictsBetweenFragments(conflicts, mutuallyExclusive, name1, name);
        const std::vector<std::string_view> referenced1 = ff1.fragmentNames;
        for (std::string_view name : referenced1)
            collectConflictsBetweenFragments(conflicts, mutuallyExclusive, name, name2);
    }

    std::vector<Conflict> findConflictsBetweenSubSelectionSets(bool mutuallyExclusive,
                                                               const NamedType *parentType1,
                                                               const ast::SelectionSet &set1,
                                                               const NamedType *parentType2,
                                                               const ast::SelectionSet &set2)
    {
        std::vector<Conflict> conflicts;
        const FieldsAndFragments &ff1 = fieldsAndFragmentNames(parentType1, set1);
        const FieldsAndFragments &ff2 = fieldsAndFragmentNames(parentType2, set2);
        collectConflictsBetween(conflicts, mutuallyExclusive, ff1.fields, ff2.fields);
        const std::vector<std::string_view> names1 = ff1.fragmentNames, names2 = ff2.fragmentNames;
        for (std::string_view name2 : names2)
            collectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, ff1.fields,
                                                     name2);
        for (std::string_view name1 : names1)
            collectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, ff2.fields,
                                                     name1);
        for (std::string_view name1 : names1)
            for (std::string_view name2 : names2)
                collectConflictsBetweenFragments(conflicts, mutuallyExclusive, name1, name2);
        return conflicts;
    }

    void collectConflictsWithin(std::vector<Conflict> &conflicts, const FieldMap &fieldMap)
    {
        for (const auto &[responseName, fields] : fieldMap.entries) {
            if (fields.size() > LeafClassThreshold &&
                collectLeafConflictsWithin(conflicts, responseName, fields))
                continue;
            for (size_t i = 0; i < fields.size(); ++i)
                for (size_t j = i + 1; j < fields.size(); ++j)
                    if (auto conflict = findConflict(false, responseName, fields[i], fields[j]))
                        conflicts.push_back(std::move(*conflict));
        }
    }

    // A document can repeat a field thousands of times under one response name, which makes
    // the pairwise comparison quadratic. Fields without subselections that agree on parent type,
    // definition, name and arguments can never conflict with one another, and whether two such
    // classes conflict depends on the classes alone: compare classes, report every pair in the
    // same order as the plain loop. Returns false (nothing done) when a field has subselections.
    static constexpr size_t LeafClassThreshold = 16;
    bool collectLeafConflictsWithin(std::vector<Conflict> &conflicts, std::string_view responseName,
                                    const std::vector<FieldEntry> &fields)
    {
        std::vector<size_t> classOf(fields.size());
        std::vector<size_t> representative;
        std::map<std::tuple<const NamedType *, const FieldDefinition *, std::string_view,
                            std::string_view>,
                 size_t>
            classes;
        for (size_t i = 0; i < fields.size(); ++i) {
            if (fields[i].node->selectionSet) return false;
            const auto key = std::make_tuple(fields[i].parentType, fields[i].definition,
                                             fields[i].node->name.value,
                                             std::string_view(printedArguments(*fields[i].node)));
            auto [it, added] = classes.emplace(key, representative.size());
            if (added) representative.push_back(i);
            classOf[i] = it->second;
        }
        if (representative.size() == 1) return true;
        std::map<std::pair<size_t, size_t>, std::optional<Conflict>> known;
        for (size_t i = 0; i < fields.size(); ++i)
            for (size_t j = i + 1; j < fields.size(); ++j) {
                if (classOf[i] == classOf[j]) continue;
                auto [it, added] =
                    known.emplace(std::make_pair(classOf[i], classOf[j]), std::nullopt);
                if (added)
                    it->second =
                        findConflict(false, responseName, fields[representative[classOf[i]]],
                                     fields[representative[classOf[j]]]);
                if (it->second)
                    conflicts.push_back({it->second->reason, {fields[i].node}, {fields[j].node}});
            }
        return true;
    }

    void collectConflictsBetween(std::vector<Conflict> &conflicts, bool mutuallyExclusive,
                                 const FieldMap &fieldMap1, const FieldMap &fieldMap2)
    {
        for (const auto &[responseName, fields1] : fieldMap1.entries) {
            const std::vector<FieldEntry> *fields2 = fieldMap2.find(responseName);
            if (!fields2) continue;
            for (const FieldEntry &f1 : fields1)
                for (const FieldEntry &f2 : *fields2)
                    if (auto conflict = findConflict(mutuallyExclusive, responseName, f1, f2))
                        conflicts.push_back(std::move(*conflict));
        }
    }

    std::optional<Conflict> findConflict(bool parentFieldsAreMutuallyExclusive,
                                         std::string_view responseName, const FieldEntry &field1,
                                         const FieldEntry &field2)
    {
        const bool mutuallyExclusive =
            parentFieldsAreMutuallyExclusive ||
            (field1.parentType != field2.parentType && field1.parentType && field2.parentType &&
             field1.parentType->kind == TypeKind::Object &&
             field2.parentType->kind == TypeKind::Object);
        const ast::Field &node1 = *field1.node, &node2 = *field2.node;
        if (!mutuallyExclusive) {
            if (node1.name.value != node2.name.value)
                return Conflict{{str(responseName),
                                 "'" + str(node1.name.value) + "' and '" + str(node2.name.value) +
                                     "' are different fields",
                                 {}},
                                {&node1},
                                {&node2}};
            if (!sameArguments(node1, node2))
                return Conflict{
                    {str(responseName), "they have differing arguments", {}}, {&node1}, {&node2}};
        }
        const TypeRef type1 = field1.definition ? field1.definition->type : TypeRef();
        const TypeRef type2 = field2.definition ? field2.definition->type : TypeRef();
        if (type1 && type2 && doTypesConflict(type1, type2))
            return Conflict{{str(responseName),
                             "they return conflicting types '" + type1.toString() + "' and '" +
                                 type2.toString() + "'",
                             {}},
                            {&node1},
                            {&node2}};
        if (node1.selectionSet && node2.selectionSet) {
            std::vector<Conflict> sub = findConflictsBetweenSubSelectionSets(
                mutuallyExclusive, type1 ? type1.named() : nullptr, *node1.selectionSet,
                type2 ? type2.named() : nullptr, *node2.selectionSet);
            if (!sub.empty()) {
                Conflict conflict{{str(responseName), {}, {}}, {&node1}, {&node2}};
                for (Conflict &c : sub) {
                    conflict.reason.subReasons.push_back(std::move(c.reason));
                    conflict.fields1.insert(conflict.fields1.end(), c.fields1.begin(),
                                            c.fields1.end());
                    conflict.fields2.insert(conflict.fields2.end(), c.fields2.begin(),
                                            c.fields2.end());
                }
                return conflict;
            }
        }
        return std::nullopt;
    }

    // Cached by selection set (whatever the parent type asked first, as graphql-js does).
    const FieldsAndFragments &fieldsAndFragmentNames(const NamedType *parentType,
                                                     const ast::SelectionSet &set)
    {
        auto it = m_cache.find(&set);
        if (it != m_cache.end()) return *it->second;
        auto result = std::make_unique<FieldsAndFragments>();
        collectFieldsAndFragmentNames(parentType, set, *result);
        return *m_cache.emplace(&set, std::move(result)).first->second;
    }

    const FieldsAndFragments &
    referencedFieldsAndFragmentNames(const ast::FragmentDefinition &fragment)
    {
        auto it = m_cache.find(fragment.selectionSet);
        if (it != m_cache.end()) return *it->second;
        const NamedType *type = m_context.schema().type(fragment.typeCondition->name.value);
        return fieldsAndFragmentNames(type, *fragment.selectionSet);
    }

    void collectFieldsAndFragmentNames(const NamedType *parentType, const ast::SelectionSet &set,
                                       FieldsAndFragments &out)
    {
        for (const ast::Selection *selection : set.selections) {
            switch (selection->kind) {
            case ast::Kind::Field: {
                const auto *field = static_cast<const ast::Field *>(selection);
                const FieldDefinition *definition = nullptr;
                if (parentType && (parentType->kind == TypeKind::Object ||
                                   parentType->kind == TypeKind::Interface))
                    definition = parentType->field(field->name.value);
                const std::string_view responseName = field->responseKey();
                std::vector<FieldEntry> *list = out.fields.find(responseName);
                if (!list) {
                    out.fields.entries.push_back({responseName, {}});
                    list = &out.fields.entries.back().second;
                }
                list->push_back({parentType, field, definition});
                break;
            }
            case ast::Kind::FragmentSpread: {
                const std::string_view name =
                    static_cast<const ast::FragmentSpread *>(selection)->name.value;
                if (std::find(out.fragmentNames.begin(), out.fragmentNames.end(), name) ==
                    out.fragmentNames.end())
                    out.fragmentNames.push_back(name);
                break;
            }
            case ast::Kind::InlineFragment: {
                const auto *fragment = static_cast<const ast::InlineFragment *>(selection);
                const NamedType *type =
                    fragment->typeCondition
                        ? m_context.schema().type(fragment->typeCondition->name.value)
                        : parentType;
                collectFieldsAndFragmentNames(type, *fragment->selectionSet, out);
                break;
            }
            default:
                break;
            }
        }
    }

    // Documents can repeat one field thousands of times; the pairwise comparison must not
    // print the arguments of both fields for every pair.
    bool sameArguments(const ast::Field &a, const ast::Field &b)
    {
        if (&a == &b || (a.arguments.empty() && b.arguments.empty())) return true;
        if (a.arguments.empty() != b.arguments.empty()) return false;
        return printedArguments(a) == printedArguments(b);
    }

    const std::string &printedArguments(const ast::Field &field)
    {
        auto it = m_printedArguments.find(&field);
        if (it == m_printedArguments.end())
            it = m_printedArguments.emplace(&field, stringifyArguments(field)).first;
        return it->second;
    }

    PairSet m_compared;
    FieldsAndFragmentPairs m_comparedWithFragments;
    std::unordered_map<const ast::SelectionSet *, std::unique_ptr<FieldsAndFragments>> m_cache;
    std::unordered_map<const ast::Field *, std::string> m_printedArguments;
};

} // namespace

RulePtr overlappingFieldsCanBeMerged(ValidationContext &c)
{
    return std::make_unique<OverlappingFieldsCanBeMerged>(c);
}

} // namespace subscope::graphql::rules
