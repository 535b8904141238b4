package com.avgym.desk.viewmodel;

import static com.avgym.desk.viewmodel.Samples.member;
import static com.avgym.desk.viewmodel.Samples.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.MemberView;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberSearchViewModelTest {
    private static final LocalDate END = LocalDate.parse("2026-12-20");
    private static final MemberView AMARA = member("M0001", "Amara Okafor", END, true, null);
    private static final MemberView AMIR = member("M0026", "Amir Haile", END, true, null);

    private final FakeLookups lookups = new FakeLookups();
    private final ManualDelay delay = new ManualDelay();
    private final UiQueue ui = new UiQueue();
    private final List<String> shown = new ArrayList<>();
    private final MemberSearchViewModel vm = new MemberSearchViewModel(lookups, delay, ui, shown::add, Samples.CLOCK);

    private void type(String text) {
        vm.setQuery(text);
    }

    @Test
    void searchesOnceTheTypingPausesFor250Ms() {
        type("M0");
        delay.advance(Duration.ofMillis(100));
        type("M00");
        delay.advance(Duration.ofMillis(100));
        type("M004");
        delay.advance(Duration.ofMillis(249));
        assertThat(lookups.searches).as("still typing").isEmpty();
        delay.advance(Duration.ofMillis(1));
        assertThat(lookups.searches).extracting(FakeLookups.Call::query).containsExactly("M004");
        assertThat(vm.status()).isEqualTo("Searching...");
    }

    @Test
    void whileTheServerIsAwayTheMemberListAnswersAndSaysHowOldItIs() {
        java.time.Instant asOf = java.time.Instant.parse("2026-11-27T09:42:00Z");
        lookups.offlineSearch = q -> java.util.Optional.of(new OfflineMember.Search(
                q.equals("Am") ? List.of(AMARA, AMIR) : List.of(), asOf));
        type("Am");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        ui.run();
        assertThat(lookups.searches).as("the server is not asked").isEmpty();
        assertThat(vm.suggestions()).containsExactly(AMARA, AMIR);
        assertThat(vm.status()).as("12:42 in the desk's zone").isEqualTo("From the member list of 12:42");

        type("Zz");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        ui.run();
        assertThat(vm.suggestions()).isEmpty();
        assertThat(vm.status()).isEqualTo("No member matches \"Zz\" in the member list of 12:42");

        lookups.offlineSearch = q -> java.util.Optional.empty();
        type("Ami");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        lookups.searches.getLast().answer().complete(page(List.of(AMIR), 1, 1, 8));
        ui.run();
        assertThat(vm.status()).as("the server's answer carries no list age").isEmpty();
    }

    @Test
    void oneLetterAsksNothingAndClearsTheList() {
        type("Am");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        lookups.searches.get(0).answer().complete(page(List.of(AMARA), 1, 1, 8));
        ui.run();
        assertThat(vm.suggestions()).containsExactly(AMARA);
        type("A");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        assertThat(lookups.searches).hasSize(1);
        assertThat(vm.suggestions()).isEmpty();
    }

    @Test
    void aSlowAnswerForOlderTextIsDropped() {
        type("Am");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        type("Amara");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        lookups.searches.get(1).answer().complete(page(List.of(AMARA), 1, 1, 8));
        ui.run();
        lookups.searches.get(0).answer().complete(page(List.of(AMARA, AMIR), 2, 1, 8));
        ui.run();
        assertThat(vm.suggestions()).as("the answer for \"Am\" came last but is stale").containsExactly(AMARA);
    }

    @Test
    void anAnswerThatArrivesWhileTheNextTextWaitsForItsDebounceIsDropped() {
        type("Am");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        type("Ami");
        lookups.searches.get(0).answer().complete(page(List.of(AMARA, AMIR), 2, 1, 8));
        ui.run();
        assertThat(vm.suggestions()).isEmpty();
    }

    @Test
    void pickingShowsTheCardAndClosesTheList() {
        type("M00");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        lookups.searches.get(0).answer().complete(page(List.of(AMARA, AMIR), 2, 1, 8));
        ui.run();
        vm.pick(AMIR);
        assertThat(shown).containsExactly("M0026");
        assertThat(vm.suggestions()).isEmpty();
    }

    @Test
    void enterTakesTheFirstSuggestionOrElseTheTextAsANumber() {
        type("Amara");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        lookups.searches.get(0).answer().complete(page(List.of(AMARA), 1, 1, 8));
        ui.run();
        vm.submit();
        type("M0049");
        vm.submit();
        assertThat(shown).containsExactly("M0001", "M0049");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        assertThat(lookups.searches).as("Enter cancelled the waiting search").hasSize(1);
    }

    @Test
    void noMatchAndFailureAreSaid() {
        type("zz");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        lookups.searches.get(0).answer().complete(page(List.of(), 0, 1, 8));
        ui.run();
        assertThat(vm.status()).isEqualTo("No member matches \"zz\"");
        type("zzz");
        delay.advance(MemberSearchViewModel.DEBOUNCE);
        lookups.searches.get(1).answer().completeExceptionally(new IOException("refused"));
        ui.run();
        assertThat(vm.status()).isEqualTo("Search failed: Server not reachable");
    }

    @Test
    void labelsFlagWhatWouldStopACheckIn() {
        assertThat(MemberSearchViewModel.label(AMARA)).isEqualTo("Amara Okafor · M0001");
        assertThat(MemberSearchViewModel.label(member("M0049", "Xin Silva", END, false, null)))
                .isEqualTo("Xin Silva · M0049 · expired");
        assertThat(MemberSearchViewModel.label(Samples.inactive("M0050", "Yonas Kim")))
                .isEqualTo("Yonas Kim · M0050 · inactive");
    }
}
