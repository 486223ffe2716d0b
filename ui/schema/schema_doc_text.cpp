#include "schema_doc_text.h"

#include "graphql/values.h"

#include <QStringList>

namespace subscope::ui {

namespace {

const QString LinkScheme = QStringLiteral("type");

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

QString escaped(const std::string &text)
{
    return qs(text).toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
}

QString typeLink(const graphql::NamedType &type)
{
    return QStringLiteral("<a href=\"%1:%2\">%2</a>").arg(LinkScheme, qs(type.name));
}

// [User!]! with User as a link.
QString typeRefHtml(graphql::TypeRef ref)
{
    const QString text = qs(ref.toString());
    const QString name = qs(ref.named()->name);
    const qsizetype at = text.indexOf(name);
    return text.left(at).toHtmlEscaped() + typeLink(*ref.named()) +
           text.mid(at + name.size()).toHtmlEscaped();
}

QString defaultText(const graphql::InputValue &value)
{
    if (!value.defaultValue) return {};
    const std::optional<std::string> text =
        graphql::printInputValue(*value.defaultValue, value.type);
    return text ? qs(*text) : QString();
}

QString heading(const QString &html)
{
    return QStringLiteral("<p><b><code>%1</code></b></p>").arg(html);
}

QString description(const std::optional<std::string> &text)
{
    return text ? QStringLiteral("<p>%1</p>").arg(escaped(*text)) : QString();
}

QString deprecation(const graphql::Deprecation &d)
{
    if (!d.deprecated) return {};
    return QStringLiteral("<p><i>%1</i></p>")
        .arg(d.reason ? QObject::tr("Deprecated: %1").arg(escaped(*d.reason))
                      : QObject::tr("Deprecated."));
}

// `first: Int = 10` with the type as a link.
QString inputValueSignatureHtml(const graphql::InputValue &value)
{
    QString html = qs(value.name) + QStringLiteral(": ") + typeRefHtml(value.type);
    if (const QString d = defaultText(value); !d.isEmpty())
        html += QStringLiteral(" = ") + d.toHtmlEscaped();
    return html;
}

// An argument in a field's list: its signature, description and deprecation on one line.
QString inputValueLine(const graphql::InputValue &value)
{
    QString line = QStringLiteral("<code>%1</code>").arg(inputValueSignatureHtml(value));
    if (value.description) line += QStringLiteral(" — ") + escaped(*value.description);
    if (value.deprecation.deprecated)
        line += QStringLiteral(" <i>(%1)</i>")
                    .arg(value.deprecation.reason
                             ? QObject::tr("deprecated: %1").arg(escaped(*value.deprecation.reason))
                             : QObject::tr("deprecated"));
    return line;
}

QString typeList(const std::vector<const graphql::NamedType *> &types, const QString &separator)
{
    QStringList links;
    for (const graphql::NamedType *t : types)
        links << typeLink(*t);
    return links.join(separator);
}

} // namespace

QString typeSignature(const graphql::NamedType &type)
{
    const char *keyword = "type";
    switch (type.kind) {
    case graphql::TypeKind::Scalar:
        keyword = "scalar";
        break;
    case graphql::TypeKind::Object:
        break;
    case graphql::TypeKind::Interface:
        keyword = "interface";
        break;
    case graphql::TypeKind::Union:
        keyword = "union";
        break;
    case graphql::TypeKind::Enum:
        keyword = "enum";
        break;
    case graphql::TypeKind::InputObject:
        keyword = "input";
        break;
    }
    return QLatin1String(keyword) + u' ' + qs(type.name);
}

QString inputValueSignature(const graphql::InputValue &value)
{
    QString text = qs(value.name) + QStringLiteral(": ") + qs(value.type.toString());
    if (const QString d = defaultText(value); !d.isEmpty()) text += QStringLiteral(" = ") + d;
    return text;
}

QString fieldSignature(const graphql::FieldDefinition &field)
{
    QString text = qs(field.name);
    if (!field.arguments.empty()) {
        QStringList arguments;
        for (const graphql::InputValue &a : field.arguments)
            arguments << inputValueSignature(a);
        text += u'(' + arguments.join(QStringLiteral(", ")) + u')';
    }
    return text + QStringLiteral(": ") + qs(field.type.toString());
}

QString typeDocumentation(const graphql::Schema &schema, const graphql::NamedType &type)
{
    QString head = typeSignature(type).toHtmlEscaped();
    if (!type.interfaces.empty())
        head +=
            QStringLiteral(" implements ") + typeList(type.interfaces, QStringLiteral(" &amp; "));
    QString html = heading(head) + description(type.description);
    if (type.kind == graphql::TypeKind::Union)
        html += QObject::tr("<p>Members: %1</p>")
                    .arg(typeList(type.unionMembers, QStringLiteral(" | ")));
    if (type.kind == graphql::TypeKind::Interface && !schema.possibleTypes(&type).empty())
        html += QObject::tr("<p>Implemented by: %1</p>")
                    .arg(typeList(schema.possibleTypes(&type), QStringLiteral(", ")));
    if (type.specifiedByURL)
        html += QObject::tr("<p>Specified by %1</p>").arg(escaped(*type.specifiedByURL));
    if (type.modelName)
        html +=
            QObject::tr("<p>A model: its events go to the groups %1Created, %1Updated.&lt;pk&gt;, "
                        "%1Deleted.&lt;pk&gt;</p>")
                .arg(escaped(*type.modelName));
    return html;
}

QString fieldDocumentation(const graphql::NamedType &owner, const graphql::FieldDefinition &field)
{
    QString html = heading(QStringLiteral("%1.%2: %3")
                               .arg(qs(owner.name), qs(field.name), typeRefHtml(field.type))) +
                   description(field.description) + deprecation(field.deprecation);
    if (!field.arguments.empty()) {
        html += QObject::tr("<p>Arguments:</p><ul>");
        for (const graphql::InputValue &a : field.arguments)
            html += QStringLiteral("<li>%1</li>").arg(inputValueLine(a));
        html += QStringLiteral("</ul>");
    }
    if (field.groups) {
        QStringList groups;
        for (const graphql::GroupsSpec::Template &t : field.groups->templates)
            groups << QStringLiteral("<code>%1</code>").arg(escaped(t.source));
        html += QObject::tr("<p>Groups: %1</p>").arg(groups.join(QStringLiteral(", ")));
    }
    return html;
}

QString inputValueDocumentation(const QString &what, const graphql::InputValue &value)
{
    return QStringLiteral("<p>%1</p>").arg(what.toHtmlEscaped()) +
           heading(inputValueSignatureHtml(value)) + description(value.description) +
           deprecation(value.deprecation);
}

QString enumValueDocumentation(const graphql::NamedType &owner,
                               const graphql::EnumValueDefinition &value)
{
    return heading(QStringLiteral("%1.%2").arg(typeLink(owner), qs(value.name))) +
           description(value.description) + deprecation(value.deprecation);
}

QString typeFromLink(const QUrl &link)
{
    return link.scheme() == LinkScheme ? link.path() : QString();
}

} // namespace subscope::ui
