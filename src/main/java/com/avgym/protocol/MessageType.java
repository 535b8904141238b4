package com.avgym.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every frame type of protocol v1, with its wire name and who sends it. See docs/PROTOCOL.md. */
public enum MessageType {
    // server -> client
    HELLO("hello", Sender.SERVER),
    INITIAL_STATS("initial_stats", Sender.SERVER),
    HEARTBEAT_ACK("heartbeat_ack", Sender.SERVER),
    CHECK_IN_SUCCESS("check_in_success", Sender.SERVER),
    CHECK_IN_ERROR("check_in_error", Sender.SERVER),
    CHECK_OUT_SUCCESS("check_out_success", Sender.SERVER),
    CHECK_OUT_ERROR("check_out_error", Sender.SERVER),
    RESUMED("resumed", Sender.SERVER),
    RESYNC_REQUIRED("resync_required", Sender.SERVER),
    AUTH_REFRESHED("auth_refreshed", Sender.SERVER),
    MEMBER_CHECKED_IN("member_checked_in", Sender.SERVER),
    MEMBER_CHECKED_OUT("member_checked_out", Sender.SERVER),
    STATS_UPDATE("stats_update", Sender.SERVER),
    MEMBER_UPDATED("member_updated", Sender.SERVER),
    REVIEWS_CHANGED("reviews_changed", Sender.SERVER),
    ERROR("error", Sender.SERVER),
    // client -> server
    HEARTBEAT("heartbeat", Sender.CLIENT),
    CHECK_IN("check_in", Sender.CLIENT),
    CHECK_OUT("check_out", Sender.CLIENT),
    RESUME("resume", Sender.CLIENT),
    AUTH_REFRESH("auth_refresh", Sender.CLIENT);

    public enum Sender { SERVER, CLIENT }

    private static final Map<String, MessageType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));

    private final String wireName;
    private final Sender sender;

    MessageType(String wireName, Sender sender) {
        this.wireName = wireName;
        this.sender = sender;
    }

    public String wireName() {
        return wireName;
    }

    public Sender sender() {
        return sender;
    }

    /** True for the types that are event-log broadcasts and so carry a {@code seq}. */
    public boolean isBroadcast() {
        return this == MEMBER_CHECKED_IN || this == MEMBER_CHECKED_OUT || this == STATS_UPDATE;
    }

    public static Optional<MessageType> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
