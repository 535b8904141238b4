package com.avgym.server.ws;

import java.time.Duration;

/**
 * Limits that keep one client from hurting the others. A scanner makes a frame a second at most, but a
 * desk coming back from an outage sends its queued scans at once: 200 frames/s with bursts of 400 lets
 * 1,000 queued scans through in about 5 s while a flood (thousands a second) is still cut off (4429).
 */
public record SocketLimits(Duration heartbeatInterval, int maxFrameBytes, int maxQueuedFrames, double framesPerSecond,
                           int burst, int rateStrikesBeforeClose, int violationsBeforeClose, int maxConnectionsPerUser,
                           int maxConnections) {

    public static SocketLimits defaults(Duration heartbeatInterval) {
        return new SocketLimits(heartbeatInterval, 64 * 1024, 256, 200, 400, 50, 10, 10, 1000);
    }

    /** No frame for this long and the server closes with 4408. */
    public Duration idleLimit() {
        return heartbeatInterval.multipliedBy(3);
    }

    public SocketLimits withMaxQueuedFrames(int n) {
        return new SocketLimits(heartbeatInterval, maxFrameBytes, n, framesPerSecond, burst, rateStrikesBeforeClose,
                violationsBeforeClose, maxConnectionsPerUser, maxConnections);
    }

    public SocketLimits withConnectionLimits(int perUser, int total) {
        return new SocketLimits(heartbeatInterval, maxFrameBytes, maxQueuedFrames, framesPerSecond, burst,
                rateStrikesBeforeClose, violationsBeforeClose, perUser, total);
    }
}
