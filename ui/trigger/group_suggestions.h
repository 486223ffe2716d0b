#pragma once

#include "graphql/schema.h"

#include <QStringList>

namespace subscope::ui {

// What the trigger panel's group field offers: the groups that have members now, then the
// schema's @groups templates ("MyModelUpdated.{id}") and the W24 groups of its @model types.
QStringList groupSuggestions(const graphql::Schema *schema, const QStringList &liveGroups);

// The @model types of the schema, by their model name.
QStringList modelNames(const graphql::Schema &schema);

} // namespace subscope::ui
