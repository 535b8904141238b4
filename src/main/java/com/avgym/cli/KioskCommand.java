package com.avgym.cli;

import picocli.CommandLine.Command;

/**
 * {@code avgym kiosk}: the unattended self check-in, full screen, with the desk's options ({@code --server},
 * {@code --data}...). Without {@code --server} it runs on the built-in demo backend, as the desk does.
 */
@Command(name = "kiosk", mixinStandardHelpOptions = true,
        description = "Open the full-screen self check-in kiosk (staff leave it with Ctrl+Alt+Shift+E).")
final class KioskCommand extends DeskCommand {
    @Override
    boolean kioskCommand() {
        return true;
    }
}
