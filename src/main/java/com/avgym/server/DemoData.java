package com.avgym.server;

import com.avgym.server.auth.PasswordHasher;
import com.avgym.server.auth.Role;
import com.avgym.server.auth.UserStore;
import com.avgym.server.checkin.GymCalendar;
import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import com.avgym.server.photo.MemberPhotos;
import com.avgym.server.photo.PhotoImages;
import com.avgym.server.roster.RosterLedger;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo data for a first run: staff users desk/admin/trainer, the kiosk device user kiosk and members M0001..M0050. Every member has a
 * current subscription except M0049 (expired last month); M0050 is inactive. Seeds an empty database only.
 */
public final class DemoData {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String[] FIRST = {"Amara", "Ben", "Chloe", "Dawit", "Elena", "Farah", "Gabriel", "Hana",
            "Isaac", "Jasmine", "Kofi", "Lena", "Marco", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Samuel", "Tigist",
            "Umar", "Valeria", "William", "Xin", "Yonas"};
    private static final String[] LAST = {"Okafor", "Schmidt", "Tesfaye", "Moreau", "Haile", "Rossi", "Nakamura",
            "Alvarez", "Kowalski", "Mensah", "Johansson", "Bekele", "O'Connor", "Haddad", "Fischer", "Abebe", "Silva",
            "Kim", "Nguyen", "Patel", "Dubois", "Girma", "Larsen", "Costa", "Wright"};
    private static final String[][] PLANS = {{"Monthly", "4900", "30"}, {"Quarterly", "12900", "90"}, {"Annual", "44900", "365"}};

    private DemoData() {
    }

    /**
     * Seeds when there are no users and no members. Returns the generated password when none was given
     * (the caller shows it once), else null.
     */
    static String seedIfEmpty(Database db, UserStore users, PasswordHasher hasher, GymCalendar calendar, String password) {
        long existing = db.read(c -> Sql.count(c, "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM members)"));
        if (existing > 0) {
            return null;
        }
        String generated = password == null || password.isBlank() ? randomPassword() : null;
        String pw = generated != null ? generated : password;
        users.add("desk", hasher.hash(pw.toCharArray()), Role.STAFF, "Front Desk");
        users.add("admin", hasher.hash(pw.toCharArray()), Role.ADMIN, "Gym Admin");
        users.add("trainer", hasher.hash(pw.toCharArray()), Role.TRAINER, "Head Trainer");
        users.add("kiosk", hasher.hash(pw.toCharArray()), Role.KIOSK, "Entrance Kiosk");
        LocalDate today = calendar.today();
        long now = calendar.now().toEpochMilli();
        db.write(c -> {
            String[] planIds = new String[PLANS.length];
            for (int i = 0; i < PLANS.length; i++) {
                planIds[i] = UUID.randomUUID().toString();
                Sql.update(c, "INSERT INTO plans (id, name, price_cents, duration_days) VALUES (?,?,?,?)",
                        planIds[i], PLANS[i][0], Long.parseLong(PLANS[i][1]), Integer.parseInt(PLANS[i][2]));
            }
            for (int n = 1; n <= 50; n++) {
                String memberId = UUID.randomUUID().toString();
                int i = n - 1;
                // Distinct names for all 50: the surname index shifts by one on each pass over the first names.
                String name = FIRST[i % FIRST.length] + " " + LAST[(i * 7 + i / FIRST.length) % LAST.length];
                Sql.update(c, """
                        INSERT INTO members (id, membership_number, full_name, phone, status, notes, created_at, updated_at)
                        VALUES (?,?,?,?,?,?,?,?)""",
                        memberId, "M%04d".formatted(n), name, "+251 91 %03d %04d".formatted(100 + n, 1000 + n * 37),
                        n == 50 ? "inactive" : "active", null, now, now);
                MemberPhotos.put(c, memberId, PhotoImages.initials(name), null, now);
                int plan = n % PLANS.length;
                int days = Integer.parseInt(PLANS[plan][2]);
                LocalDate start;
                LocalDate end;
                String status;
                if (n == 49) {
                    end = today.withDayOfMonth(1).minusMonths(1).plusDays(9);
                    start = end.minusDays(days);
                    status = "expired";
                } else {
                    // Spread end dates so a few end within the week and show under "expiring".
                    end = today.plusDays(n % 10 == 0 ? n / 10 : 10 + (n * 13) % (days - 5));
                    start = end.minusDays(days);
                    if (start.isAfter(today)) {
                        start = today;
                    }
                    status = "active";
                }
                Sql.update(c, "INSERT INTO subscriptions (id, member_id, plan_id, start_date, end_date, status) VALUES (?,?,?,?,?,?)",
                        UUID.randomUUID().toString(), memberId, planIds[plan], start.toString(), end.toString(), status);
            }
            // One roster version for the whole seed, so a desk's delta after it holds every demo member.
            Sql.update(c, "UPDATE members SET roster_version = ?", RosterLedger.bump(c));
            return null;
        });
        log.info("seeded demo data: users desk, admin, trainer, kiosk; members M0001..M0050 with initials avatars");
        return generated;
    }

    private static String randomPassword() {
        final String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
