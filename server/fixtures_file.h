#pragma once

#include "graphql/execution.h"
#include "graphql/schema.h"

#include <QString>

#include <optional>

namespace subscope::server {

// Reads the --fixtures file: values for the fields Subscope has no resolver for, so that query
// operations answer more than null:
//   {"Query.getMyModel": [{"id": "1", "name": "alice", "age": 3}], "Query.base": "hello"}
// Each key must name a field of the schema ("Type.field"); nullopt with a message otherwise.
std::optional<graphql::Fixtures> loadFixtures(const QString &path, const graphql::Schema &schema,
                                              QString *error);

} // namespace subscope::server
