#pragma once

namespace subscope::graphql {

// graphql-core 3.2's get_introspection_query() with every option on (descriptions, specifiedByURL,
// isRepeatable, schema description, deprecated input values): what `subscope introspect` runs.
const char *introspectionQuery();

} // namespace subscope::graphql
