package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Members, visits and pages for the view-model tests, at a fixed "now" in a UTC+3 desk zone. */
final class Samples {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    // Addis Ababa is UTC+3 all year: 06:12Z reads 09:12 at the desk.
    static final ZoneId ZONE = ZoneId.of("Africa/Addis_Ababa");
    static final Clock CLOCK = Clock.fixed(NOW, ZONE);

    private Samples() {
    }

    static MemberView member(String number, String name, LocalDate end, boolean current, String openVisit) {
        return new MemberView("id-" + number, number, name, null, "active", "Monthly", end, current, openVisit);
    }

    static MemberView inactive(String number, String name) {
        return new MemberView("id-" + number, number, name, null, "inactive", "Monthly",
                LocalDate.parse("2026-12-20"), true, null);
    }

    static CheckInView visit(String id, String number, String name, Instant in, Instant out) {
        return new CheckInView(id, "id-" + number, number, name, in, out, "Front desk", null, false);
    }

    static CheckInView open(String id, String number, String name, Instant in) {
        return visit(id, number, name, in, null);
    }

    static <T> Page<T> page(List<T> rows, long total, int page, int perPage) {
        return new Page<>(rows, total, page, perPage);
    }
}
