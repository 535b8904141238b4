package com.avgym.server.roster;

import static com.avgym.protocol.Validatable.noNul;
import static com.avgym.protocol.Validatable.present;
import static com.avgym.protocol.Validatable.require;

import com.avgym.protocol.Validatable;
import java.time.LocalDate;

/** Bodies of the member routes (docs/PROTOCOL.md section 11); each names its first bad field. */
public final class MemberChanges {
    static final int MAX_NAME = 200;
    static final int MAX_NUMBER = 40;
    static final int MAX_PHONE = 50;
    static final int MAX_PLAN = 100;

    private MemberChanges() {
    }

    /** POST /api/members; the number is generated when absent. */
    public record Create(String membershipNumber, String fullName, String phone, String planName,
                         LocalDate membershipEnd) implements Validatable {
        @Override
        public void validate() {
            require(present(fullName) && fullName.trim().length() <= MAX_NAME,
                    "field 'fullName' is required, at most " + MAX_NAME + " characters");
            require(membershipNumber == null || present(membershipNumber) && membershipNumber.trim().length() <= MAX_NUMBER
                    && membershipNumber.trim().chars().noneMatch(Character::isWhitespace),
                    "field 'membershipNumber' must be 1.." + MAX_NUMBER + " characters without spaces");
            common(phone, planName, membershipEnd);
            require(noNul(membershipNumber, fullName), "text fields may not contain U+0000");
        }
    }

    /** PATCH /api/members/{id}: only the fields present change. */
    public record Update(String fullName, String phone, String status, String planName,
                         LocalDate membershipEnd) implements Validatable {
        @Override
        public void validate() {
            require(fullName != null || phone != null || status != null || planName != null || membershipEnd != null,
                    "at least one of 'fullName', 'phone', 'status', 'planName', 'membershipEnd' is required");
            require(fullName == null || present(fullName) && fullName.trim().length() <= MAX_NAME,
                    "field 'fullName' must be 1.." + MAX_NAME + " characters");
            require(status == null || status.equals("active") || status.equals("inactive"),
                    "field 'status' must be active or inactive");
            common(phone, planName, membershipEnd);
            require(noNul(fullName), "text fields may not contain U+0000");
        }

        boolean changesMembership() {
            return planName != null || membershipEnd != null;
        }
    }

    private static void common(String phone, String planName, LocalDate membershipEnd) {
        require(phone == null || phone.length() <= MAX_PHONE, "field 'phone' must be at most " + MAX_PHONE + " characters");
        require(planName == null || present(planName) && planName.length() <= MAX_PLAN,
                "field 'planName' must be 1.." + MAX_PLAN + " characters");
        require(membershipEnd == null || membershipEnd.getYear() >= 2000 && membershipEnd.getYear() <= 2100,
                "field 'membershipEnd' must be a date in the years 2000-2100");
        require(noNul(phone, planName), "text fields may not contain U+0000");
    }
}
