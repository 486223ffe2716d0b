#include "group_suggestions.h"

namespace subscope::ui {

QStringList groupSuggestions(const graphql::Schema *schema, const QStringList &liveGroups)
{
    QStringList suggestions = liveGroups;
    const auto add = [&suggestions](const QString &group) {
        if (!suggestions.contains(group)) suggestions << group;
    };
    if (!schema) return suggestions;
    if (const graphql::NamedType *subscription = schema->subscriptionType()) {
        for (const graphql::FieldDefinition &field : subscription->fields) {
            if (!field.groups) continue;
            for (const auto &groupTemplate : field.groups->templates)
                add(QString::fromStdString(groupTemplate.source));
        }
    }
    for (const QString &model : modelNames(*schema)) {
        add(model + QStringLiteral("Created"));
        add(model + QStringLiteral("Updated.{pk}"));
        add(model + QStringLiteral("Deleted.{pk}"));
    }
    return suggestions;
}

QStringList modelNames(const graphql::Schema &schema)
{
    QStringList names;
    for (const graphql::NamedType *type : schema.types())
        if (type->modelName) names << QString::fromStdString(*type->modelName);
    return names;
}

} // namespace subscope::ui
