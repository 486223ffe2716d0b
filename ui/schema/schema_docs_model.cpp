#include "schema_docs_model.h"

#include "schema_doc_text.h"

#include <QFont>

#include <algorithm>

namespace subscope::ui {

using ItemKind = SchemaDocsModel::ItemKind;

namespace {

// Root types first (query, mutation, subscription), then the others by name.
std::vector<const graphql::NamedType *> typesInOrder(const graphql::Schema &schema)
{
    std::vector<const graphql::NamedType *> roots;
    for (const graphql::NamedType *root :
         {schema.queryType(), schema.mutationType(), schema.subscriptionType()})
        if (root) roots.push_back(root);
    std::vector<const graphql::NamedType *> others;
    for (const graphql::NamedType *type : schema.types())
        if (!type->name.starts_with("__") &&
            std::find(roots.begin(), roots.end(), type) == roots.end())
            others.push_back(type);
    std::sort(others.begin(), others.end(), [](const auto *a, const auto *b) {
        const int folded = QString::fromStdString(a->name).compare(QString::fromStdString(b->name),
                                                                   Qt::CaseInsensitive);
        return folded != 0 ? folded < 0 : a->name < b->name;
    });
    roots.insert(roots.end(), others.begin(), others.end());
    return roots;
}

bool isDeprecated(const SchemaDocsModel::Item &item)
{
    switch (item.kind) {
    case ItemKind::Type:
        return false;
    case ItemKind::Field:
        return item.field->deprecation.deprecated;
    case ItemKind::Argument:
    case ItemKind::InputField:
        return item.inputValue->deprecation.deprecated;
    case ItemKind::EnumValue:
        return item.enumValue->deprecation.deprecated;
    }
    return false;
}

const std::string &nameOf(const SchemaDocsModel::Item &item)
{
    switch (item.kind) {
    case ItemKind::Type:
        break;
    case ItemKind::Field:
        return item.field->name;
    case ItemKind::Argument:
    case ItemKind::InputField:
        return item.inputValue->name;
    case ItemKind::EnumValue:
        return item.enumValue->name;
    }
    return item.type->name;
}

QString signatureOf(const SchemaDocsModel::Item &item)
{
    switch (item.kind) {
    case ItemKind::Type:
        break;
    case ItemKind::Field:
        return fieldSignature(*item.field);
    case ItemKind::Argument:
    case ItemKind::InputField:
        return inputValueSignature(*item.inputValue);
    case ItemKind::EnumValue:
        return QString::fromStdString(item.enumValue->name);
    }
    return typeSignature(*item.type);
}

const std::optional<std::string> &descriptionOf(const SchemaDocsModel::Item &item)
{
    switch (item.kind) {
    case ItemKind::Type:
        break;
    case ItemKind::Field:
        return item.field->description;
    case ItemKind::Argument:
    case ItemKind::InputField:
        return item.inputValue->description;
    case ItemKind::EnumValue:
        return item.enumValue->description;
    }
    return item.type->description;
}

// The named type an item is about: its own for a type, its type's for the others.
const graphql::NamedType *namedTypeOf(const SchemaDocsModel::Item &item)
{
    switch (item.kind) {
    case ItemKind::Type:
    case ItemKind::EnumValue:
        break;
    case ItemKind::Field:
        return item.field->type.named();
    case ItemKind::Argument:
    case ItemKind::InputField:
        return item.inputValue->type.named();
    }
    return item.type;
}

} // namespace

SchemaDocsModel::SchemaDocsModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void SchemaDocsModel::setSchema(std::shared_ptr<const graphql::Schema> schema)
{
    beginResetModel();
    m_schema = std::move(schema);
    build();
    endResetModel();
}

int SchemaDocsModel::addNode(const Item &item, int parent)
{
    const int at = int(m_nodes.size());
    const auto siblings = [this, parent]() -> std::vector<int> & {
        return parent < 0 ? m_types : m_nodes[size_t(parent)].children;
    };
    // Adding a node may move the others: the parent's children are looked up again after.
    m_nodes.push_back({item, parent, int(siblings().size()), {}});
    siblings().push_back(at);
    return at;
}

void SchemaDocsModel::build()
{
    m_nodes.clear();
    m_types.clear();
    if (!m_schema) return;
    for (const graphql::NamedType *type : typesInOrder(*m_schema)) {
        const int typeNode = addNode({ItemKind::Type, type}, -1);
        for (const graphql::FieldDefinition &field : type->fields) {
            const int fieldNode = addNode({ItemKind::Field, type, &field}, typeNode);
            for (const graphql::InputValue &argument : field.arguments)
                addNode({ItemKind::Argument, type, &field, &argument}, fieldNode);
        }
        for (const graphql::InputValue &inputField : type->inputFields)
            addNode({ItemKind::InputField, type, nullptr, &inputField}, typeNode);
        for (const graphql::EnumValueDefinition &value : type->enumValues)
            addNode({ItemKind::EnumValue, type, nullptr, nullptr, &value}, typeNode);
    }
}

const SchemaDocsModel::Item *SchemaDocsModel::item(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this) return nullptr;
    return &m_nodes[size_t(index.internalId())].item;
}

QModelIndex SchemaDocsModel::typeIndex(const QString &name) const
{
    const std::string wanted = name.toStdString();
    for (size_t row = 0; row < m_types.size(); ++row)
        if (m_nodes[size_t(m_types[row])].item.type->name == wanted)
            return createIndex(int(row), 0, quintptr(m_types[row]));
    return {};
}

QModelIndex SchemaDocsModel::fieldIndex(const QString &type, const QString &field) const
{
    const QModelIndex parent = typeIndex(type);
    if (!parent.isValid()) return {};
    const std::string wanted = field.toStdString();
    for (int child : m_nodes[size_t(parent.internalId())].children) {
        const Node &node = m_nodes[size_t(child)];
        if (node.item.kind == ItemKind::Field && node.item.field->name == wanted)
            return createIndex(node.row, 0, quintptr(child));
    }
    return {};
}

QModelIndex SchemaDocsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0) return {};
    const std::vector<int> &siblings =
        parent.isValid() ? m_nodes[size_t(parent.internalId())].children : m_types;
    if (size_t(row) >= siblings.size()) return {};
    return createIndex(row, 0, quintptr(siblings[size_t(row)]));
}

QModelIndex SchemaDocsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) return {};
    const int parent = m_nodes[size_t(child.internalId())].parent;
    if (parent < 0) return {};
    return createIndex(m_nodes[size_t(parent)].row, 0, quintptr(parent));
}

int SchemaDocsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) return int(m_types.size());
    if (parent.column() != 0) return 0;
    return int(m_nodes[size_t(parent.internalId())].children.size());
}

int SchemaDocsModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant SchemaDocsModel::data(const QModelIndex &index, int role) const
{
    const Item *it = item(index);
    if (!it) return {};
    switch (role) {
    case Qt::DisplayRole:
        return signatureOf(*it);
    case Qt::ToolTipRole:
        if (const auto &d = descriptionOf(*it)) return QString::fromStdString(*d);
        return {};
    case Qt::FontRole:
        if (isDeprecated(*it)) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        return {};
    case NameRole:
        return QString::fromStdString(nameOf(*it));
    case ItemKindRole:
        return QVariant::fromValue(it->kind);
    case TypeNameRole:
        return QString::fromStdString(namedTypeOf(*it)->name);
    default:
        return {};
    }
}

} // namespace subscope::ui
