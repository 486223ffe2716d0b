// "Did you mean" suggestions as graphql-core makes them.
#include "graphql/suggestion.h"

#include <QTest>

using namespace subscope::graphql;

class TestSuggestion : public QObject
{
    Q_OBJECT

private slots:
    void closestFirstThenNatural()
    {
        const std::vector<std::string_view> options = {
            "myModelCreated", "myModelUpdated", "myModelDeleted", "myModelCreatedUpdateDelete",
            "myCustomEvent"};
        QCOMPARE(suggestionList("myModelCeated", options),
                 (std::vector<std::string>{"myModelCreated", "myModelDeleted", "myModelUpdated"}));
        QCOMPARE(suggestionList("myMdelCreated", options),
                 (std::vector<std::string>{"myModelCreated", "myModelUpdated", "myModelDeleted"}));
        // A change of case alone is one edit.
        QCOMPARE(suggestionList("MYMODELCREATED", options).front(), std::string("myModelCreated"));
        QVERIFY(suggestionList("zzz", options).empty());
    }

    void transpositionIsOneEdit()
    {
        QCOMPARE(suggestionList("subsrcibe", {"subscribe", "subscripe"}),
                 (std::vector<std::string>{"subscribe", "subscripe"}));
    }

    void naturalOrder()
    {
        QVERIFY(naturalCompare("field2", "field10") < 0);
        QVERIFY(naturalCompare("a001", "a1") < 0); // Python's key: (1, '001') < (1, '1')
        QVERIFY(naturalCompare("a1", "a02") < 0);
        QVERIFY(naturalCompare("a", "a1") < 0);
        QCOMPARE(naturalCompare("same", "same"), 0);
    }

    void didYouMeanWording()
    {
        QCOMPARE(didYouMean({}), std::string());
        QCOMPARE(didYouMean({"a"}), std::string(" Did you mean 'a'?"));
        QCOMPARE(didYouMean({"a", "b"}), std::string(" Did you mean 'a' or 'b'?"));
        QCOMPARE(didYouMean({"a", "b", "c"}), std::string(" Did you mean 'a', 'b', or 'c'?"));
        QCOMPARE(didYouMean({"a", "b", "c", "d", "e", "f"}),
                 std::string(" Did you mean 'a', 'b', 'c', 'd', or 'e'?"));
        QCOMPARE(didYouMean({"RED"}, "the enum value"),
                 std::string(" Did you mean the enum value 'RED'?"));
    }
};

QTEST_GUILESS_MAIN(TestSuggestion)
#include "tst_suggestion.moc"
