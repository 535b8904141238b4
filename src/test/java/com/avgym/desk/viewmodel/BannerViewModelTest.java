package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ConnectionError;
import com.avgym.client.ConnectionSnapshot;
import com.avgym.client.ConnectionState;
import com.avgym.client.ErrorClass;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BannerViewModelTest {
    private static final String SEP = " \u00b7 ";
    private static final Instant NOW = Instant.parse("2026-10-03T09:12:00Z");
    private static final ConnectionError NETWORK = new ConnectionError(ErrorClass.NETWORK, "connection refused", 1006, null,
            NOW.minusSeconds(3), null);

    private final BannerViewModel vm = new BannerViewModel(ZoneOffset.UTC, Duration.ofSeconds(5));

    private static ConnectionSnapshot snap(ConnectionState state, ConnectionError error, Instant nextRetryAt, int attempt,
                                           int pending, Instant connectedSince) {
        return new ConnectionSnapshot(state, error, nextRetryAt, attempt, pending, 10, connectedSince);
    }

    @Test
    void liveIsACompactGreenChip() {
        BannerView v = vm.present(snap(ConnectionState.LIVE, null, null, 0, 0, NOW.minusSeconds(60)), NOW);
        assertThat(v.visible()).isTrue();
        assertThat(v.compact()).isTrue();
        assertThat(v.severity()).isEqualTo(BannerSeverity.OK);
        assertThat(v.text()).isEqualTo("Live");
        assertThat(v.action()).isEqualTo(BannerAction.NONE);
        assertThat(v.details()).contains("Connected since: 09:11:00");
    }

    @Test
    void connecting() {
        BannerView v = vm.present(snap(ConnectionState.CONNECTING, null, null, 0, 0, null), NOW);
        assertThat(v.text()).isEqualTo("Connecting...");
        assertThat(v.severity()).isEqualTo(BannerSeverity.INFO);
        assertThat(v.compact()).isFalse();
        assertThat(v.action()).isEqualTo(BannerAction.NONE);
        assertThat(vm.present(snap(ConnectionState.CONNECTING, null, null, 0, 2, null), NOW).text())
                .isEqualTo("Connecting..." + SEP + "2 check-ins waiting to sync");
    }

    @Test
    void reconnectingCountsDownFromFourToOneWithRetryNow() {
        Instant retryAt = NOW.plusSeconds(4);
        List<String> texts = new ArrayList<>();
        vm.addListener(v -> texts.add(v.text()));
        vm.update(snap(ConnectionState.RECONNECTING, NETWORK, retryAt, 3, 0, null), NOW);
        for (int ms = 250; ms < 4000; ms += 250) {
            vm.tick(NOW.plusMillis(ms));
        }
        assertThat(texts).containsExactly(
                "Connection lost. Reconnecting in 4 s (attempt 3)",
                "Connection lost. Reconnecting in 3 s (attempt 3)",
                "Connection lost. Reconnecting in 2 s (attempt 3)",
                "Connection lost. Reconnecting in 1 s (attempt 3)");
        assertThat(vm.view().action()).isEqualTo(BannerAction.RETRY_NOW);
        assertThat(vm.view().action().label()).isEqualTo("Retry now");
        assertThat(vm.view().severity()).isEqualTo(BannerSeverity.WARNING);
        assertThat(vm.counting()).isTrue();
    }

    @Test
    void countdownRoundsUp() {
        BannerView v = vm.present(snap(ConnectionState.RECONNECTING, NETWORK, NOW.plusMillis(3_001), 1, 0, null), NOW);
        assertThat(v.text()).isEqualTo("Connection lost. Reconnecting in 4 s (attempt 1)");
        v = vm.present(snap(ConnectionState.RECONNECTING, NETWORK, NOW.plusMillis(1), 1, 0, null), NOW);
        assertThat(v.text()).isEqualTo("Connection lost. Reconnecting in 1 s (attempt 1)");
    }

    @Test
    void reconnectingSaysHowManyScansWait() {
        List<String> texts = new ArrayList<>();
        vm.addListener(v -> texts.add(v.text()));
        vm.update(snap(ConnectionState.RECONNECTING, NETWORK, NOW.plusSeconds(2), 1, 1, null), NOW);
        vm.tick(NOW.plusMillis(1_500));
        vm.tick(NOW.plusSeconds(2));
        assertThat(texts).containsExactly(
                "Connection lost. Reconnecting in 2 s (attempt 1)" + SEP + "1 check-in waiting to sync",
                "Connection lost. Reconnecting in 1 s (attempt 1)" + SEP + "1 check-in waiting to sync",
                "Connection lost. Reconnecting now (attempt 1)" + SEP + "1 check-in waiting to sync");
    }

    @Test
    void reconnectingAtTheRetryTimeSaysNowAndOffersNoButton() {
        BannerView v = vm.present(snap(ConnectionState.RECONNECTING, NETWORK, null, 2, 0, null), NOW);
        assertThat(v.text()).isEqualTo("Connection lost. Reconnecting now (attempt 2)");
        assertThat(v.action()).isEqualTo(BannerAction.NONE);
    }

    @Test
    void backupOffersRealTime() {
        BannerView v = vm.present(snap(ConnectionState.BACKUP, NETWORK, NOW.plusSeconds(10), 4, 0, null), NOW);
        assertThat(v.text()).isEqualTo("Backup mode: updates every 5 s");
        assertThat(v.action().label()).isEqualTo("Try real-time");
        assertThat(v.severity()).isEqualTo(BannerSeverity.WARNING);
        assertThat(vm.present(snap(ConnectionState.BACKUP, NETWORK, NOW.plusSeconds(10), 4, 2, null), NOW).text())
                .isEqualTo("Backup mode: updates every 5 s" + SEP + "2 check-ins waiting to sync");
    }

    @Test
    void offlineCountsWaitingCheckInsAndListsThem() {
        BannerView v = vm.present(snap(ConnectionState.OFFLINE, NETWORK, NOW.plusSeconds(10), 5, 3, null), NOW);
        assertThat(v.text()).isEqualTo("Offline: 3 check-ins waiting to sync" + SEP + "next try in 10 s");
        assertThat(v.severity()).isEqualTo(BannerSeverity.ERROR);
        assertThat(v.showPendingList()).isTrue();
        assertThat(vm.present(snap(ConnectionState.OFFLINE, NETWORK, NOW.plusSeconds(3), 5, 1, null), NOW).text())
                .isEqualTo("Offline: 1 check-in waiting to sync" + SEP + "next try in 3 s");
        BannerView empty = vm.present(snap(ConnectionState.OFFLINE, NETWORK, NOW.plusSeconds(3), 5, 0, null), NOW);
        assertThat(empty.text()).isEqualTo("Offline: no check-ins waiting to sync" + SEP + "next try in 3 s");
        assertThat(empty.showPendingList()).isFalse();
    }

    @Test
    void offlineCountsDownToTheNextTryWithRetryNow() {
        List<BannerView> seen = new ArrayList<>();
        vm.addListener(seen::add);
        vm.update(snap(ConnectionState.OFFLINE, NETWORK, NOW.plusSeconds(3), 6, 2, null), NOW);
        assertThat(vm.counting()).isTrue();
        for (int ms = 250; ms <= 3000; ms += 250) {
            vm.tick(NOW.plusMillis(ms));
        }
        assertThat(seen).extracting(BannerView::text).containsExactly(
                "Offline: 2 check-ins waiting to sync" + SEP + "next try in 3 s",
                "Offline: 2 check-ins waiting to sync" + SEP + "next try in 2 s",
                "Offline: 2 check-ins waiting to sync" + SEP + "next try in 1 s",
                "Offline: 2 check-ins waiting to sync" + SEP + "trying now");
        assertThat(seen.subList(0, 3)).allSatisfy(v -> assertThat(v.action().label()).isEqualTo("Retry now"));
        assertThat(seen.getLast().action()).as("an attempt under way has nothing to skip").isEqualTo(BannerAction.NONE);
    }

    @Test
    void offlineWhileAnAttemptIsUnderWaySaysTryingNow() {
        BannerView v = vm.present(snap(ConnectionState.OFFLINE, NETWORK, null, 6, 1, null), NOW);
        assertThat(v.text()).isEqualTo("Offline: 1 check-in waiting to sync" + SEP + "trying now");
        assertThat(v.action()).isEqualTo(BannerAction.NONE);
        vm.update(snap(ConnectionState.OFFLINE, NETWORK, null, 6, 1, null), NOW);
        assertThat(vm.counting()).isFalse();
    }

    @Test
    void authRequiredAsksToSignInToSyncTheWaitingScans() {
        ConnectionError refused = new ConnectionError(ErrorClass.AUTH_INVALID, "refresh refused", null, 401, NOW, null);
        BannerView v = vm.present(snap(ConnectionState.AUTH_REQUIRED, refused, null, 0, 2, null), NOW);
        assertThat(v.text()).isEqualTo("Session expired: sign in to sync 2 waiting check-ins");
        assertThat(v.action()).isEqualTo(BannerAction.SIGN_IN);
        assertThat(v.action().label()).isEqualTo("Sign in");
        assertThat(v.showPendingList()).isTrue();
        assertThat(v.details()).contains("Error type: AUTH_INVALID", "HTTP status: 401", "Retryable: no",
                "Waiting to sync: 2");
        assertThat(vm.present(snap(ConnectionState.AUTH_REQUIRED, refused, null, 0, 1, null), NOW).text())
                .isEqualTo("Session expired: sign in to sync 1 waiting check-in");
        BannerView none = vm.present(snap(ConnectionState.AUTH_REQUIRED, refused, null, 0, 0, null), NOW);
        assertThat(none.text()).isEqualTo("Session expired: sign in again");
        assertThat(none.action()).isEqualTo(BannerAction.SIGN_IN);
        assertThat(none.showPendingList()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, names = {"LIVE", "CLOSED"}, mode = EnumSource.Mode.EXCLUDE)
    void everyNonLiveStateSaysHowManyScansWait(ConnectionState state) {
        for (Instant retry : new Instant[] {null, NOW.plusSeconds(4), NOW.minusSeconds(1)}) {
            assertThat(vm.present(snap(state, NETWORK, retry, 2, 7, null), NOW).text())
                    .matches(t -> t.contains("7 waiting check-ins") || t.contains("7 check-ins waiting"), "names the 7 waiting");
        }
    }

    @Test
    void closedHidesTheBanner() {
        assertThat(vm.present(snap(ConnectionState.CLOSED, null, null, 0, 0, null), NOW).visible()).isFalse();
        assertThat(vm.present(null, NOW).visible()).isFalse();
    }

    @Test
    void detailsNameTheFailure() {
        BannerView v = vm.present(snap(ConnectionState.RECONNECTING, NETWORK, NOW.plusSeconds(2), 1, 0, null), NOW);
        assertThat(v.details()).containsExactly("State: RECONNECTING", "Error type: NETWORK",
                "Message: connection refused", "Close code: 1006", "Time: 09:11:57", "Retryable: yes",
                "Connected since: not connected");
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionState.class, names = "LIVE", mode = EnumSource.Mode.EXCLUDE)
    void onlyLiveEverSaysLive(ConnectionState state) {
        for (int pending = 0; pending < 3; pending++) {
            for (Instant retry : new Instant[] {null, NOW.plusSeconds(4), NOW.minusSeconds(1)}) {
                BannerView v = vm.present(snap(state, NETWORK, retry, 2, pending, null), NOW);
                assertThat(v.text()).doesNotContainIgnoringCase("live");
                assertThat(v.action().label()).doesNotContainIgnoringCase("live");
                assertThat(v.details()).noneMatch(line -> line.toLowerCase().contains("live"));
                assertThat(v.compact()).isFalse();
                assertThat(v.severity()).isNotEqualTo(BannerSeverity.OK);
            }
        }
    }

    @Test
    void listenersHearOnlyChanges() {
        List<BannerView> seen = new ArrayList<>();
        vm.addListener(seen::add);
        ConnectionSnapshot live = snap(ConnectionState.LIVE, null, null, 0, 0, NOW);
        vm.update(live, NOW);
        vm.tick(NOW.plusSeconds(1));
        vm.update(live, NOW.plusSeconds(2));
        assertThat(seen).hasSize(1);
        assertThat(vm.counting()).isFalse();
    }
}
