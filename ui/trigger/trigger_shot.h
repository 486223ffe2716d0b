#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace subscope::graphql {
class Schema;
}

namespace subscope::ui {

enum class TriggerMode
{
    Group, // a JSON value into a group
    Model, // an @model type's created / updated / deleted event
};

// One event as fired, and as the history keeps it to fire again.
struct TriggerShot
{
    TriggerMode mode = TriggerMode::Group;
    QString group; // group mode
    QString model; // model mode
    QString text;  // the value (group mode) or the POST /models/<name> request (model mode), JSON
};

// What Fire reads from the trigger form, once: every shot of a repeat is made from this snapshot,
// so editing the form while a repeat runs changes nothing of it. {{n}} anywhere becomes the
// shot's number (1, 2, 3, ...) before the text is read, so "age": {{n}} is a number and
// "name": "user {{n}}" a text.
struct TriggerTemplate
{
    static const QString Counter; // "{{n}}"

    TriggerMode mode = TriggerMode::Group;
    QString group;
    QString value;
    QString model;
    QString action; // create, update, delete
    QString pk;
    QList<QPair<QString, QString>> fields; // model mode: field name and typed text, non-empty ones

    // The n-th shot, its fields typed by the model type of `schema` (String, ID and enum fields
    // take text, others JSON); false with the reason in *error when the template makes none.
    bool shot(int n, const graphql::Schema *schema, TriggerShot *out, QString *error) const;
};

} // namespace subscope::ui
