package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.CheckInCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The scan bookkeeping on its own; ConnectionServiceTest and ClientFaultTest cover it inside the service. */
class ScanBookTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private final ScanBook book = new ScanBook();

    private static QueuedCommand scan(long position) {
        String id = "r" + position;
        return new QueuedCommand(position, new CheckInCommand(id, "M000" + position, null, "Front desk", null, T0), null);
    }

    private static List<String> ids(List<QueuedCommand> scans) {
        return scans.stream().map(QueuedCommand::clientRequestId).toList();
    }

    @Test
    void nothingGoesOverASocketBeforeItHasGreetedUs() {
        book.accepted(scan(1), new CompletableFuture<>());
        assertThat(book.takeForSocket()).isEmpty();
        book.socketOpened(2);
        assertThat(ids(book.takeForSocket())).containsExactly("r1");
    }

    @Test
    void theSocketGetsScansInQueueOrderWithinTheWindowEachOnce() {
        book.restored(List.of(scan(1), scan(2)));
        book.accepted(scan(3), new CompletableFuture<>());
        book.socketOpened(2);
        assertThat(ids(book.takeForSocket())).containsExactly("r1", "r2");
        assertThat(book.takeForSocket()).as("the window is full").isEmpty();
        book.answered("r1", new ScanOutcome.Queued("r1", scan(1)));
        assertThat(ids(book.takeForSocket())).containsExactly("r3");
        book.socketDropped();
        assertThat(ids(book.takeForSocket())).as("a new socket sends again what the old one had").containsExactly("r2", "r3");
    }

    @Test
    void callersHearQueuedThenTheAnswerIsNotDeliveredTwice() {
        CompletableFuture<ScanOutcome> caller = new CompletableFuture<>();
        book.accepted(scan(1), caller);
        book.answerAllQueued();
        assertThat(caller.join()).isInstanceOf(ScanOutcome.Queued.class);
        assertThat(book.has("r1")).as("still pending").isTrue();
        assertThat(book.answered("r1", new ScanOutcome.Queued("r1", scan(1)))).isEqualTo(scan(1));
        assertThat(book.has("r1")).isFalse();
        assertThat(book.answered("r1", new ScanOutcome.Queued("r1", scan(1)))).as("unknown now").isNull();
    }

    @Test
    void rateLimitedHoldsSendsThenOneAtATimeUntilTheNextSocket() {
        book.restored(List.of(scan(1), scan(2), scan(3)));
        book.socketOpened(10);
        assertThat(book.takeForSocket()).hasSize(3);
        book.sendAgainLater("r1", true, T0, Duration.ofSeconds(1));
        book.sendAgainLater("r2", true, T0, Duration.ofSeconds(1));
        assertThat(book.heldUntil(T0)).isEqualTo(T0.plusSeconds(1));
        assertThat(book.heldUntil(T0.plusSeconds(1))).isNull();
        book.answered("r3", new ScanOutcome.Queued("r3", scan(3)));
        assertThat(ids(book.takeForSocket())).containsExactly("r1");
        book.socketOpened(10);
        assertThat(ids(book.takeForSocket())).containsExactly("r2");
    }

    @Test
    void aRestDrainTakesEverythingOnceAndTheSocketLeavesThoseAlone() {
        book.restored(List.of(scan(1), scan(2)));
        assertThat(ids(book.takeForRest())).containsExactly("r1", "r2");
        assertThat(book.takeForRest()).as("one drain at a time").isEmpty();
        book.socketOpened(10);
        assertThat(book.takeForSocket()).isEmpty();
        book.restDrainDone();
        assertThat(ids(book.takeForSocket())).containsExactly("r1", "r2");
    }
}
