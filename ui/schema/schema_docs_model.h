#pragma once

#include "graphql/schema.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace subscope::ui {

// A schema as a tree for the docs pane: types (the root types first, then the others by name;
// introspection types left out) -> their fields, input fields or enum values -> the fields'
// arguments. One column: each item's signature, e.g. `myModelUpdated(id: String): MyModelType`.
class SchemaDocsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class ItemKind
    {
        Type,
        Field,
        Argument,
        InputField,
        EnumValue
    };
    Q_ENUM(ItemKind)
    enum Role
    {
        NameRole = Qt::UserRole + 1, // the bare name
        ItemKindRole,
        TypeNameRole, // a type's own name; the named type of a field, argument or input field
    };

    // What an item stands for; the pointers that do not apply are null.
    struct Item
    {
        ItemKind kind = ItemKind::Type;
        const graphql::NamedType *type = nullptr;        // the type, or the one the item belongs to
        const graphql::FieldDefinition *field = nullptr; // the field, or the argument's field
        const graphql::InputValue *inputValue = nullptr; // argument or input field
        const graphql::EnumValueDefinition *enumValue = nullptr;
    };

    explicit SchemaDocsModel(QObject *parent = nullptr);

    void setSchema(std::shared_ptr<const graphql::Schema> schema);
    const std::shared_ptr<const graphql::Schema> &schema() const { return m_schema; }

    // Null for an invalid index.
    const Item *item(const QModelIndex &index) const;
    // Invalid when there is no such type or field.
    QModelIndex typeIndex(const QString &name) const;
    QModelIndex fieldIndex(const QString &type, const QString &field) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        Item item;
        int parent = -1; // node index; -1 for a type
        int row = 0;
        std::vector<int> children;
    };
    int addNode(const Item &item, int parent);
    void build();

    std::shared_ptr<const graphql::Schema> m_schema;
    std::vector<Node> m_nodes;
    std::vector<int> m_types; // nodes of the top level, in order
};

} // namespace subscope::ui
