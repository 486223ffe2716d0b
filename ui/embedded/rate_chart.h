#pragma once

#include <QWidget>

#include <deque>

namespace subscope::ui {

// A small live chart of two rates (frames in and out per second) over the last minute.
class RateChart : public QWidget
{
    Q_OBJECT
public:
    explicit RateChart(QWidget *parent = nullptr);

    void addSample(double in, double out);
    void clear();
    size_t sampleCount() const { return m_samples.size(); }

    QSize sizeHint() const override { return {240, 80}; }
    QSize minimumSizeHint() const override { return {120, 48}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Sample
    {
        double in;
        double out;
    };
    static constexpr size_t Capacity = 60;
    std::deque<Sample> m_samples;
};

} // namespace subscope::ui
