#pragma once

#include "graphql/schema.h"

#include <QString>

namespace subscope::ui {

// What the docs pane inserts into the editor for a field, kept small and predictable: the name;
// `(a: , b: )` for its required arguments (non-null without a default); ` {\n  \n}` when its
// type has fields to select (object, interface, union). The lines after the first take
// `indentation` (the current line's). The cursor goes to the first required argument's value,
// else inside the braces, else after the text.
struct FieldSnippet
{
    QString text;
    qsizetype cursor = 0; // in `text`
};

FieldSnippet fieldSnippet(const graphql::FieldDefinition &field, const QString &indentation);

} // namespace subscope::ui
