package com.avgym.desk.viewmodel;

import com.avgym.protocol.message.MemberView;
import java.time.Instant;

/**
 * The desk's member list answering for the server while it cannot be reached: {@code member} as the list holds it
 * (null when the list has no such card), and {@code listAsOf}, when the list was last in step with the server.
 * The list knows nothing of visits, so {@code member.openCheckInId()} is always null.
 */
public record OfflineMember(MemberView member, Instant listAsOf) {
    /** Member search answered by the list: the members found (possibly none), and the list's age. */
    public record Search(java.util.List<MemberView> found, Instant listAsOf) {
    }
}
