package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.RosterEntry;
import com.avgym.protocol.message.RosterPage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineDecisionTest {
    private static final Instant SYNCED = Instant.parse("2026-12-02T10:42:00Z");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final RosterEntry ENDS_2_DEC = new RosterEntry("id-1", "M0001", "Jane", "active",
            LocalDate.parse("2026-12-02"), "Monthly", null);

    @TempDir
    Path dir;
    private RosterStore roster;

    @BeforeEach
    void setUp() throws Exception {
        roster = new RosterStore(dir.resolve("client.db"));
    }

    @AfterEach
    void tearDown() throws Exception {
        roster.close();
    }

    private static CheckInCommand scan(String number, Instant at) {
        return new CheckInCommand("r1", number, null, "Kiosk", null, at);
    }

    @Test
    void neverSyncedMeansNoVerdictNotUnknown() throws Exception {
        assertThat(OfflineDecision.decide(scan("M0001", SYNCED), OfflinePolicy.ADMIT_KNOWN, SYDNEY, roster)).isNull();
    }

    @Test
    void queueOnlyDecidesNothing() throws Exception {
        roster.apply(new RosterPage(4, true, List.of(ENDS_2_DEC), List.of()), SYNCED);
        assertThat(OfflineDecision.decide(scan("M0001", SYNCED), OfflinePolicy.QUEUE_ONLY, SYDNEY, roster)).isNull();
    }

    @Test
    void theDayIsTheScansDayInTheGymsZoneAndTheVerdictCarriesTheRostersVersionAndAge() throws Exception {
        roster.apply(new RosterPage(4, true, List.of(ENDS_2_DEC), List.of()), SYNCED);
        // 12:59 UTC on 2 Dec is 23:59 in Sydney, still the 2nd; 13:00 UTC is the 3rd there, the day after the end.
        assertThat(OfflineDecision.decide(scan("m0001", Instant.parse("2026-12-02T12:59:00Z")), OfflinePolicy.ADMIT_KNOWN,
                SYDNEY, roster)).isEqualTo(new OfflineDecision(OfflineVerdict.ADMIT, 4, SYNCED));
        assertThat(OfflineDecision.decide(scan("M0001", Instant.parse("2026-12-02T13:00:00Z")), OfflinePolicy.ADMIT_KNOWN,
                SYDNEY, roster).verdict()).isEqualTo(OfflineVerdict.REFUSE_EXPIRED);
        assertThat(OfflineDecision.decide(scan("M0001", Instant.parse("2026-12-02T13:00:00Z")), OfflinePolicy.ADMIT_KNOWN,
                ZoneId.of("UTC"), roster).verdict()).isEqualTo(OfflineVerdict.ADMIT);
    }

    @Test
    void aCardTheSyncedRosterLacksIsUnknownAndAByIdScanIsFoundById() throws Exception {
        roster.apply(new RosterPage(4, true, List.of(ENDS_2_DEC), List.of()), SYNCED);
        assertThat(OfflineDecision.decide(scan("M9999", SYNCED), OfflinePolicy.ADMIT_KNOWN, SYDNEY, roster).verdict())
                .isEqualTo(OfflineVerdict.UNKNOWN);
        CheckInCommand byId = new CheckInCommand("r2", null, "id-1", "Kiosk", null, SYNCED);
        assertThat(OfflineDecision.decide(byId, OfflinePolicy.ADMIT_KNOWN, SYDNEY, roster).verdict())
                .isEqualTo(OfflineVerdict.ADMIT);
    }

    @Test
    void theQueuedCommandCarriesVerdictAndVersionAndStaysValid() throws Exception {
        roster.apply(new RosterPage(4, true, List.of(ENDS_2_DEC), List.of()), SYNCED);
        OfflineDecision d = OfflineDecision.decide(scan("M0001", SYNCED), OfflinePolicy.ADMIT_KNOWN, SYDNEY, roster);
        CheckInCommand decided = d.applyTo(scan("M0001", SYNCED));
        decided.validate();
        assertThat(decided.offlineVerdict()).isEqualTo(OfflineVerdict.ADMIT);
        assertThat(decided.rosterVersion()).isEqualTo(4L);
    }

    @Test
    void policyIsReadFromTheDeskSetting() {
        assertThat(OfflinePolicy.fromSetting("admit-known")).isEqualTo(OfflinePolicy.ADMIT_KNOWN);
        assertThat(OfflinePolicy.fromSetting(" Queue-Only ")).isEqualTo(OfflinePolicy.QUEUE_ONLY);
        assertThatThrownBy(() -> OfflinePolicy.fromSetting("admit-all"))
                .hasMessageContaining("admit-known or queue-only");
    }
}
