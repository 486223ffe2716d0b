#pragma once

#include "graphql/schema.h"

#include <QString>
#include <QUrl>

namespace subscope::ui {

// One-line signatures as SDL writes them: "type Query", "enum Color",
// "friends(first: Int = 10, after: String): [User!]!", "first: Int = 10".
QString typeSignature(const graphql::NamedType &type);
QString fieldSignature(const graphql::FieldDefinition &field);
QString inputValueSignature(const graphql::InputValue &value);

// The docs pane's description of an item, as HTML: its signature, description, deprecation,
// arguments with their defaults, and Subscope's groups. Every named type is a link
// "type:<name>" (see typeFromLink()).
QString typeDocumentation(const graphql::Schema &schema, const graphql::NamedType &type);
QString fieldDocumentation(const graphql::NamedType &owner, const graphql::FieldDefinition &field);
QString inputValueDocumentation(const QString &what, const graphql::InputValue &value);
QString enumValueDocumentation(const graphql::NamedType &owner,
                               const graphql::EnumValueDefinition &value);

// The type a documentation link points to; empty for any other link.
QString typeFromLink(const QUrl &link);

} // namespace subscope::ui
