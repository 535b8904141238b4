package com.avgym.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.Stats;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {

    @Test
    void decodesAValidFrame() {
        Frame f = FrameCodec.decode("""
                {"type":"check_in","id":"c-1","seq":7,"ts":"2026-11-27T03:36:00Z",
                 "payload":{"clientRequestId":"r1","membershipNumber":"M0001","location":"Front"}}""");
        assertThat(f.type()).isEqualTo("check_in");
        assertThat(f.id()).isEqualTo("c-1");
        assertThat(f.seq()).isEqualTo(7L);
        assertThat(f.ts()).isEqualTo(Instant.parse("2026-11-27T03:36:00Z"));
        assertThat(f.payload().path("membershipNumber").asText()).isEqualTo("M0001");
    }

    @Test
    void missingOrNullPayloadAndOptionalFieldsBecomeAnEmptyObjectAndNulls() {
        Frame bare = FrameCodec.decode("{\"type\":\"heartbeat\"}");
        assertThat(bare.payload().isObject()).isTrue();
        assertThat(bare.payload().size()).isZero();
        assertThat(bare.id()).isNull();
        assertThat(bare.seq()).isNull();
        assertThat(bare.ts()).isNull();
        assertThat(FrameCodec.decode("{\"type\":\"heartbeat\",\"id\":null,\"payload\":null}").payload().isObject()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "{\"type\":\"heartbeat\",}", "", "   "})
    void malformedJsonIsInvalidJson(String text) {
        assertThatThrownBy(() -> FrameCodec.decode(text))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "array;                 [{\"type\":\"heartbeat\"}];                          JSON object",
            "string document;       \"heartbeat\";                                       JSON object",
            "missing type;          {\"id\":\"x\",\"payload\":{}};                       'type'",
            "numeric type;          {\"type\":5};                                        'type'",
            "blank type;            {\"type\":\"  \"};                                   'type'",
            "numeric id;            {\"type\":\"heartbeat\",\"id\":42};                  'id'",
            "object id;             {\"type\":\"heartbeat\",\"id\":{}};                  'id'",
            "array payload;         {\"type\":\"heartbeat\",\"payload\":[]};             'payload'",
            "string payload;        {\"type\":\"heartbeat\",\"payload\":\"x\"};          'payload'",
            "bad ts;                {\"type\":\"heartbeat\",\"ts\":\"yesterday\"};       'ts'",
            "ts without zone;       {\"type\":\"heartbeat\",\"ts\":\"2026-11-27T03:36:00\"}; 'ts'"})
    void envelopeErrorsAreInvalidMessageNamingTheField(String name, String text, String mention) {
        assertThatThrownBy(() -> FrameCodec.decode(text))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
                    assertThat(e.getMessage()).contains(mention);
                });
    }

    @Test
    void idLongerThan100CharactersIsRefused() {
        String ok = "a".repeat(100);
        assertThat(FrameCodec.decode("{\"type\":\"heartbeat\",\"id\":\"" + ok + "\"}").id()).isEqualTo(ok);
        assertThatThrownBy(() -> FrameCodec.decode("{\"type\":\"heartbeat\",\"id\":\"" + ok + "a\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
                    assertThat(e.getMessage()).contains("'id'");
                });
    }

    @Test
    void unknownTypeIsLeftToTheCaller() {
        Frame f = FrameCodec.decode("{\"type\":\"no_such_type\"}");
        assertThat(f.type()).isEqualTo("no_such_type");
        assertThat(MessageType.fromWireName(f.type())).isEmpty();
    }

    @Test
    void frameOfRoundTripsThroughEncodeAndDecode() {
        Instant ts = Instant.parse("2026-11-27T03:36:00.123Z");
        CheckInView visit = new CheckInView("v1", "m1", "M0001", "Amara Okafor", ts, null, "Front desk", null, false);
        CommandResult result = new CommandResult("r1", visit, new Stats(3, 10, 42.5), false);
        Frame sent = Frame.of(MessageType.CHECK_IN_SUCCESS, "c-1", null, ts, result);

        String text = FrameCodec.encode(sent);
        JsonNode raw = Json.parse(text);
        assertThat(raw.path("type").asText()).isEqualTo("check_in_success");
        assertThat(raw.has("seq")).as("absent seq is omitted, not null").isFalse();
        assertThat(raw.path("ts").asText()).as("ts is an ISO-8601 string").isEqualTo("2026-11-27T03:36:00.123Z");

        Frame back = FrameCodec.decode(text);
        assertThat(back.type()).isEqualTo(sent.type());
        assertThat(back.id()).isEqualTo("c-1");
        assertThat(back.seq()).isNull();
        assertThat(back.ts()).isEqualTo(ts);
        assertThat(back.payloadAs(CommandResult.class)).isEqualTo(result);
        // Number nodes may differ in width (int vs long) after parsing; the wire text may not.
        assertThat(FrameCodec.encode(back)).isEqualTo(text);
    }

    @Test
    void broadcastFrameKeepsItsSeq() {
        Instant ts = Instant.parse("2026-11-27T03:36:00Z");
        Frame sent = Frame.of(MessageType.STATS_UPDATE, null, 42L, ts, new Stats(1, 2, 0));
        Frame back = FrameCodec.decode(FrameCodec.encode(sent));
        assertThat(back.seq()).isEqualTo(42L);
        assertThat(back.id()).isNull();
        assertThat(back.payloadAs(Stats.class)).isEqualTo(new Stats(1, 2, 0));
        assertThat(MessageType.STATS_UPDATE.isBroadcast()).isTrue();
    }

    @Test
    void everyWireNameMapsBackToItsType() {
        for (MessageType t : MessageType.values()) {
            assertThat(MessageType.fromWireName(t.wireName())).contains(t);
        }
        assertThat(MessageType.fromWireName("CHECK_IN")).as("wire names are case-sensitive").isEmpty();
    }
}
