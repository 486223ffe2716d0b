#include "schema.h"

#include <algorithm>

namespace subscope::graphql {

TypeRef TypeRef::listOf(TypeRef inner)
{
    TypeRef t = inner;
    ++t.m_depth; // the new outermost bit stays 0: a list
    return t;
}

TypeRef TypeRef::nonNull(TypeRef inner)
{
    TypeRef t = inner;
    t.m_mods |= uint64_t(1) << t.m_depth;
    ++t.m_depth;
    return t;
}

TypeRef TypeRef::ofType() const
{
    if (m_depth == 0) return *this;
    TypeRef t = *this;
    --t.m_depth;
    t.m_mods &= (t.m_depth == 64 ? ~uint64_t(0) : (uint64_t(1) << t.m_depth) - 1);
    return t;
}

const char *typeKindName(TypeKind kind)
{
    switch (kind) {
    case TypeKind::Scalar:
        return "scalar";
    case TypeKind::Object:
        return "object";
    case TypeKind::Interface:
        return "interface";
    case TypeKind::Union:
        return "union";
    case TypeKind::Enum:
        return "enum";
    case TypeKind::InputObject:
        return "input object";
    }
    return "";
}

TypeKind TypeRef::kind() const
{
    return m_named ? m_named->kind : TypeKind::Scalar;
}

std::string TypeRef::toString() const
{
    if (!m_named) return {};
    if (isNonNull()) return ofType().toString() + '!';
    if (isList()) return '[' + ofType().toString() + ']';
    return m_named->name;
}

const InputValue *FieldDefinition::argument(std::string_view name) const
{
    for (const InputValue &a : arguments)
        if (a.name == name) return &a;
    return nullptr;
}

const FieldDefinition *NamedType::field(std::string_view name) const
{
    for (const FieldDefinition &f : fields)
        if (f.name == name) return &f;
    return nullptr;
}

const InputValue *NamedType::inputField(std::string_view name) const
{
    for (const InputValue &f : inputFields)
        if (f.name == name) return &f;
    return nullptr;
}

const EnumValueDefinition *NamedType::enumValue(std::string_view name) const
{
    for (const EnumValueDefinition &v : enumValues)
        if (v.name == name) return &v;
    return nullptr;
}

const InputValue *DirectiveDefinition::argument(std::string_view name) const
{
    for (const InputValue &a : arguments)
        if (a.name == name) return &a;
    return nullptr;
}

bool DirectiveDefinition::hasLocation(DirectiveLocation location) const
{
    return std::find(locations.begin(), locations.end(), location) != locations.end();
}

namespace {

NamedType makeScalar(const char *name, const char *description)
{
    NamedType t;
    t.kind = TypeKind::Scalar;
    t.name = name;
    t.description = description;
    t.builtIn = true;
    return t;
}

} // namespace

const NamedType *Schema::builtInScalar(std::string_view name)
{
    static const NamedType scalars[] = {
        makeScalar("Int", "The `Int` scalar type represents non-fractional signed whole numeric "
                          "values. Int can represent values between -(2^31) and 2^31 - 1."),
        makeScalar("Float", "The `Float` scalar type represents signed double-precision fractional "
                            "values as specified by [IEEE "
                            "754](https://en.wikipedia.org/wiki/IEEE_floating_point)."),
        makeScalar("String", "The `String` scalar type represents textual data, represented as "
                             "UTF-8 character sequences. The String type is most often used by "
                             "GraphQL to represent free-form human-readable text."),
        makeScalar("Boolean", "The `Boolean` scalar type represents `true` or `false`."),
        makeScalar("ID", "The `ID` scalar type represents a unique identifier, often used to "
                         "refetch an object or as key for a cache. The ID type appears in a JSON "
                         "response as a String; however, it is not intended to be human-readable. "
                         "When expected as an input type, any string (such as `\"4\"`) or integer "
                         "(such as `4`) input value will be accepted as an ID."),
    };
    for (const NamedType &t : scalars)
        if (t.name == name) return &t;
    return nullptr;
}

Schema::Schema() = default;

const NamedType *Schema::type(std::string_view name) const
{
    auto it = m_types.find(name);
    return it == m_types.end() ? nullptr : it->second;
}

const NamedType *Schema::rootType(ast::OperationType operation) const
{
    switch (operation) {
    case ast::OperationType::Query:
        return m_query;
    case ast::OperationType::Mutation:
        return m_mutation;
    case ast::OperationType::Subscription:
        return m_subscription;
    }
    return nullptr;
}

const DirectiveDefinition *Schema::directive(std::string_view name) const
{
    auto it = m_directives.find(name);
    return it == m_directives.end() ? nullptr : it->second;
}

const std::vector<const NamedType *> &Schema::possibleTypes(const NamedType *abstract) const
{
    static const std::vector<const NamedType *> none;
    if (abstract && abstract->kind == TypeKind::Union) return abstract->unionMembers;
    auto it = m_possibleTypes.find(abstract);
    return it == m_possibleTypes.end() ? none : it->second;
}

bool Schema::isPossibleType(const NamedType *abstract, const NamedType *object) const
{
    const auto &types = possibleTypes(abstract);
    return std::find(types.begin(), types.end(), object) != types.end();
}

bool Schema::isSubType(const NamedType *abstract, const NamedType *maybeSub) const
{
    if (abstract->kind == TypeKind::Union)
        return std::find(abstract->unionMembers.begin(), abstract->unionMembers.end(), maybeSub) !=
               abstract->unionMembers.end();
    if (maybeSub->kind == TypeKind::Object || maybeSub->kind == TypeKind::Interface)
        return std::find(maybeSub->interfaces.begin(), maybeSub->interfaces.end(), abstract) !=
               maybeSub->interfaces.end();
    return false;
}

bool Schema::isTypeSubTypeOf(TypeRef maybeSubType, TypeRef superType) const
{
    if (maybeSubType == superType) return true;
    if (superType.isNonNull()) {
        if (maybeSubType.isNonNull())
            return isTypeSubTypeOf(maybeSubType.ofType(), superType.ofType());
        return false;
    }
    if (maybeSubType.isNonNull()) return isTypeSubTypeOf(maybeSubType.ofType(), superType);
    if (superType.isList()) {
        if (maybeSubType.isList())
            return isTypeSubTypeOf(maybeSubType.ofType(), superType.ofType());
        return false;
    }
    if (maybeSubType.isList()) return false;
    const NamedType *super = superType.named();
    const NamedType *sub = maybeSubType.named();
    return super->isAbstractType() &&
           (sub->kind == TypeKind::Interface || sub->kind == TypeKind::Object) &&
           isSubType(super, sub);
}

bool Schema::doTypesOverlap(const NamedType *a, const NamedType *b) const
{
    if (a == b) return true;
    if (a->isAbstractType()) {
        if (b->isAbstractType()) {
            for (const NamedType *t : possibleTypes(b))
                if (isSubType(a, t)) return true;
            return false;
        }
        return isSubType(a, b);
    }
    if (b->isAbstractType()) return isSubType(b, a);
    return false;
}

} // namespace subscope::graphql
