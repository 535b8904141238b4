package com.avgym.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.avgym.protocol.message.AuthRefresh;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckOutCommand;
import com.avgym.protocol.message.Resume;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Payload records bound with {@link Json#convert}: a bad field is INVALID_MESSAGE naming that field. */
class PayloadValidationTest {

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    private static void refused(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(e.getMessage()).contains("'" + field + "'");
        });
    }

    @Nested
    class CheckIn {
        @Test
        void aCompleteCommandBinds() {
            CheckInCommand c = Json.convert(json("""
                    {"clientRequestId":"r1","membershipNumber":"M0001","location":"Front desk","notes":"n",
                     "occurredAt":"2026-11-27T03:36:00Z","extra":"ignored"}"""), CheckInCommand.class);
            assertThat(c.clientRequestId()).isEqualTo("r1");
            assertThat(c.membershipNumber()).isEqualTo("M0001");
            assertThat(c.occurredAt()).isEqualTo(Instant.parse("2026-11-27T03:36:00Z"));
            CheckInCommand byId = Json.convert(json("{\"clientRequestId\":\"r1\",\"memberId\":\"abc\",\"location\":\"L\"}"),
                    CheckInCommand.class);
            assertThat(byId.memberId()).isEqualTo("abc");
        }

        @Test
        void missingFieldsAreNamed() {
            refused(() -> Json.convert(json("{\"membershipNumber\":\"M1\",\"location\":\"L\"}"), CheckInCommand.class),
                    "clientRequestId");
            refused(() -> Json.convert(json("{\"clientRequestId\":\" \",\"membershipNumber\":\"M1\",\"location\":\"L\"}"),
                    CheckInCommand.class), "clientRequestId");
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\",\"location\":\"L\"}"), CheckInCommand.class),
                    "membershipNumber");
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\",\"membershipNumber\":\"M1\"}"), CheckInCommand.class),
                    "location");
            refused(() -> Json.convert(null, CheckInCommand.class), "clientRequestId");
        }

        @Test
        void tooLongFieldsAreNamed() {
            refused(() -> Json.convert(json("{\"clientRequestId\":\"" + "r".repeat(101)
                    + "\",\"membershipNumber\":\"M1\",\"location\":\"L\"}"), CheckInCommand.class), "clientRequestId");
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\",\"membershipNumber\":\"" + "M".repeat(41)
                    + "\",\"location\":\"L\"}"), CheckInCommand.class), "membershipNumber");
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\",\"memberId\":\"" + "i".repeat(41)
                    + "\",\"location\":\"L\"}"), CheckInCommand.class), "memberId");
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\",\"membershipNumber\":\"M1\",\"location\":\""
                    + "L".repeat(101) + "\"}"), CheckInCommand.class), "location");
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\",\"membershipNumber\":\"M1\",\"location\":\"L\","
                    + "\"notes\":\"" + "n".repeat(CheckInCommand.MAX_TEXT + 1) + "\"}"), CheckInCommand.class), "notes");
            // the limits themselves are allowed
            assertThat(Json.convert(json("{\"clientRequestId\":\"" + "r".repeat(100) + "\",\"membershipNumber\":\""
                    + "M".repeat(40) + "\",\"location\":\"" + "L".repeat(100) + "\",\"notes\":\""
                    + "n".repeat(CheckInCommand.MAX_TEXT) + "\"}"), CheckInCommand.class).notes()).hasSize(500);
        }

        @Test
        void wrongTypesAreNamed() {
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\",\"membershipNumber\":\"M1\",\"location\":\"L\","
                    + "\"occurredAt\":\"not a time\"}"), CheckInCommand.class), "occurredAt");
            refused(() -> Json.convert(json("{\"clientRequestId\":{\"a\":1},\"membershipNumber\":\"M1\",\"location\":\"L\"}"),
                    CheckInCommand.class), "clientRequestId");
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\",\"membershipNumber\":[\"M1\"],\"location\":\"L\"}"),
                    CheckInCommand.class), "membershipNumber");
        }
    }

    @Nested
    class CheckOut {
        @Test
        void byVisitOrByNumberBinds() {
            assertThat(Json.convert(json("{\"clientRequestId\":\"r\",\"checkInId\":\"v1\"}"), CheckOutCommand.class).checkInId())
                    .isEqualTo("v1");
            assertThat(Json.convert(json("{\"clientRequestId\":\"r\",\"membershipNumber\":\"M1\"}"), CheckOutCommand.class)
                    .membershipNumber()).isEqualTo("M1");
        }

        @Test
        void missingTooLongAndWrongTypedFieldsAreNamed() {
            refused(() -> Json.convert(json("{\"checkInId\":\"v1\"}"), CheckOutCommand.class), "clientRequestId");
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\"}"), CheckOutCommand.class), "checkInId");
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\",\"checkInId\":\"" + "v".repeat(41) + "\"}"),
                    CheckOutCommand.class), "checkInId");
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\",\"membershipNumber\":\"" + "M".repeat(41) + "\"}"),
                    CheckOutCommand.class), "membershipNumber");
            refused(() -> Json.convert(json("{\"clientRequestId\":\"r\",\"checkInId\":\"v\",\"occurredAt\":true}"),
                    CheckOutCommand.class), "occurredAt");
        }
    }

    @Nested
    class ResumeAndAuthRefresh {
        @Test
        void resumeNeedsANonNegativeNumber() {
            assertThat(Json.convert(json("{\"lastSeq\":0}"), Resume.class).lastSeq()).isZero();
            assertThat(Json.convert(json("{\"lastSeq\":12345678901}"), Resume.class).lastSeq()).isEqualTo(12345678901L);
            refused(() -> Json.convert(json("{}"), Resume.class), "lastSeq");
            refused(() -> Json.convert(json("{\"lastSeq\":null}"), Resume.class), "lastSeq");
            refused(() -> Json.convert(json("{\"lastSeq\":-1}"), Resume.class), "lastSeq");
            refused(() -> Json.convert(json("{\"lastSeq\":\"abc\"}"), Resume.class), "lastSeq");
            refused(() -> Json.convert(json("{\"lastSeq\":{}}"), Resume.class), "lastSeq");
        }

        @Test
        void authRefreshNeedsAShortEnoughToken() {
            assertThat(Json.convert(json("{\"access\":\"a.b.c\"}"), AuthRefresh.class).access()).isEqualTo("a.b.c");
            refused(() -> Json.convert(json("{}"), AuthRefresh.class), "access");
            refused(() -> Json.convert(json("{\"access\":\"\"}"), AuthRefresh.class), "access");
            refused(() -> Json.convert(json("{\"access\":\"" + "x".repeat(4096) + "\"}"), AuthRefresh.class), "access");
            refused(() -> Json.convert(json("{\"access\":[1]}"), AuthRefresh.class), "access");
        }

        @Test
        void aPayloadThatIsNotAnObjectIsInvalidMessage() {
            assertThatThrownBy(() -> Json.convert(json("[1,2]"), Resume.class))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
        }
    }
}
