package com.avgym.cli;

import com.avgym.desk.DeskLauncher;
import com.avgym.server.AvGymServer;
import com.avgym.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avgym desk} (also what {@code avgym} alone runs): the front-desk window. Without {@code --server} it
 * starts the backend in this process on a free local port, with demo data on the first run, so a single
 * machine needs nothing else.
 */
@Command(name = "desk", mixinStandardHelpOptions = true, description = "Open the front-desk app (the default command).")
final class DeskCommand implements Callable<Integer> {
    @Option(names = "--server", description = "Base URL of a running server, e.g. http://gym-server:8080; "
            + "default: start one inside this process.")
    URI server;
    @Option(names = "--data", description = "Data directory (default ~/.avgym, or $AVGYM_HOME).")
    Path data;
    @Option(names = "--location", defaultValue = "Front desk", description = "This desk's name on visits (default ${DEFAULT-VALUE}).")
    String location;

    @Override
    public Integer call() throws Exception {
        Path dataDir = data != null ? data : DataDirs.defaultDataDir();
        if (server != null) {
            DeskLauncher.run(server, false, dataDir, null, location);
            return 0;
        }
        ServerConfig config = ServerConfig.defaults(dataDir)
                .withAddress("127.0.0.1", 0)
                .withDemo(true, System.getenv("AVGYM_DEMO_PASSWORD"));
        try (AvGymServer embedded = AvGymServer.start(config)) {
            DeskLauncher.run(URI.create(embedded.baseUrl()), true, dataDir,
                    embedded.generatedDemoPassword().orElse(null), location);
        }
        return 0;
    }
}
