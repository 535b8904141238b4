package com.avgym.desk;

import com.avgym.desk.viewmodel.HourlyChart;
import com.avgym.protocol.message.HourlyCheckIns;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.FXCollections;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/** Today's check-ins per hour as a bar chart: one bar per gym-local hour, whole numbers on the axis. */
final class HourlyBarChart {
    private static final List<String> HOURS = IntStream.range(0, HourlyCheckIns.HOURS)
            .mapToObj(h -> "%02d".formatted(h)).toList();
    private final NumberAxis counts = new NumberAxis();
    private final BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(FXCollections.observableArrayList(HOURS)), counts);
    private final XYChart.Series<String, Number> series = new XYChart.Series<>();

    HourlyBarChart() {
        chart.setId("hourly-chart");
        chart.getStyleClass().add("hourly-chart");
        // Live increments move one bar by one; an animation per check-in would only blur that.
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setBarGap(1);
        chart.setCategoryGap(4);
        counts.setAutoRanging(false);
        counts.setLowerBound(0);
        counts.setMinorTickVisible(false);
        chart.getData().add(series);
        show(new HourlyChart(null, List.of(), null));
    }

    BarChart<String, Number> node() {
        return chart;
    }

    /** Bars appear with the first answer; until then the chart is empty rather than a row of false zeros. */
    void show(HourlyChart c) {
        if (!c.loaded()) {
            series.getData().clear();
            scale(0);
            return;
        }
        if (series.getData().size() != HOURS.size()) {
            List<XYChart.Data<String, Number>> bars = new ArrayList<>();
            HOURS.forEach(h -> bars.add(new XYChart.Data<>(h, 0)));
            series.getData().setAll(bars);
        }
        for (int h = 0; h < HOURS.size(); h++) {
            series.getData().get(h).setYValue(c.counts().get(h));
        }
        scale(c.counts().stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    /** Fixed whole-number ticks: auto-ranging would label a quiet morning 0.2, 0.4, ... */
    private void scale(int highest) {
        int upper = Math.max(4, highest + 1);
        counts.setUpperBound(upper);
        counts.setTickUnit(Math.max(1, (int) Math.ceil(upper / 5.0)));
    }
}
