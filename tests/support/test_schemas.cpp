#include "test_schemas.h"

#include "graphql/schema_builder.h"

#include <QTest>

namespace subscope::test {

QString sharedPath(const QString &relative)
{
    return QStringLiteral(SUBSCOPE_SHARED_DIR "/") + relative;
}

QString testDataPath(const QString &relative)
{
    return QStringLiteral(SUBSCOPE_TEST_DATA_DIR "/") + relative;
}

namespace {

const std::shared_ptr<const graphql::Schema> &load(const QString &path)
{
    static std::map<QString, std::shared_ptr<const graphql::Schema>> cache;
    auto &schema = cache[path];
    if (!schema) {
        graphql::SchemaLoadResult result = graphql::loadSchemaFile(path);
        if (!result.schema)
            qFatal("cannot load %s: %s", qPrintable(path),
                   qPrintable(result.errors.join(QLatin1Char('\n'))));
        schema = result.schema;
    }
    return schema;
}

} // namespace

const graphql::Schema &demoSchema()
{
    return *sharedDemoSchema();
}

std::shared_ptr<const graphql::Schema> sharedDemoSchema()
{
    return load(sharedPath(QStringLiteral("spec/demo-schema.graphql")));
}

const graphql::Schema &richSchema()
{
    return *load(sharedPath(QStringLiteral("spec/graphql-vectors/rich-schema.graphql")));
}

const graphql::Schema &testSchema()
{
    return *load(testDataPath(QStringLiteral("test-schema.graphql")));
}

std::shared_ptr<const graphql::Schema> schemaFrom(const char *sdl)
{
    graphql::SchemaLoadResult result =
        graphql::buildSchema(QByteArray(sdl), QStringLiteral("test.graphql"));
    if (!result.schema)
        qWarning("schema errors:\n%s", qPrintable(result.errors.join(QLatin1Char('\n'))));
    return result.schema;
}

} // namespace subscope::test
