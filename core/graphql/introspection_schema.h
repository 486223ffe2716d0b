#pragma once

namespace subscope::graphql {

// SDL of __Schema, __Type, __TypeKind, __Field, __InputValue, __EnumValue, __Directive and
// __DirectiveLocation; every schema gets these types.
const char *introspectionSdl();

// SDL of @include, @skip, @deprecated and @specifiedBy, which every schema has unless it
// defines a directive of the same name itself.
const char *specifiedDirectivesSdl();

} // namespace subscope::graphql

namespace subscope::graphql {

// SDL of Subscope's own @groups and @model, added to a schema that uses them without declaring
// them (as the demo schema declares them).
const char *subscopeDirectivesSdl();

} // namespace subscope::graphql
