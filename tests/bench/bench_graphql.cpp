// Times parse + validate + group resolution of a typical subscription, and parse + validate of
// the full introspection query, in Subscope's engine; runs the same work in graphql-js 16.6
// (bench_graphql.mjs) in the same run and prints both and the ratio.
//   bench_graphql [--iterations N] [--no-js]
#include "graphql/introspection_query.h"
#include "graphql/request.h"
#include "graphql/schema_builder.h"
#include "graphql/subscription_request.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

using namespace subscope::graphql;

namespace {

const char *const Subscription = "subscription OnChange($id: String, $subscribe: Boolean) {\n"
                                 "  myModelCreatedUpdateDelete(id: $id, subscribe: $subscribe) {\n "
                                 "   id\n    ...ModelFields\n  }\n}\n"
                                 "fragment ModelFields on MyModelType {\n  name\n  age\n}\n";

double timeIt(int iterations, const std::function<void()> &work)
{
    for (int i = 0; i < std::min(iterations, 5000); ++i)
        work();
    std::vector<double> rounds;
    for (int r = 0; r < 5; ++r) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < iterations; ++i)
            work();
        rounds.push_back(double(timer.nsecsElapsed()) / iterations);
    }
    std::sort(rounds.begin(), rounds.end());
    return rounds[2]; // the median of five rounds
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int iterations = 20000;
    bool runJs = true;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--iterations") && i + 1 < args.size())
            iterations = args[++i].toInt();
        else if (args[i] == QLatin1String("--no-js"))
            runJs = false;
    }
    const QString shared = QStringLiteral(SUBSCOPE_SHARED_DIR);
    SchemaLoadResult loaded = loadSchemaFile(shared + QStringLiteral("/spec/demo-schema.graphql"));
    if (!loaded.schema) {
        std::fprintf(stderr, "cannot load the demo schema\n");
        return 1;
    }
    const Schema &schema = *loaded.schema;
    JsonValue variables;
    JsonValue::fromJson(R"({"id": "42", "subscribe": true})", &variables);

    // Check once that the work is right before timing it.
    {
        const CheckedRequest request = checkRequest(schema, Subscription, variables, std::nullopt);
        const SubscriptionResolution resolved = resolveSubscription(schema, request);
        if (!resolved.target || resolved.target->groups.size() != 3) {
            std::fprintf(stderr, "the subscription does not resolve to its three groups\n");
            return 1;
        }
    }

    std::map<std::string, double> ours;
    ours["subscription"] = timeIt(iterations, [&] {
        const CheckedRequest request = checkRequest(schema, Subscription, variables, std::nullopt);
        const SubscriptionResolution resolved = resolveSubscription(schema, request);
        if (!resolved.target) std::abort();
    });
    const QByteArray introspection(introspectionQuery());
    ours["introspection"] = timeIt(iterations / 10, [&] {
        ParseResult parsed = parse(introspection);
        if (!parsed.document || !validate(schema, *parsed.document).empty()) std::abort();
    });

    std::map<std::string, double> theirs;
    if (runJs) {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        QProcess js;
        js.setWorkingDirectory(QStringLiteral(SUBSCOPE_BENCH_DIR));
        js.start(node, {QStringLiteral(SUBSCOPE_BENCH_DIR "/bench_graphql.mjs"), shared,
                        QString::number(iterations)});
        if (node.isEmpty() || !js.waitForFinished(600000) || js.exitCode() != 0) {
            std::fprintf(stderr, "graphql-js side failed (node: %s): %s\n", qPrintable(node),
                         js.readAllStandardError().constData());
            return 1;
        }
        for (const QByteArray &line : js.readAllStandardOutput().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (!o.isEmpty())
                theirs[o.value(QStringLiteral("case")).toString().toStdString()] =
                    o.value(QStringLiteral("nsPerOp")).toDouble();
        }
    }

    std::printf("%-52s %14s %14s %8s\n", "work per document", "subscope", "graphql-js", "ratio");
    const std::pair<const char *, const char *> cases[] = {
        {"subscription", "subscription: parse + validate + groups"},
        {"introspection", "introspection query: parse + validate"},
    };
    for (const auto &[key, label] : cases) {
        const double a = ours[key];
        const double b = theirs.count(key) ? theirs[key] : 0;
        if (b > 0)
            std::printf("%-52s %11.2f us %11.2f us %7.1fx\n", label, a / 1000, b / 1000, b / a);
        else
            std::printf("%-52s %11.2f us %14s %8s\n", label, a / 1000, "-", "-");
    }
    return 0;
}
