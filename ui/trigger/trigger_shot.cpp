#include "trigger_shot.h"

#include "graphql/json_value.h"
#include "graphql/schema.h"
#include "json_text.h"
#include "server/model_events.h"

#include <QObject>

namespace subscope::ui {

const QString TriggerTemplate::Counter = QStringLiteral("{{n}}");

bool TriggerTemplate::shot(int n, const graphql::Schema *schema, TriggerShot *out,
                           QString *error) const
{
    const auto counted = [n](QString text) { return text.replace(Counter, QString::number(n)); };
    out->mode = mode;
    if (mode == TriggerMode::Group) {
        out->group = counted(group.trimmed());
        out->text = counted(value);
        graphql::JsonValue parsed;
        QString message;
        if (out->group.isEmpty())
            *error = QObject::tr("Name the group to fire into");
        else if (out->text.trimmed().isEmpty())
            *error = QObject::tr("Give the event a JSON value (null for none)");
        else if (!parseJson(out->text, &parsed, &message))
            *error = QObject::tr("The value is not valid JSON: %1").arg(message);
        return error->isEmpty();
    }
    out->model = model;
    const graphql::NamedType *type =
        schema && !model.isEmpty() ? server::findModelType(*schema, model.toStdString()) : nullptr;
    if (!type) {
        *error = model.isEmpty() ? QObject::tr("The schema has no @model type")
                                 : QObject::tr("The schema has no @model type '%1'").arg(model);
        return false;
    }
    graphql::JsonValue request = graphql::JsonValue::object();
    request.insert("action", action.toStdString());
    request.insert("pk", server::pkFromText(counted(pk.trimmed()).toStdString()));
    graphql::JsonValue values = graphql::JsonValue::object();
    for (const auto &[name, text] : fields) {
        const graphql::FieldDefinition *field = type->field(name.toStdString());
        if (!field) {
            *error = QObject::tr("%1 has no field '%2' any more (the schema changed)")
                         .arg(QString::fromStdString(type->name), name);
            return false;
        }
        values.insert(name.toStdString(),
                      server::fieldValueFromText(field->type, counted(text).toStdString()));
    }
    request.insert("fields", values);
    out->text = QString::fromStdString(request.toJson());
    return true;
}

} // namespace subscope::ui
