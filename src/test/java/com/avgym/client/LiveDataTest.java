package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.Stats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveDataTest {
    private static CheckInView visit(String id, int minute, boolean open) {
        Instant in = Instant.parse("2026-11-27T08:00:00Z").plusSeconds(60L * minute);
        return new CheckInView(id, "m" + id, "M" + id, "Member " + id, in, open ? null : in.plusSeconds(600), "Front desk",
                null, false);
    }

    @Test
    void keepsNewestFirstUpdatesRowsInPlaceAndCapsTheList() {
        List<LiveData.View> changes = new ArrayList<>();
        LiveData data = new LiveData(2, changes::add);
        data.onVisit(visit("1", 1, true), true);
        data.onVisit(visit("2", 2, true), true);
        data.onVisit(visit("1", 1, false), false);
        assertThat(data.view().recent()).extracting(CheckInView::id).containsExactly("2", "1");
        assertThat(data.view().recent().get(1).open()).isFalse();
        data.onVisit(visit("3", 3, true), true);
        assertThat(data.view().recent()).extracting(CheckInView::id).containsExactly("3", "2");
        data.onStats(new Stats(2, 3, 10));
        assertThat(data.view().stats().todayTotal()).isEqualTo(3);
        assertThat(changes).hasSize(5);
    }

    @Test
    void resyncReplacesEverything() {
        LiveData data = new LiveData(10, v -> { });
        data.onVisit(visit("1", 1, true), true);
        data.onResync(new Stats(0, 0, 0), List.of(visit("9", 9, false)));
        assertThat(data.view().recent()).extracting(CheckInView::id).containsExactly("9");
        assertThat(data.view().stats().currentlyIn()).isZero();
    }
}
