package com.avgym.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code avgym <command>}: the one executable of the project; without a command it opens the desk app. */
@Command(name = "avgym", mixinStandardHelpOptions = true, version = "AV-Gym Desk 0.1",
        description = "AV-Gym front-desk check-in system.",
        subcommands = {DeskCommand.class, KioskCommand.class, ServerCommand.class, UsersCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        // No command: the desk, as double-clicking the installed app does.
        if (args.length == 0) {
            args = new String[] {"desk"};
        }
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0 || args.length == 0 || !"server".equals(args[0])) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
