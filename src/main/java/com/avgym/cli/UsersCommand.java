package com.avgym.cli;

import com.avgym.server.auth.PasswordHasher;
import com.avgym.server.auth.Role;
import com.avgym.server.auth.UserStore;
import com.avgym.server.db.Database;
import com.avgym.server.storage.PrivateFiles;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code avgym users add --role staff NAME}: the password is read from the terminal or stdin, never argv. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage staff accounts.",
        subcommands = UsersCommand.Add.class)
final class UsersCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a staff account.")
    static final class Add implements Callable<Integer> {
        @Option(names = "--role", required = true, description = "admin, staff, trainer or kiosk (an unattended check-in device)")
        String role;
        @Option(names = "--full-name", description = "Full name shown in the desk app (default: the username).")
        String fullName;
        @Option(names = "--data", description = "Data directory (default ~/.avgym).")
        Path data;
        @Option(names = "--db", description = "JDBC URL (default: the SQLite file in the data dir).")
        String db;
        @Parameters(index = "0", description = "username")
        String username;

        @Override
        public Integer call() throws Exception {
            Role r;
            try {
                r = Role.parse(role);
            } catch (IllegalArgumentException e) {
                System.err.println("role must be one of " + Role.wireNames());
                return 2;
            }
            char[] password = readPassword();
            if (password.length < 8) {
                System.err.println("password must have at least 8 characters");
                return 2;
            }
            Path dataDir = data != null ? data : DataDirs.defaultDataDir();
            PrivateFiles.createPrivateDirectory(dataDir);
            try (Database database = Database.open(db, dataDir)) {
                UserStore users = new UserStore(database, Clock.systemUTC());
                if (users.byUsername(username).isPresent()) {
                    System.err.println("user " + username + " already exists");
                    return 1;
                }
                users.add(username, new PasswordHasher().hash(password), r, fullName != null ? fullName : username);
            }
            System.out.println("added " + r.wireName() + " " + username);
            return 0;
        }

        private static char[] readPassword() throws Exception {
            Console console = System.console();
            if (console != null) {
                return console.readPassword("password for the new user: ");
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? new char[0] : line.toCharArray();
        }
    }
}
